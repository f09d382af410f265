import { FATIMA, JOOST, PERSONAL, historyUpTo, next } from '../testing/case-histories';
import { inviteStep, step, stepSpec, type StepSpec } from '../testing/step-spec';
import type { StepTaken } from './step-outcome';

const CASE = 'garden-1';
let spec: StepSpec;
beforeEach(async () => (spec = await stepSpec()));
afterEach(() => spec.close());

const KIM = { name: 'Kim de Boer', email: 'kim@example.org' };
const inviteKim = (key: string, name = KIM.name) => inviteStep(CASE, { ...KIM, name }, { key });

const storedRecords = async (): Promise<string> =>
  JSON.stringify(await spec.db.all('SELECT * FROM tafel_step_outcomes'));

describe('a keyed step sent again', () => {
  beforeEach(() => spec.given(CASE, ...historyUpTo(CASE, 'sanne-invited')));

  it('answers as the first time and appends nothing', async () => {
    const first = await spec.when(inviteKim('k-1'));
    const again = await spec.when(inviteKim('k-1'));
    expect(first.appended.map((e) => e.type)).toEqual(['ParticipantInvited']);
    expect(again.outcome).toEqual(first.outcome);
    expect(again.appended).toEqual([]);
  });

  it('keeps references only: no name or e-mail in the stored record', async () => {
    const { outcome } = await spec.when(inviteKim('k-1'));
    const records = await storedRecords();
    expect(records).toContain((outcome as StepTaken).eventIds[0]);
    for (const personal of [...PERSONAL, KIM.name, KIM.email]) expect(records).not.toContain(personal);
  });

  it('refuses the same key for a different command as key-reused, appending nothing', async () => {
    await spec.when(inviteKim('k-1'));
    (await spec.when(inviteKim('k-1', 'Kim van Dijk'))).thenRefused({ kind: 'key-reused' });
  });

  it('answers from the stream, without appending again, when its events were stored but its record was not', async () => {
    jest.spyOn(spec.outcomes, 'put').mockRejectedValueOnce(new Error('crashed before the record'));
    await expect(spec.when(inviteKim('k-1'))).rejects.toThrow('crashed before the record');
    const [invited] = (await spec.stream(CASE)).slice(4);
    await spec.given(
      CASE,
      ...next(historyUpTo(CASE, 'sanne-invited'), { type: 'InviteParticipant', ...JOOST, role: 'neighbour' }),
    );

    const retry = await spec.when(inviteKim('k-1'));
    expect(retry.appended).toEqual([]);
    expect(retry.outcome).toMatchObject({
      ok: true,
      revision: 4,
      eventIds: [invited.eventId],
      appended: ['ParticipantInvited'],
    });
    expect((retry.outcome as StepTaken).state.participants.map((p) => p.name)).toEqual([
      'Sanne Bakker',
      KIM.name,
    ]);
    expect(await spec.outcomes.get('admin-1', 'k-1')).toMatchObject({
      outcome: { revision: 4, eventIds: [invited.eventId] },
    });
  });

  it('answers from the stream when its record is gone', async () => {
    const first = await spec.when(inviteKim('k-1'));
    await spec.db.run('DELETE FROM tafel_step_outcomes');
    const retry = await spec.when(inviteKim('k-1'));
    expect(retry.appended).toEqual([]);
    expect(retry.outcome).toEqual(first.outcome);
  });
});

describe('a keyed step that was refused', () => {
  const history = historyUpTo(CASE, 'awaiting-coordinator');
  const schedule = (key: string) =>
    step(
      'schedule-conference',
      { caseId: CASE },
      { type: 'ScheduleConference', startsAt: '2025-07-01T18:00:00.000Z', location: 'Buurthuis' },
      { key },
    );
  const assignFatima = next(history, {
    type: 'AssignCoordinator',
    coordinatorId: FATIMA.id,
    name: FATIMA.name,
    email: 'fatima@example.org',
    independenceDeclared: true,
  });

  it('gets the same refusal when sent again after the case changed', async () => {
    await spec.given(CASE, ...history);
    const refusal = {
      kind: 'rule' as const,
      rule: 'COORDINATOR.NOT_ASSIGNED',
      currentState: 'awaiting-coordinator' as const,
      nextSteps: ['revise-questions' as const, 'assign-coordinator' as const, 'withdraw' as const],
      message: 'A coordinator must be assigned first.',
    };
    (await spec.when(schedule('k-2'))).thenRefused(refusal);
    await spec.given(CASE, ...assignFatima);

    (await spec.when(schedule('k-2'))).thenRefused(refusal);
    (await spec.when(schedule('k-3'))).thenTaken({
      appended: ['ConferenceScheduled'],
      revision: 3,
      state: 'scheduled',
    });
  });
});

describe('a keyed request for a new case', () => {
  it('creates one case however often it is sent', async () => {
    const request = () =>
      step(
        'request',
        {},
        (ids) => ({
          type: 'RequestConference',
          caseId: ids.caseId,
          reference: 'EK-NEW',
          kind: 'family',
          applicant: { personId: ids.applicantPersonId, name: 'Anouk Jansen' },
          region: 'Utrecht',
          description: 'The family asks for help.',
          channel: 'phone',
        }),
        { key: 'k-new' },
      );
    const first = await spec.when(request());
    const again = await spec.when(request());
    expect(first.appended.map((e) => e.type)).toEqual(['ConferenceRequested']);
    expect(again.appended).toEqual([]);
    expect(again.outcome).toEqual(first.outcome);
  });
});
