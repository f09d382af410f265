import { ThrottlerException } from '@nestjs/throttler';
import { StoreUnavailable } from '@app/event-store';
import { TafelError, caseNotFound, stepDenial, type Actor, type StepRefusal } from '@app/cases';
import { RULE_MESSAGES_NL, type CaseState } from '@app/workflow';
import { problem, problemIn, refusalProblem } from './problem';
import { toProblem } from './problem.filter';
import { PROBLEM_TEXTS_NL } from './problem-texts';

const nl = (p: ReturnType<typeof problem>) => problemIn(p, 'nl');

describe('problems in Dutch', () => {
  const refusals: StepRefusal[] = [
    {
      kind: 'rule',
      rule: 'CONFERENCE.TOO_FEW_ACCEPTED',
      message: 'x',
      currentState: 'scheduled',
      nextSteps: [],
    },
    { kind: 'case-not-found', caseId: 'c-1' },
    { kind: 'participant-not-found', participantId: 'p-1' },
    { kind: 'forbidden', message: 'This case is not assigned to you.' },
    { kind: 'stale', expected: 2, current: 5 },
    { kind: 'key-reused' },
    { kind: 'forbidden', message: 'This case is in a region outside yours.' },
  ];

  it.each(refusals)('a refusal ($kind) keeps everything but its detail, which is Dutch', (refusal) => {
    const en = refusalProblem(refusal);
    const dutch = nl(en);
    expect({ ...dutch, detail: en.detail }).toEqual(en);
    expect(dutch.detail).not.toBe(en.detail);
    expect(Object.values(PROBLEM_TEXTS_NL)).not.toContain(en.detail);
  });

  it('a rule refusal says the sentence declared with the rule', () => {
    const en = refusalProblem(refusals[0]);
    expect(nl(en).detail).toBe(RULE_MESSAGES_NL['CONFERENCE.TOO_FEW_ACCEPTED']);
  });

  it('a stale step names the revision the case is at now', () => {
    expect(nl(refusalProblem(refusals[4])).detail).toBe(PROBLEM_TEXTS_NL.stale(5));
  });

  it('English is the problem as it was made', () => {
    const en = refusalProblem(refusals[0]);
    expect(problemIn(en, 'en')).toBe(en);
  });

  describe('403: the reason a coordinator meets, else the general one', () => {
    const coordinator: Actor = { id: 'coord-1', name: 'C', role: 'coordinator' };
    const theirs = { coordinator: { coordinatorId: 'coord-2' }, participants: [] } as unknown as CaseState;

    it.each([
      [
        'a case of another coordinator',
        stepDenial(coordinator, 'schedule-conference', theirs),
        PROBLEM_TEXTS_NL.notYourCase,
      ],
      [
        'a step the role does not take',
        stepDenial(coordinator, 'close', theirs),
        PROBLEM_TEXTS_NL.stepNotForRole,
      ],
      ['anything else', 'Only an admin may erase a person.', PROBLEM_TEXTS_NL.forbidden],
    ])('%s', (_, english, dutch) => {
      expect(nl(toProblem(new TafelError('ACCESS.FORBIDDEN', 'forbidden', english!))).detail).toBe(dutch);
    });
  });

  it('400 names the fields, or says the body cannot be read', () => {
    const invalid = (fields: string[]) =>
      nl(
        toProblem(
          new TafelError('REQUEST.INVALID', 'validation', 'x', {
            errors: fields.map((field) => ({ field, message: 'm' })),
          }),
        ),
      );
    expect(invalid(['kind', 'applicant.name', 'kind']).detail).toBe(
      'Niet alle gegevens kloppen. Het gaat om: kind, applicant.name.',
    );
    expect(invalid(['body']).detail).toBe(PROBLEM_TEXTS_NL.bodyUnreadable);
    expect(invalid([]).detail).toBe(PROBLEM_TEXTS_NL.invalid);
  });

  const withStatus = (message: string, statusCode: number) =>
    Object.assign(new Error(message), { statusCode });
  it.each([
    ['CASE.NOT_FOUND', caseNotFound('c-1'), PROBLEM_TEXTS_NL.caseNotFound],
    [
      'AUTH.UNAUTHENTICATED',
      new TafelError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'The token is not known.'),
      PROBLEM_TEXTS_NL.unauthenticated,
    ],
    [
      'PERSON.NOT_FOUND',
      new TafelError('PERSON.NOT_FOUND', 'not-found', 'No person with id p.'),
      PROBLEM_TEXTS_NL.personNotFound,
    ],
    [
      'an unknown code, by its status (404)',
      new TafelError('SOMETHING.NEW', 'not-found', 'No such thing.'),
      PROBLEM_TEXTS_NL.notFound,
    ],
    [
      'an unknown code, by its status (409)',
      new TafelError('SOMETHING.NEW', 'conflict', 'No.'),
      PROBLEM_TEXTS_NL.conflict,
    ],
    ['STORE.UNAVAILABLE', new StoreUnavailable('sqlite: disk I/O error'), PROBLEM_TEXTS_NL.storeUnavailable],
    ['413', withStatus('too big', 413), PROBLEM_TEXTS_NL.bodyTooLarge],
    ['415', withStatus('Unsupported Media Type', 415), PROBLEM_TEXTS_NL.unsupportedMediaType],
    ['429', new ThrottlerException(), PROBLEM_TEXTS_NL.rateLimited],
    ['a status without a text', withStatus('teapot', 418), PROBLEM_TEXTS_NL.other],
  ])('%s → its Dutch text', (_, error, dutch) => {
    const en = toProblem(error);
    expect(nl(en).detail).toBe(dutch);
    expect(nl(en).code).toBe(en.code);
  });

  it('a detail given when the problem was made wins over the catalogue', () => {
    expect(
      nl(problem(400, 'REQUEST.INVALID', 'deep', { errors: [{ field: 'body' }] }, 'Te diep.')).detail,
    ).toBe('Te diep.');
  });

  it('every text of the catalogue is plain Dutch: short sentences, no bossy "u moet"', () => {
    const texts = Object.values(PROBLEM_TEXTS_NL).map((t) =>
      typeof t === 'function' ? t(['a'] as never) : t,
    );
    for (const text of texts) {
      for (const sentence of text.split(/(?<=[.!?])\s+/))
        expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(15);
      expect(text).not.toMatch(/\b(u moet|moet u)\b/i);
    }
  });
});
