import { WORKFLOW_VERSION, type DomainEvent } from '@app/workflow';
import { PERSONAL, day, historyUpTo, next } from '../testing/case-histories';
import { NOTHING_YET, evolveFlowRow, type FlowRow } from './flow-row';

const rowOf = (events: DomainEvent[]) =>
  events.reduce<FlowRow | undefined>((row, event) => evolveFlowRow(row, event), undefined);

/** A distributed case, followed up twice (day 20: partly, day 25: on track), then a follow-up conference. */
function followedUp(): DomainEvent[] {
  let events = historyUpTo('a', 'plan-distributed');
  const step = (command: Parameters<typeof next>[1]) => (events = [...events, ...next(events, command)]);
  step({ type: 'ContactFollowUp', contactedAt: day(20), outcome: 'partly', notes: 'Sanne Bakker belt.' });
  step({ type: 'ContactFollowUp', contactedAt: day(25), outcome: 'on-track' });
  step({ type: 'RequestFollowUpConference', followUpCaseId: 'b', reason: 'Joost Visser wil verder.' });
  return events;
}

describe('a flow row', () => {
  it('has no row before the case is requested', () => {
    expect(rowOf([])).toBeUndefined();
  });

  it('records the milestones of a case on the main path, the conference at its heldAt', () => {
    expect(rowOf(historyUpTo('a', 'plan-distributed'))).toEqual({
      caseId: 'a',
      workflowVersion: WORKFLOW_VERSION,
      kind: 'group',
      region: 'Utrecht',
      state: 'plan-distributed',
      followUpOf: null,
      ...NOTHING_YET,
      issueType: 'other', // version 2 codes an uncoded intake as other
      requestedAt: day(0),
      intakeCompletedAt: day(1),
      coordinatorAssignedAt: day(2),
      conferenceHeldAt: day(7.5),
      planDistributedAt: day(10),
    });
  });

  it('keeps the first follow-up, counts every outcome and notes a follow-up conference', () => {
    expect(rowOf(followedUp())).toMatchObject({
      state: 'followed-up',
      firstFollowUpAt: day(20),
      followUpOutcomes: { partly: 1, 'on-track': 1 },
      followUpConferenceRequested: true,
    });
  });

  it('keeps the first coordinator assignment when the coordinator is replaced', () => {
    const events = historyUpTo('a', 'preparing');
    const replaced = next(events, {
      type: 'AssignCoordinator',
      coordinatorId: 'coord-2',
      name: 'Kees',
      email: 'kees@example.org',
      independenceDeclared: true,
      reason: 'ziek',
    });
    expect(rowOf([...events, ...replaced])).toMatchObject({
      state: 'preparing',
      coordinatorAssignedAt: day(2),
    });
  });

  it('records a decline and a withdrawal with their reason codes', () => {
    const requested = historyUpTo('a', 'requested');
    const declined = next(requested, { type: 'DeclineRequest', reason: 'Onveilig.', reasonCode: 'safety' });
    expect(rowOf([...requested, ...declined])).toMatchObject({
      state: 'declined',
      declinedAt: expect.any(String),
      declineReasonCode: 'safety',
    });
    const withdrawn = next(requested, {
      type: 'WithdrawCase',
      reason: 'Weg.',
      reasonCode: 'applicant-withdrew',
    });
    expect(rowOf([...requested, ...withdrawn])).toMatchObject({
      state: 'withdrawn',
      withdrawalReasonCode: 'applicant-withdrew',
    });
  });

  it('holds no name, e-mail address or free text of the case', () => {
    const text = JSON.stringify(rowOf(followedUp()));
    for (const fragment of [...PERSONAL, 'Buurthuis', 'belt', 'verder', 'garden', 'Mows', 'meet again'])
      expect(text).not.toContain(fragment);
  });
});
