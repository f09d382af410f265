import { STEPS } from '@app/workflow';
import { ADMIN, FATIMA, historyUpTo, stateOf } from '../testing/case-histories';
import { step, stepSpec } from '../testing/step-spec';
import { assertMayRead, listScope, regionsOf, reportRegions, stepDenial } from './access-policy';
import type { Actor } from './actor';

const CASE = 'garden-1';
/** A case in Utrecht. */
const utrecht = stateOf(historyUpTo(CASE, 'joost-invited'));
const gelderland = { ...utrecht, region: 'Gelderland' };

const manager = (regions?: string[]): Actor => ({
  id: 'rm-1',
  name: 'Rita Regio',
  role: 'region-manager',
  ...(regions ? { regions } : {}),
});
const RITA = manager(['Utrecht', 'Flevoland']);
const OTHER = 'This case is in a region outside yours.';

describe('a region manager with regions', () => {
  it('takes every step and reads a case in one of their regions', () => {
    for (const s of STEPS) expect(stepDenial(RITA, s, utrecht)).toBeUndefined();
    expect(() => assertMayRead(RITA, utrecht)).not.toThrow();
  });

  it('takes no step and reads nothing of a case elsewhere', () => {
    for (const s of STEPS) expect(stepDenial(RITA, s, gelderland)).toBe(OTHER);
    expect(() => assertMayRead(RITA, gelderland)).toThrow(OTHER);
  });

  it('requests a new case only in one of their regions', () => {
    expect(stepDenial(RITA, 'request', undefined, [], 'Flevoland')).toBeUndefined();
    expect(stepDenial(RITA, 'request', undefined, [], 'Gelderland')).toBe(OTHER);
    expect(stepDenial(RITA, 'request', undefined, [])).toBe(OTHER);
  });

  it('lists and reports their regions only; a report of another region is refused', () => {
    expect(listScope(RITA)).toEqual({ regions: ['Utrecht', 'Flevoland'] });
    expect(reportRegions(RITA, undefined)).toEqual(['Utrecht', 'Flevoland']);
    expect(reportRegions(RITA, 'Utrecht')).toEqual(['Utrecht', 'Flevoland']);
    expect(() => reportRegions(RITA, 'Gelderland')).toThrow(/Gelderland is outside yours/);
  });

  it('with an empty list of regions, reaches no case at all', () => {
    const none = manager([]);
    expect(stepDenial(none, 'decline', utrecht)).toBe(OTHER);
    expect(stepDenial(none, 'request', undefined, [], 'Utrecht')).toBe(OTHER);
    expect(() => assertMayRead(none, utrecht)).toThrow(OTHER);
    expect(listScope(none)).toEqual({ regions: [] });
  });
});

describe('without regions, or another role', () => {
  it('a region manager without regions reaches every region, as before', () => {
    const all = manager();
    expect(stepDenial(all, 'decline', gelderland)).toBeUndefined();
    expect(stepDenial(all, 'request', undefined, [], 'Gelderland')).toBeUndefined();
    expect(() => assertMayRead(all, gelderland)).not.toThrow();
    expect(listScope(all)).toEqual({});
    expect(reportRegions(all, 'Gelderland')).toBeUndefined();
  });

  it("ignores any other role's regions", () => {
    const admin: Actor = { ...ADMIN, regions: ['Utrecht'] };
    const researcher: Actor = { id: 'r-1', name: 'R', role: 'researcher', regions: ['Utrecht'] };
    const fatima: Actor = { ...FATIMA, regions: ['Utrecht'] };
    expect(regionsOf(admin)).toBeUndefined();
    expect(stepDenial(admin, 'decline', gelderland)).toBeUndefined();
    expect(() => assertMayRead(admin, gelderland)).not.toThrow();
    expect(listScope(admin)).toEqual({});
    expect(reportRegions(researcher, 'Gelderland')).toBeUndefined();
    expect(() => assertMayRead(fatima, gelderland)).not.toThrow();
    expect(listScope(fatima)).toEqual({ coordinatorId: FATIMA.id });
  });
});

describe('the handler with a region manager', () => {
  let spec: Awaited<ReturnType<typeof stepSpec>>;
  beforeEach(async () => {
    spec = await stepSpec();
    await spec.given(CASE, ...historyUpTo(CASE, 'requested'));
  });
  afterEach(() => spec.close());

  const request = (region: string, actor: Actor) =>
    step(
      'request',
      {},
      (ids) => ({
        type: 'RequestConference',
        caseId: ids.caseId,
        reference: 'EK-NEW',
        kind: 'family',
        applicant: { personId: ids.applicantPersonId, name: 'Anouk Jansen' },
        region,
        description: 'The family asks for help.',
        channel: 'phone',
      }),
      { actor },
    );
  const decline = (actor: Actor) =>
    step('decline', { caseId: CASE }, { type: 'DeclineRequest', reason: 'No.' }, { actor });

  it('acts in their region, recorded as before: without the regions', async () => {
    const then = await spec.when(decline(RITA));
    then.thenTaken({ appended: ['RequestDeclined'], revision: 1, state: 'declined' });
    expect(then.appended[0].metadata.actor).toEqual({
      id: 'rm-1',
      name: 'Rita Regio',
      role: 'region-manager',
    });
    const created = await spec.when(request('Flevoland', RITA));
    expect(created.appended.map((e) => e.type)).toEqual(['ConferenceRequested']);
    expect(created.appended[0].metadata.actor).not.toHaveProperty('regions');
  });

  it('is refused a step on a case elsewhere and a request elsewhere, and nothing is appended', async () => {
    const elsewhere = manager(['Gelderland']);
    (await spec.when(decline(elsewhere))).thenRefused({ kind: 'forbidden', message: OTHER });
    (await spec.when(request('Utrecht', elsewhere))).thenRefused({ kind: 'forbidden', message: OTHER });
  });
});
