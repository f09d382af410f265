import type { CaseState, CaseStatus } from '../types';

const time = (iso: string): number => Date.parse(iso);
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/** What each state needs to have been recorded, written from DOMAIN.md, not from evolve. */
const NEEDS: Record<CaseStatus, (c: CaseState) => boolean> = {
  requested: (c) => c.conferenceQuestions.length === 0 && c.coordinator === undefined,
  declined: (c) => c.declineReason !== undefined && c.coordinator === undefined,
  'awaiting-coordinator': (c) => c.conferenceQuestions.length > 0 && c.coordinator === undefined,
  preparing: (c) => c.coordinator !== undefined && c.schedule === undefined,
  scheduled: (c) => c.schedule !== undefined && c.conference === undefined,
  held: (c) => c.conference !== undefined && c.plan === undefined,
  'no-plan': (c) => c.conference !== undefined && c.noPlan !== undefined && c.plan === undefined,
  'plan-recorded': (c) => c.plan !== undefined && c.distribution === undefined,
  'plan-distributed': (c) => c.distribution !== undefined && c.followUps.length === 0,
  'followed-up': (c) => c.followUps.length > 0,
  withdrawn: (c) => c.withdrawal !== undefined && c.conference === undefined,
  closed: (c) => c.distribution !== undefined && c.closedAt !== undefined,
};

/**
 * The rules of DOMAIN.md as facts about a folded case, each checked on its own: the names of those
 * that do not hold (none for a case that only ever took accepted steps).
 */
export function brokenInvariants(c: CaseState): string[] {
  const invited = c.participants.map((p) => p.participantId);
  const accepted = c.participants.filter((p) => p.answer === 'accepted');
  const attendees = c.conference?.attendees ?? [];
  const facts: Record<string, boolean> = {
    [`status ${c.status} has what it needs`]: NEEDS[c.status](c),
    'participant ids are unique': new Set(invited).size === invited.length,
    'a coordinator only after conference questions': !c.coordinator || c.conferenceQuestions.length > 0,
    'invitations only after a coordinator': invited.length === 0 || c.coordinator !== undefined,
    'held only when scheduled, with two accepted': !c.conference || (!!c.schedule && accepted.length >= 2),
    'held no earlier than scheduled':
      !c.conference || !c.schedule || time(c.conference.heldAt) >= time(c.schedule.scheduledAt),
    'attendees were invited': attendees.every((id) => invited.includes(id)),
    'a group conference has no private part':
      c.kind !== 'group' || c.conference?.privatePartHeld === undefined,
    'a family conference records its private part':
      c.kind !== 'family' || !c.conference || typeof c.conference.privatePartHeld === 'boolean',
    'a plan only after the conference': !c.plan || !!c.conference,
    'a plan has agreements owned by attendees':
      !c.plan ||
      (c.plan.agreements.length > 0 &&
        c.plan.agreements.every(
          (a) => a.ownerIds.length > 0 && a.ownerIds.every((id) => attendees.includes(id)),
        )),
    'the plan goes to exactly the attendees':
      !c.distribution || sameSet(c.distribution.recipients, attendees),
    'follow-up only after distribution':
      (c.followUps.length === 0 && c.followUpCases.length === 0) || !!c.distribution,
    'contact no earlier than distribution': c.followUps.every(
      (f) => !!c.distribution && time(f.contactedAt) >= time(c.distribution.distributedAt),
    ),
    'follow-up cases are other, distinct cases':
      !c.followUpCases.includes(c.id) && new Set(c.followUpCases).size === c.followUpCases.length,
  };
  return Object.entries(facts)
    .filter(([, holds]) => !holds)
    .map(([name]) => name);
}
