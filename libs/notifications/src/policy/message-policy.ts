import { deterministicId } from '@app/kernel';
import { ERASED, type CaseState, type Participant } from '@app/workflow';
import type { MessageKind, NotificationSettings, PlannedMessage, ReachBy } from './message.types';

const iso = (ms: number): string => new Date(ms).toISOString();
const time = (at: string): number => new Date(at).getTime();

/**
 * The message id: the same case, kind, recipient and due time (and, for a date notice, schedule
 * sequence) always give the same id.
 */
export const messageKey = (
  caseId: string,
  kind: MessageKind,
  participantId: string,
  dueAt: string,
  sequence?: number,
): string =>
  sequence === undefined
    ? deterministicId('message', caseId, kind, participantId, dueAt)
    : deterministicId('message', caseId, kind, participantId, dueAt, `sequence ${sequence}`);

/** How a participant is told: by mail, by phone (no address), or not at all (erased). */
export function reachByOf(p: Pick<Participant, 'name' | 'email'>): ReachBy {
  if (p.name === ERASED || p.email === ERASED) return 'erased';
  return p.email ? 'email' : 'phone';
}

function planned(
  state: CaseState,
  kind: MessageKind,
  p: Participant,
  dueMs: number,
  extra: Pick<PlannedMessage, 'expiresAt' | 'offsetMs' | 'sequence'> = {},
): PlannedMessage {
  const dueAt = iso(dueMs);
  const reachBy = reachByOf(p);
  return {
    key: messageKey(state.id, kind, p.participantId, dueAt, extra.sequence),
    caseId: state.id,
    kind,
    participantId: p.participantId,
    reachBy,
    ...(reachBy === 'email' ? { email: p.email } : {}),
    dueAt,
    ...extra,
  };
}

const beforeConference = (state: CaseState) => state.status === 'preparing' || state.status === 'scheduled';

/** Whether the participant was invited before the date was set (or last changed) at `at`. */
const invitedBefore = (p: Participant, at: string) => time(p.invitedAt) < time(at);

/**
 * The notice of the current date, to a participant invited before it was set (someone invited later
 * reads the date in their invitation): `conference-scheduled` for the first date (sequence 0),
 * `conference-rescheduled` for a change. Only the newest is planned: its key holds the sequence, so
 * a notice of an older date still queued drops out of the plan and is cancelled.
 */
function dateNotice(state: CaseState, p: Participant): PlannedMessage | undefined {
  const s = state.schedule;
  if (state.status !== 'scheduled' || !s || !invitedBefore(p, s.scheduledAt)) return undefined;
  const sequence = s.sequence ?? 0;
  const kind = sequence === 0 ? 'conference-scheduled' : 'conference-rescheduled';
  return planned(state, kind, p, time(s.scheduledAt), { expiresAt: s.startsAt, sequence });
}

/**
 * A withdrawn case whose date was told (a date notice or an invitation with the date was planned for
 * every participant invited before the withdrawal) and had not come yet: the date is cancelled.
 */
function cancelNotices(state: CaseState): PlannedMessage[] {
  const s = state.schedule;
  const w = state.withdrawal;
  if (!s || !w || state.conference || time(w.at) >= time(s.startsAt)) return [];
  const sequence = s.sequence ?? 0;
  return state.participants
    .filter((p) => reachByOf(p) !== 'erased' && !p.removed && p.answer !== 'declined')
    .filter((p) => time(p.invitedAt) <= time(w.at))
    .map((p) => planned(state, 'conference-cancelled', p, time(w.at), { expiresAt: s.startsAt, sequence }));
}

function preparationMessages(state: CaseState, p: Participant, s: NotificationSettings): PlannedMessage[] {
  if (p.answer === 'declined') return [];
  const out = [planned(state, 'invitation', p, time(p.invitedAt))];
  if (!beforeConference(state)) return out;
  // A corrected address before they answered: the first invitation may never have reached them.
  if (p.emailCorrectedAt && !p.answer) out.push(planned(state, 'invitation', p, time(p.emailCorrectedAt)));
  const startsMs = state.schedule ? time(state.schedule.startsAt) : Infinity;
  const expiresAt = state.schedule?.startsAt;
  const nudgeMs = time(p.invitedAt) + s.answerNudgeAfterMs;
  if (!p.answer && nudgeMs < startsMs)
    out.push(planned(state, 'answer-nudge', p, nudgeMs, expiresAt ? { expiresAt } : {}));
  const notice = dateNotice(state, p);
  if (notice) out.push(notice);
  if (state.status === 'scheduled' && state.schedule) {
    const plannedFrom = Math.max(time(state.schedule.scheduledAt), time(p.invitedAt));
    for (const offsetMs of s.reminderOffsetsMs) {
      const dueMs = startsMs - offsetMs;
      if (dueMs > plannedFrom) out.push(planned(state, 'reminder', p, dueMs, { expiresAt, offsetMs }));
    }
  }
  return out;
}

function afterConferenceMessages(
  state: CaseState,
  p: Participant,
  s: NotificationSettings,
): PlannedMessage[] {
  const d = state.distribution;
  if (!d || !d.recipients.includes(p.participantId)) return [];
  const out = [planned(state, 'plan', p, time(d.distributedAt))];
  if (state.status === 'plan-distributed' && p.researchContact !== false)
    out.push(planned(state, 'follow-up', p, time(d.distributedAt) + s.followUpAfterMs));
  return out;
}

/**
 * Every message the case calls for now, to every participant (those without an e-mail address
 * marked `reachBy: 'phone'`; none to an erased one), whether due already or later. A message that was planned before and
 * is missing now is cancelled: a declined answer, a withdrawn case, a reschedule (the reminders move:
 * their due time, and so their key, changes), a closed case (no follow-up contact). An invitation
 * and the plan announce facts and go out even when the case has moved on, unless it was withdrawn.
 * A removed participant gets nothing more (what was still due is cancelled); one who said no to
 * research contact gets no follow-up mail. A withdrawn case calls for one message only: the notice
 * that its date is cancelled, to everyone who was told the date.
 */
export function planMessages(state: CaseState, settings: NotificationSettings): PlannedMessage[] {
  if (state.status === 'withdrawn') return cancelNotices(state);
  if (state.status === 'declined') return [];
  const out: PlannedMessage[] = [];
  for (const p of state.participants) {
    if (reachByOf(p) === 'erased' || p.removed) continue;
    out.push(...preparationMessages(state, p, settings), ...afterConferenceMessages(state, p, settings));
  }
  return out;
}

export interface DueMessages {
  /** To be sent now (or reached by phone now): due, not yet sent or given up on. */
  due: PlannedMessage[];
  /** Planned for later. */
  later: PlannedMessage[];
}

/**
 * What is due for one case at `now`, leaving out what was already sent, failed or given up on
 * (`done`: message keys with an outcome).
 */
export function dueMessages(
  state: CaseState,
  done: ReadonlySet<string>,
  settings: NotificationSettings,
  now: Date,
): DueMessages {
  const nowIso = now.toISOString();
  const result: DueMessages = { due: [], later: [] };
  for (const m of planMessages(state, settings)) {
    if (done.has(m.key)) continue;
    (m.dueAt <= nowIso ? result.due : result.later).push(m);
  }
  return result;
}
