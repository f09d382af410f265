import type { Actor, HistoryEvent } from '../api/types';
import { ANSWER, KIND, MESSAGE_KIND, OUTCOME, ROLE, capital, formatDateTime, say } from './nl';

export const MESSAGE_EVENTS = ['MessageSent', 'MessageFailed'];

/** A history event of the case itself (not a message outcome): these have the case's revisions. */
export const isCaseEvent = (event: HistoryEvent): boolean => !MESSAGE_EVENTS.includes(event.type);

/** Who the participants were, by id, as the history named them (the last name given wins). */
export function participantNames(events: HistoryEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { type, data } of events) {
    if ((type === 'ParticipantInvited' || type === 'ParticipantCorrected') && typeof data.name === 'string')
      names.set(String(data.participantId), data.name);
  }
  return names;
}

function actorName(actor: Actor | undefined, names: Map<string, string>): string {
  if (!actor) return 'Iemand';
  if (actor.role === 'participant') return names.get(actor.id) ?? 'Een deelnemer';
  if (actor.name) return actor.name;
  return `Een ${say(ROLE, actor.role) || 'medewerker'}`;
}

/** One event of the history as a short Dutch sentence: "Fatima de Vries nodigde Anna Jansen uit." */
export function sentence(event: HistoryEvent, names: Map<string, string>): string {
  const d = event.data as Record<string, string | boolean | string[] | undefined> & {
    applicant?: { name?: string };
  };
  const who = actorName(event.actor, names);
  const person = names.get(String(d.participantId)) ?? 'een deelnemer';
  const when = (iso: unknown) => formatDateTime(typeof iso === 'string' ? iso : undefined);
  switch (event.type) {
    case 'ConferenceRequested':
      return `${who} vroeg een ${say(KIND, String(d.kind)).toLowerCase()} aan${d.applicant?.name ? ` voor ${d.applicant.name}` : ''}.`;
    case 'IntakeCompleted':
      return `${who} rondde de intake af.`;
    case 'RequestDeclined':
      return `${who} wees de aanvraag af.`;
    case 'QuestionsRevised':
      return `${who} paste de vragen voor de conferentie aan.`;
    case 'CoordinatorAssigned':
      return `${who} maakte ${d.name} ${d.replaces ? 'de nieuwe coördinator' : 'coördinator'}.`;
    case 'ParticipantInvited':
      return `${who} nodigde ${person} uit.`;
    case 'ParticipantCorrected':
      return `${who} verbeterde de gegevens van ${person}.`;
    case 'ParticipantRemoved':
      return `${who} haalde ${person} van de lijst.`;
    case 'ParticipantPrepared':
      return `${who} bereidde ${person} voor op de conferentie.`;
    case 'ParticipantAnswered': {
      const comes = d.answer === 'accepted';
      if (event.actor?.role === 'participant')
        return `${person} liet weten: ${say(ANSWER, String(d.answer)).toLowerCase()}.`;
      return `${who} noteerde dat ${person} ${comes ? 'komt' : 'niet komt'}.`;
    }
    case 'ConferenceScheduled':
      return d.rescheduled
        ? `${who} verplaatste de conferentie naar ${when(d.startsAt)} in ${d.location}.`
        : `${who} plande de conferentie op ${when(d.startsAt)} in ${d.location}.`;
    case 'ConferenceAdjourned':
      return `${who} schorste de conferentie. Die gaat verder op ${when(d.continuesAt)}.`;
    case 'ConferenceHeld':
      return `${who} noteerde dat de conferentie is gehouden.`;
    case 'PlanRecorded':
      return `${who} legde het plan vast.`;
    case 'NoPlanRecorded':
      return `${who} noteerde dat er geen plan kwam.`;
    case 'PlanDistributed':
      return `${who} verspreidde het plan.`;
    case 'FollowUpContacted':
      return `${who} had nazorgcontact: ${say(OUTCOME, String(d.outcome)).toLowerCase()}.`;
    case 'FollowUpConferenceRequested':
      return `${who} vroeg een vervolgconferentie aan.`;
    case 'CaseWithdrawn':
      return `${who} trok de zaak in.`;
    case 'CaseClosed':
      return `${who} sloot de zaak.`;
    case 'MessageSent':
      return `Tafel stuurde ${person} ${say(MESSAGE_KIND, String(d.kind))}.`;
    case 'MessageFailed':
      return `${capital(say(MESSAGE_KIND, String(d.kind)))} aan ${person} kwam niet aan.`;
    default:
      return `${who}: ${event.type}.`;
  }
}

/** The history as sentences, oldest first. */
export function timeline(
  events: HistoryEvent[],
): { key: string; at: string; text: string; revision?: number }[] {
  const names = participantNames(events);
  return events.map((event) => ({
    key: `${event.stream}:${event.revision}`,
    at: event.occurredAt,
    text: sentence(event, names),
    revision: isCaseEvent(event) ? event.revision : undefined,
  }));
}
