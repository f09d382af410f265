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
  held: (c) => c.conference !== undefined && c.plan === undefined && c.noPlan === undefined,
  'no-plan': (c) => c.conference !== undefined && c.noPlan !== undefined && c.plan === undefined,
  'plan-recorded': (c) => c.plan !== undefined && c.distribution === undefined,
  'plan-distributed': (c) => c.distribution !== undefined && c.followUps.length === 0,
  'followed-up': (c) => c.followUps.length > 0,
  withdrawn: (c) => c.withdrawal !== undefined && c.conference === undefined,
  closed: (c) => (c.distribution !== undefined || c.noPlan !== undefined) && c.closedAt !== undefined,
};

/** The rules of DOMAIN.md that hold for every version, as facts about a folded case. */
function shared(c: CaseState): Record<string, boolean> {
  const invited = c.participants.map((p) => p.participantId);
  return {
    [`status ${c.status} has what it needs`]: NEEDS[c.status](c),
    'participant ids are unique': new Set(invited).size === invited.length,
    'a coordinator only after conference questions': !c.coordinator || c.conferenceQuestions.length > 0,
    'invitations only after a coordinator': invited.length === 0 || c.coordinator !== undefined,
    'held no earlier than scheduled':
      !c.conference || !c.schedule || time(c.conference.heldAt) >= time(c.schedule.scheduledAt),
    'a group conference has no private part':
      c.kind !== 'group' || c.conference?.privatePartHeld === undefined,
    'a family conference records its private part':
      c.kind !== 'family' || !c.conference || typeof c.conference.privatePartHeld === 'boolean',
    'a plan only after the conference': !c.plan || !!c.conference,
    'a plan has agreements': !c.plan || c.plan.agreements.every((a) => a.ownerIds.length > 0),
    'contact only after distribution, and no earlier': c.followUps.every(
      (f) => !!c.distribution && time(f.contactedAt) >= time(c.distribution.distributedAt),
    ),
    'follow-up cases are other, distinct cases':
      !c.followUpCases.includes(c.id) && new Set(c.followUpCases).size === c.followUpCases.length,
  };
}

/** Version 1: attendees own the agreements and get the plan. */
function version1(c: CaseState): Record<string, boolean> {
  const invited = c.participants.map((p) => p.participantId);
  const accepted = c.participants.filter((p) => p.answer === 'accepted');
  const attendees = c.conference?.attendees ?? [];
  return {
    'held only when scheduled, with two accepted': !c.conference || (!!c.schedule && accepted.length >= 2),
    'attendees were invited': attendees.every((id) => invited.includes(id)),
    'a plan has agreements owned by attendees':
      !c.plan ||
      (c.plan.agreements.length > 0 &&
        c.plan.agreements.every((a) => a.ownerIds.every((id) => attendees.includes(id)))),
    'the plan goes to exactly the attendees':
      !c.distribution || sameSet(c.distribution.recipients, attendees),
    'a follow-up conference only after distribution': c.followUpCases.length === 0 || !!c.distribution,
    'nothing of version 2 is recorded':
      c.noPlan === undefined &&
      c.adjournments === undefined &&
      c.questionRevisions === undefined &&
      c.issueType === undefined &&
      c.declineReasonCode === undefined &&
      c.withdrawal?.reasonCode === undefined &&
      c.participants.every((p) => Object.keys(p).every((k) => !V2_PARTICIPANT_FIELDS.includes(k))),
  };
}
const V2_PARTICIPANT_FIELDS = [
  'language',
  'researchContact',
  'correctedAt',
  'removed',
  'removedAt',
  'removalReason',
];

/**
 * Version 2: removed participants take no further part; anyone invited and not removed may own an
 * agreement; the plan goes to those who attended (any meeting) and those who accepted, never to a
 * removed one; a follow-up conference also after a conference without a plan.
 */
function version2(c: CaseState): Record<string, boolean> {
  const present = c.participants.filter((p) => !p.removed).map((p) => p.participantId);
  const accepted = c.participants.filter((p) => p.answer === 'accepted' && !p.removed);
  const meetings = [...(c.adjournments ?? []), ...(c.conference ? [c.conference] : [])];
  const attended = meetings.flatMap((m) => m.attendees);
  const recipients = c.participants
    .filter((p) => !p.removed && (attended.includes(p.participantId) || p.answer === 'accepted'))
    .map((p) => p.participantId);
  return {
    'held only when scheduled, with two accepted who were not removed':
      !c.conference || (!!c.schedule && accepted.length >= 2),
    'the conference was attended only by invited participants who were not removed': (
      c.conference?.attendees ?? []
    ).every((id) => present.includes(id)),
    'an adjourned meeting was attended only by invited participants not removed by then': (
      c.adjournments ?? []
    ).every((a) =>
      a.attendees.every((id) => {
        const p = c.participants.find((x) => x.participantId === id);
        return !!p && (!p.removedAt || time(p.removedAt) >= time(a.adjournedAt));
      }),
    ),
    'a removed participant is removed with a time and a reason': c.participants.every(
      (p) => (p.removed === true) === (p.removedAt !== undefined && p.removalReason !== undefined),
    ),
    'a plan has agreements owned by invited participants who were not removed':
      !c.plan ||
      (c.plan.agreements.length > 0 &&
        c.plan.agreements.every((a) => a.ownerIds.every((id) => present.includes(id)))),
    'the plan goes to exactly those who attended or accepted, not removed':
      !c.distribution || sameSet(c.distribution.recipients, recipients),
    'a plan or no plan, never both': !(c.plan && c.noPlan),
    'a follow-up conference only after distribution or no plan':
      c.followUpCases.length === 0 || !!c.distribution || !!c.noPlan,
    'an adjourned meeting took place before it was recorded, and continues after': (
      c.adjournments ?? []
    ).every((a) => time(a.heldAt) <= time(a.adjournedAt) && time(a.adjournedAt) < time(a.continuesAt)),
    'the conference was held after each adjournment':
      !c.conference || (c.adjournments ?? []).every((a) => time(c.conference!.heldAt) >= time(a.adjournedAt)),
  };
}

/**
 * The rules of DOMAIN.md as facts about a folded case, each checked on its own, under the case's own
 * workflow version: the names of those that do not hold (none for a case that only ever took
 * accepted steps).
 */
export function brokenInvariants(c: CaseState): string[] {
  const facts = { ...shared(c), ...(c.workflowVersion >= 2 ? version2(c) : version1(c)) };
  return Object.entries(facts)
    .filter(([, holds]) => !holds)
    .map(([name]) => name);
}
