import { decide } from './decide';
import { fold } from './evolve';
import { nextSteps } from './next-steps';
import { RULES } from './rules';
import { historyUpTo, run, T0 } from './testing/cases';
import type { CaseState } from './types';

/** The same road walked by a case of each version, side by side. */
const side = (label: string) =>
  [1, 2].map((version) => fold(historyUpTo(label, 'group', version)) as CaseState) as [CaseState, CaseState];

describe('a version 1 case and a version 2 case side by side each answer their own nextSteps', () => {
  it('awaiting a coordinator: only version 2 revises the questions', () => {
    const [v1, v2] = side('awaiting-coordinator');
    expect(nextSteps(v1)).toEqual(['assign-coordinator', 'withdraw']);
    expect(nextSteps(v2)).toEqual(['revise-questions', 'assign-coordinator', 'withdraw']);
  });

  it('scheduled: only version 2 corrects, removes and adjourns', () => {
    const [v1, v2] = side('scheduled');
    expect(nextSteps(v1)).toEqual([
      'assign-coordinator',
      'invite-participant',
      'record-preparation',
      'record-answer',
      'schedule-conference',
      'hold-conference',
      'withdraw',
    ]);
    expect(nextSteps(v2)).toEqual([
      'revise-questions',
      'assign-coordinator',
      'invite-participant',
      'correct-participant',
      'remove-participant',
      'record-preparation',
      'record-answer',
      'schedule-conference',
      'adjourn-conference',
      'hold-conference',
      'withdraw',
    ]);
  });

  it('held: version 1 only records a plan; version 2 may also record that there is none', () => {
    const [v1, v2] = side('held');
    expect(nextSteps(v1)).toEqual(['record-plan']);
    expect(nextSteps(v2)).toEqual(['correct-participant', 'record-plan', 'record-no-plan']);
  });

  it('closed: nothing more for version 1; a follow-up conference for version 2', () => {
    const closed = (version: number) =>
      fold(
        run(
          [{ type: 'CloseCase' }],
          new Date('2025-03-20T09:00:00Z'),
          historyUpTo('followed-up', 'group', version),
        ),
      ) as CaseState;
    const [v1, v2] = [closed(1), closed(2)];
    expect([v1.status, v2.status]).toEqual(['closed', 'closed']);
    expect(nextSteps(v1)).toEqual([]);
    expect(nextSteps(v2)).toEqual(['request-follow-up-conference']);
  });

  it('a refusal lists the steps of the refused case’s own version', () => {
    const [v1, v2] = side('held');
    const noPlan = { type: 'RecordNoPlan', reason: 'No agreement.' } as const;
    expect(decide(v1, noPlan, new Date('2025-03-13T09:00:00Z'))).toMatchObject({
      ok: false,
      refusal: { rule: RULES.STEP_NOT_ALLOWED, currentState: 'held', nextSteps: ['record-plan'] },
    });
    expect(decide(v2, noPlan, new Date('2025-03-13T09:00:00Z'))).toMatchObject({ ok: true });
    expect(decide(v2, { type: 'CloseCase' }, T0)).toMatchObject({
      ok: false,
      refusal: { nextSteps: ['correct-participant', 'record-plan', 'record-no-plan'] },
    });
  });
});
