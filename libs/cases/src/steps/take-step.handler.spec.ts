import { nextSteps } from '@app/workflow';
import { FATIMA, JOOST, NOW, RESEARCHER, SANNE, day, historyUpTo, stateOf } from '../testing/case-histories';
import { inviteStep, step, stepSpec, type StepSpec } from '../testing/step-spec';
import { eventIdOf } from '../case-repository';
import { generatedIds } from './generated-ids';

const CASE = 'garden-1';
let spec: StepSpec;
beforeEach(async () => (spec = await stepSpec()));
afterEach(() => spec.close());

const invite = (options: Parameters<typeof step>[3] = {}) =>
  inviteStep(CASE, { name: 'Kim de Boer' }, options);

describe('a case being prepared', () => {
  beforeEach(() => spec.given(CASE, ...historyUpTo(CASE, 'preparing')));

  it('invites a participant: one event appended, the case at the next revision', async () => {
    const then = await spec.when(invite());
    const taken = then.thenTaken({ appended: ['ParticipantInvited'], revision: 3, state: 'preparing' });
    const { commandId } = then.appended[0].metadata;
    expect(taken.participantId).toBe(generatedIds(commandId!).participantId);
    expect(taken.eventIds).toEqual([eventIdOf(commandId!, CASE, 0)]);
    expect(taken.state.participants.map((p) => p.name)).toEqual(['Kim de Boer']);
    expect(then.appended[0]).toMatchObject({
      stream: `case-${CASE}`,
      revision: 3,
      eventId: taken.eventIds[0],
      data: { at: NOW.toISOString(), participantId: taken.participantId },
      metadata: {
        occurredAt: NOW.toISOString(),
        actor: { id: 'admin-1', role: 'admin' },
        correlationId: 'spec',
      },
    });
  });

  it('refuses a conference scheduled in the past, as a value, and appends nothing', async () => {
    const then = await spec.when(
      step(
        'schedule-conference',
        { caseId: CASE },
        { type: 'ScheduleConference', startsAt: day(29), location: 'Buurthuis' },
      ),
    );
    then.thenRefused({
      kind: 'rule',
      rule: 'SCHEDULE.NOT_IN_FUTURE',
      currentState: 'preparing',
      nextSteps: nextSteps(stateOf(historyUpTo(CASE, 'preparing'))),
      message: expect.any(String),
    });
  });

  it('refuses an answer from a participant the case does not know', async () => {
    const then = await spec.when(
      step(
        'record-answer',
        { caseId: CASE, participantId: 'p-ghost' },
        { type: 'RecordAnswer', participantId: 'p-ghost', answer: 'accepted' },
      ),
    );
    then.thenRefused({ kind: 'participant-not-found', participantId: 'p-ghost' });
  });

  it('refuses a step the role may not take', async () => {
    const then = await spec.when(invite({ actor: RESEARCHER }));
    then.thenRefused({
      kind: 'forbidden',
      message: 'The role researcher may not take the step invite-participant.',
    });
  });

  it("refuses a coordinator a step on another coordinator's case", async () => {
    const then = await spec.when(invite({ actor: { ...FATIMA, id: 'coord-other' } }));
    then.thenRefused({ kind: 'forbidden', message: 'This case is not assigned to you.' });
  });

  it('lets the assigned coordinator take it', async () => {
    (await spec.when(invite({ actor: FATIMA }))).thenTaken({
      appended: ['ParticipantInvited'],
      revision: 3,
      state: 'preparing',
    });
  });

  it('refuses a stale If-Match with the current revision', async () => {
    (await spec.when(invite({ ifMatch: 1 }))).thenRefused({ kind: 'stale', expected: 1, current: 2 });
  });

  it('takes the step when If-Match names the current revision', async () => {
    (await spec.when(invite({ ifMatch: 2 }))).thenTaken({
      appended: ['ParticipantInvited'],
      revision: 3,
      state: 'preparing',
    });
  });
});

describe('an unknown case', () => {
  it('answers case-not-found and appends nothing', async () => {
    (await spec.when(invite())).thenRefused({ kind: 'case-not-found', caseId: CASE });
  });
});

describe('two participants accepted', () => {
  it('schedules the conference', async () => {
    await spec.given(CASE, ...historyUpTo(CASE, 'joost-accepted'));
    const then = await spec.when(
      step(
        'schedule-conference',
        { caseId: CASE },
        { type: 'ScheduleConference', startsAt: day(40), location: 'Buurthuis' },
      ),
    );
    const taken = then.thenTaken({ appended: ['ConferenceScheduled'], revision: 7, state: 'scheduled' });
    expect(taken.state.participants.map((p) => p.participantId)).toEqual([
      SANNE.participantId,
      JOOST.participantId,
    ]);
  });
});
