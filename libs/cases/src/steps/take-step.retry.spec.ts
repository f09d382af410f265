import { newEvents } from '@app/event-store/testing';
import { JOOST, historyUpTo, next } from '../testing/case-histories';
import { step, stepSpec, type StepSpec } from '../testing/step-spec';
import type { StepTaken } from './step-outcome';

const CASE = 'garden-1';
const STREAM = `case-${CASE}`;
let spec: StepSpec;
beforeEach(async () => (spec = await stepSpec()));
afterEach(() => spec.close());

/** Before each of the handler's first `times` appends, another writer appends `events()` to the case. */
function anotherWriterFirst(events: () => Promise<void>, times = 1): { appends: number } {
  const seen = { appends: 0 };
  spec.hooks.beforeAppend = async () => {
    if (seen.appends++ < times) await events();
  };
  return seen;
}

const inviteKim = (ifMatch?: number) =>
  step(
    'invite-participant',
    { caseId: CASE },
    { type: 'InviteParticipant', participantId: 'p-kim', name: 'Kim de Boer', role: 'school' },
    { ifMatch },
  );

describe('a step whose append loses a race to another writer', () => {
  const history = historyUpTo(CASE, 'sanne-invited');
  beforeEach(() => spec.given(CASE, ...history));

  it('reads the case again, decides again, and appends after the other writer', async () => {
    const inviteJoost = next(history, { type: 'InviteParticipant', ...JOOST, role: 'neighbour' });
    const seen = anotherWriterFirst(() => spec.given(CASE, ...inviteJoost));
    const { outcome } = await spec.when(inviteKim());
    expect(seen.appends).toBe(2);
    expect(outcome).toMatchObject({ ok: true, revision: 5, appended: ['ParticipantInvited'] });
    expect((outcome as StepTaken).state.participants.map((p) => p.participantId)).toEqual([
      'p-sanne',
      'p-joost',
      'p-kim',
    ]);
    const stream = await spec.stream(CASE);
    expect(stream.slice(4).map((e) => (e.data as { participantId: string }).participantId)).toEqual([
      'p-joost',
      'p-kim',
    ]);
  });

  it('judges the step again on the case the other writer left: a withdrawn case refuses it', async () => {
    const withdraw = next(history, { type: 'WithdrawCase', reason: 'The applicant moved away.' });
    anotherWriterFirst(() => spec.given(CASE, ...withdraw));
    const { outcome } = await spec.when(inviteKim());
    expect(outcome).toMatchObject({
      ok: false,
      refusal: { kind: 'rule', rule: 'CASE.STEP_NOT_ALLOWED', currentState: 'withdrawn' },
    });
    expect((await spec.stream(CASE)).map((e) => e.type).slice(4)).toEqual(['CaseWithdrawn']);
  });

  it('answers stale with the revision the other writer left when If-Match was given', async () => {
    const seen = anotherWriterFirst(() =>
      spec.store.append(STREAM, newEvents(2), { expectedRevision: 3 }).then(),
    );
    const then = await spec.when(inviteKim(3));
    expect(then.outcome).toEqual({ ok: false, refusal: { kind: 'stale', expected: 3, current: 5 } });
    expect(seen.appends).toBe(1);
    expect(then.appended.map((e) => e.type)).toEqual(['NoteAdded', 'NoteAdded']);
  });

  it('gives up as unavailable after eight lost races, having appended nothing', async () => {
    const seen = anotherWriterFirst(
      () => spec.store.append(STREAM, newEvents(1), { expectedRevision: 'any' }).then(),
      Infinity,
    );
    await expect(spec.when(inviteKim())).rejects.toMatchObject({
      code: 'CASE.CONCURRENCY_EXHAUSTED',
      category: 'unavailable',
    });
    expect(seen.appends).toBe(8);
    expect((await spec.stream(CASE)).filter((e) => e.type === 'ParticipantInvited')).toHaveLength(1);
  });
});
