import { STEPS } from '@app/workflow';
import { ADMIN, FATIMA, JOOST, SANNE, historyUpTo, stateOf } from '../testing/case-histories';
import { step, stepSpec } from '../testing/step-spec';
import { assertMayRead, listScope, stepDenial } from './access-policy';
import { STAFF_ROLES, isStaffRole, participantActor } from './actor';

const CASE = 'garden-1';
const state = stateOf(historyUpTo(CASE, 'joost-invited'));
const sanne = participantActor(SANNE.participantId);

describe('the participant role', () => {
  it('is no staff role: a tokens file or an OIDC claim can never name it', () => {
    expect(STAFF_ROLES).not.toContain('participant');
    expect(isStaffRole('participant')).toBe(false);
    expect(isStaffRole('admin')).toBe(true);
  });

  it('carries the participant id and nothing personal', () => {
    expect(sanne).toEqual({ id: SANNE.participantId, name: 'participant', role: 'participant' });
  });

  it('may record its own answer on its own case', () => {
    expect(stepDenial(sanne, 'record-answer', state, [SANNE.participantId])).toBeUndefined();
  });

  it('may take no other step, not even for itself', () => {
    for (const other of STEPS.filter((s) => s !== 'record-answer')) {
      expect(stepDenial(sanne, other, state, [SANNE.participantId])).toMatch(/participant may not/);
    }
  });

  it('may not answer for another participant, or name no participant, or two', () => {
    expect(stepDenial(sanne, 'record-answer', state, [JOOST.participantId])).toMatch(/only for themselves/);
    expect(stepDenial(sanne, 'record-answer', state, [])).toMatch(/only for themselves/);
    const both = [SANNE.participantId, JOOST.participantId];
    expect(stepDenial(sanne, 'record-answer', state, both)).toMatch(/only for themselves/);
  });

  it('may not answer on a case it is not a participant of', () => {
    const stranger = participantActor('p-someone-else');
    expect(stepDenial(stranger, 'record-answer', state, ['p-someone-else'])).toMatch(/only for themselves/);
    expect(stepDenial(sanne, 'record-answer', undefined, [SANNE.participantId])).toMatch(
      /only for themselves/,
    );
  });

  it('reads nothing through the API', () => {
    expect(() => assertMayRead(sanne, state)).toThrow(/reads nothing/);
    expect(() => listScope(sanne)).toThrow(/reads nothing/);
  });

  it('leaves the staff roles as they were', () => {
    expect(stepDenial(ADMIN, 'record-answer', state)).toBeUndefined();
    expect(stepDenial(FATIMA, 'record-answer', state, [JOOST.participantId])).toBeUndefined();
    expect(() => assertMayRead(ADMIN, state)).not.toThrow();
  });
});

describe('the handler with a participant actor', () => {
  let spec: Awaited<ReturnType<typeof stepSpec>>;
  beforeEach(async () => {
    spec = await stepSpec();
    await spec.given(CASE, ...historyUpTo(CASE, 'joost-invited'));
  });
  afterEach(() => spec.close());

  const answer = (target: string, named: string) =>
    step(
      'record-answer',
      { caseId: CASE, participantId: target },
      { type: 'RecordAnswer', participantId: named, answer: 'declined' },
      { actor: sanne },
    );

  it('records their own answer with the participant as the actor', async () => {
    const then = await spec.when(answer(SANNE.participantId, SANNE.participantId));
    then.thenTaken({ appended: ['ParticipantAnswered'], revision: 5, state: 'preparing' });
    expect(then.appended[0].metadata.actor).toEqual({
      id: SANNE.participantId,
      name: 'participant',
      role: 'participant',
    });
  });

  it("refuses another participant's answer, by path or by command, and appends nothing", async () => {
    const message = 'A participant may answer only for themselves.';
    (await spec.when(answer(JOOST.participantId, JOOST.participantId))).thenRefused({
      kind: 'forbidden',
      message,
    });
    (await spec.when(answer(SANNE.participantId, JOOST.participantId))).thenRefused({
      kind: 'forbidden',
      message,
    });
  });
});
