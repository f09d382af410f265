import type { ErrorCategory, StepRefusal, TafelError } from '@app/cases';
import type { Language } from '@app/workflow';
import { dutchDetail } from './problem-texts';

const STATUS: Record<ErrorCategory, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  unprocessable: 422,
  unavailable: 503,
};

const TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [member: string]: unknown;
}

const slug = (code: string): string => code.toLowerCase().replace(/[._]/g, '-');

/** Dutch details given when a problem was made, for those the catalogue cannot tell by code. */
const DUTCH = new WeakMap<Problem, string>();

/** A problem document; `nl` is its Dutch detail when `dutchDetail` would not find the right one. */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  nl?: string,
): Problem {
  const body = {
    type: `/problems/${slug(code)}`,
    title: TITLE[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
  if (nl !== undefined) DUTCH.set(body, nl);
  return body;
}

/** The problem with its `detail` in `language` (API.md 1.1: Dutch with `Accept-Language: nl`). */
export function problemIn(body: Problem, language: Language): Problem {
  if (language !== 'nl') return body;
  return { ...body, detail: DUTCH.get(body) ?? dutchDetail(body) };
}

export function problemOf(error: TafelError): Problem {
  return problem(STATUS[error.category], error.code, error.message, error.extra);
}

/** The problem document of a step's refusal (API.md's error table). */
export function refusalProblem(refusal: StepRefusal): Problem {
  switch (refusal.kind) {
    case 'rule': {
      const { rule, message, currentState, nextSteps } = refusal;
      return problem(409, rule, message, { currentState, nextSteps, rule });
    }
    case 'case-not-found':
      return problem(404, 'CASE.NOT_FOUND', `No case with id ${refusal.caseId}.`);
    case 'participant-not-found':
      return problem(404, 'PARTICIPANT.NOT_FOUND', `No participant ${refusal.participantId} in this case.`);
    case 'forbidden':
      return problem(403, 'ACCESS.FORBIDDEN', refusal.message);
    case 'stale': {
      const detail = `If-Match names revision ${refusal.expected}, but the case is at revision ${refusal.current}.`;
      return problem(412, 'CASE.REVISION_MISMATCH', detail, { currentRevision: refusal.current });
    }
    case 'key-reused':
      return problem(
        422,
        'IDEMPOTENCY.KEY_REUSED',
        'This Idempotency-Key was used for another request (another step, case or body); use a new key.',
      );
    default: {
      const _never: never = refusal;
      throw new Error(`unknown refusal ${JSON.stringify(_never)}`);
    }
  }
}
