import type { Response } from 'supertest';

/** Asserts the HTTP status and, when it differs, shows the answer so a failure explains itself. */
export function expectStatus(res: Response, status: number): void {
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${res.text?.slice(0, 1500)}`);
  }
}

/** Asserts an RFC 9457 problem answer with the given status. */
export function expectProblem(res: Response, status: number): void {
  expectStatus(res, status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
}

/** Asserts a 409 refusal naming the current state, the allowed steps and a rule code. */
export function expectRefusal(res: Response, currentState: string): void {
  expectProblem(res, 409);
  expect(res.body.currentState).toBe(currentState);
  expect(Array.isArray(res.body.nextSteps)).toBe(true);
  expect(typeof res.body.rule).toBe('string');
  expect(res.body.rule.length).toBeGreaterThan(0);
}

/** Asserts a 400 whose `errors` name the given field (a path such as `applicant.name` may be prefixed). */
export function expectInvalidField(res: Response, field: string): void {
  expectProblem(res, 400);
  expect(Array.isArray(res.body.errors)).toBe(true);
  for (const e of res.body.errors) {
    expect(e).toEqual(expect.objectContaining({ field: expect.any(String), message: expect.any(String) }));
  }
  const escaped = field.replace(/[.[\]]/g, (c) => `\\${c}`);
  const names = (res.body.errors as { field: string }[]).map((e) => e.field);
  expect(names).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`(^|[./])${escaped}$`))]));
}

/** Asserts `nextSteps` holds every required step and nothing beyond required ∪ optional (order free). */
export function expectNextSteps(
  body: { nextSteps: string[] },
  required: string[],
  optional: string[] = [],
): void {
  expect(Array.isArray(body.nextSteps)).toBe(true);
  expect(body.nextSteps).toEqual(expect.arrayContaining(required));
  const allowed = new Set([...required, ...optional]);
  expect(body.nextSteps.filter((s) => !allowed.has(s))).toEqual([]);
  expect(new Set(body.nextSteps).size).toBe(body.nextSteps.length);
}

/** A participant as the API shows it. */
export interface ParticipantView {
  id: string;
  name: string;
  role: string;
  email?: string;
  phone?: string;
  organisation?: string;
  invitedAt: string;
  preparedAt?: string;
  answer?: string;
  answeredAt?: string;
}

/** A command answer or `GET /v1/cases/:id` (the fields the suite looks at; the rest stays open). */
export interface CaseBody {
  id: string;
  reference: string;
  kind: string;
  state: string;
  revision: number;
  nextSteps: string[];
  events: string[];
  participantId?: string;
  participants: ParticipantView[];
  schedule: { startsAt: string; location: string };
  followUpCases: string[];
  followUpOf?: string;
  [field: string]: unknown;
}

/** A row of `GET /v1/cases`. */
export interface CaseSummary {
  id: string;
  state: string;
  kind: string;
  region: string;
}

/** An entry of `GET /v1/cases/:id/history`. */
export interface HistoryEvent {
  position: number | string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: { id: string };
  hash: string;
}
