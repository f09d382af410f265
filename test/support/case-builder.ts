import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import type { TestActor, TestApp } from './test-app';
import { expectStatus, type CaseBody } from './http-expect';

const DAY = 24 * 60 * 60 * 1000;

/** The steps API.md allows in each state (the "allowed in" column), before any guard. */
/** The steps a version 1 case offers in each state (required) and those that depend on its data (guarded). */
export const STEPS_IN_V1: Record<string, { required: string[]; guarded?: string[] }> = {
  requested: { required: ['complete-intake', 'decline', 'withdraw'] },
  'awaiting-coordinator': { required: ['assign-coordinator', 'withdraw'] },
  preparing: {
    required: ['assign-coordinator', 'invite-participant', 'schedule-conference', 'withdraw'],
    guarded: ['record-preparation', 'record-answer'],
  },
  scheduled: {
    required: ['assign-coordinator', 'invite-participant', 'schedule-conference', 'withdraw'],
    guarded: ['record-preparation', 'record-answer', 'hold-conference'],
  },
  held: { required: ['record-plan'] },
  'plan-recorded': { required: ['record-plan', 'distribute-plan'] },
  'plan-distributed': { required: ['contact-follow-up', 'request-follow-up-conference', 'close'] },
  'followed-up': { required: ['contact-follow-up', 'request-follow-up-conference', 'close'] },
  declined: { required: [] },
  withdrawn: { required: [] },
  closed: { required: [] },
};

const PARTICIPANT_CORRECTIONS = ['correct-participant', 'remove-participant'];

/** The same for a version 2 case, the version every new case gets. */
export const STEPS_IN: Record<string, { required: string[]; guarded?: string[] }> = {
  ...STEPS_IN_V1,
  'awaiting-coordinator': { required: ['assign-coordinator', 'withdraw', 'revise-questions'] },
  preparing: {
    required: [...STEPS_IN_V1.preparing.required, 'revise-questions'],
    guarded: [...STEPS_IN_V1.preparing.guarded!, ...PARTICIPANT_CORRECTIONS],
  },
  scheduled: {
    required: [...STEPS_IN_V1.scheduled.required, 'revise-questions'],
    guarded: [...STEPS_IN_V1.scheduled.guarded!, ...PARTICIPANT_CORRECTIONS, 'adjourn-conference'],
  },
  held: { required: ['record-plan', 'record-no-plan'], guarded: ['correct-participant'] },
  'plan-recorded': { required: ['record-plan', 'distribute-plan'], guarded: ['correct-participant'] },
  'no-plan': { required: ['request-follow-up-conference', 'close'] },
  closed: { required: ['request-follow-up-conference'] },
};

export type Stage =
  | 'requested'
  | 'declined'
  | 'withdrawn'
  | 'awaiting-coordinator'
  | 'preparing'
  | 'ready'
  | 'scheduled'
  | 'held'
  | 'plan-recorded'
  | 'plan-distributed'
  | 'followed-up'
  | 'closed';

/** The states a case passes through from request to closure, in order. */
export const MAIN_PATH: Stage[] = [
  'requested',
  'awaiting-coordinator',
  'preparing',
  'scheduled',
  'held',
  'plan-recorded',
  'plan-distributed',
  'followed-up',
  'closed',
];

/** The stages `buildCase` walks: the main path, with `ready` (everyone answered) before scheduling. */
const ORDER: Stage[] = MAIN_PATH.flatMap((s) => (s === 'scheduled' ? ['ready', s] : [s]));

export const uniqueRegion = (prefix = 'Regio'): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export const requestBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'group',
  applicant: { name: 'Fatima el Amrani', email: 'fatima@example.nl', phone: '0612345678' },
  region: 'Utrecht',
  description: 'Spanning tussen buren in de Kanaalstraat.',
  channel: 'online',
  ...overrides,
});

export const assignBody = (overrides: Record<string, unknown> = {}) => ({
  coordinatorId: 'coord-1',
  name: 'Corrie Coördinator',
  email: 'corrie@example.nl',
  independenceDeclared: true,
  ...overrides,
});

export const inviteBody = (n = 1, overrides: Record<string, unknown> = {}) => ({
  name: `Deelnemer ${n}`,
  role: 'family',
  email: `deelnemer${n}@example.nl`,
  ...overrides,
});

/** One HTTP client per actor, with a function per step of API.md. */
export class CaseApi {
  constructor(
    private readonly t: TestApp,
    readonly actor: TestActor = 'admin',
  ) {}

  as(actor: TestActor): CaseApi {
    return new CaseApi(this.t, actor);
  }

  post(path: string, body: unknown = {}, headers: Record<string, string> = {}): Test {
    return this.t.http
      .post(path)
      .set(this.t.auth(this.actor))
      .set(headers)
      .send(body as object);
  }

  get(path: string): Test {
    return this.t.http.get(path).set(this.t.auth(this.actor));
  }

  /** `GET /v1/cases/:id`, asserting 200: the case as it is now, with its ETag. */
  async read(id: string): Promise<Omit<Response, 'body'> & { body: CaseBody }> {
    const res = await this.get(`/v1/cases/${id}`);
    expectStatus(res, 200);
    return res;
  }

  request(overrides: Record<string, unknown> = {}, headers?: Record<string, string>): Test {
    return this.post('/v1/cases', requestBody(overrides), headers);
  }
  intake(
    id: string,
    body: unknown = { conferenceQuestions: ['Hoe gaan we weer met elkaar om?'] },
    h?: Record<string, string>,
  ) {
    return this.post(`/v1/cases/${id}/intake`, body, h);
  }
  decline(
    id: string,
    body: unknown = { reason: 'Een conferentie past hier niet.' },
    h?: Record<string, string>,
  ) {
    return this.post(`/v1/cases/${id}/decline`, body, h);
  }
  assign(id: string, body: unknown = assignBody(), h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/coordinator`, body, h);
  }
  invite(id: string, body: unknown = inviteBody(), h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/participants`, body, h);
  }
  prepare(
    id: string,
    pid: string,
    body: unknown = { notes: 'Doel en werkwijze besproken.' },
    h?: Record<string, string>,
  ) {
    return this.post(`/v1/cases/${id}/participants/${pid}/preparation`, body, h);
  }
  answer(id: string, pid: string, answer: string = 'accepted', h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/participants/${pid}/answer`, { answer }, h);
  }
  schedule(id: string, body: unknown = this.scheduleBody(), h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/schedule`, body, h);
  }
  hold(id: string, body: unknown, h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/conference`, body, h);
  }
  plan(id: string, body: unknown, h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/plan`, body, h);
  }
  distribute(id: string, h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/plan/distribution`, {}, h);
  }
  followUp(id: string, body: unknown = this.followUpBody(), h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/follow-up`, body, h);
  }
  followUpConference(
    id: string,
    body: unknown = { reason: 'De afspraken lopen vast.' },
    h?: Record<string, string>,
  ) {
    return this.post(`/v1/cases/${id}/follow-up-conference`, body, h);
  }
  withdraw(
    id: string,
    body: unknown = { reason: 'De aanvrager ziet af van de conferentie.' },
    h?: Record<string, string>,
  ) {
    return this.post(`/v1/cases/${id}/withdrawal`, body, h);
  }
  close(id: string, h?: Record<string, string>) {
    return this.post(`/v1/cases/${id}/closure`, {}, h);
  }

  /** A conference a week from the test clock's now. */
  scheduleBody(daysAhead = 7, location = 'Buurthuis De Kanaalstraat') {
    return { startsAt: new Date(this.t.clock.now().getTime() + daysAhead * DAY).toISOString(), location };
  }
  followUpBody(outcome = 'on-track') {
    return { contactedAt: this.t.clock.now().toISOString(), outcome, notes: 'Het gaat goed.' };
  }
  planBody(ownerIds: string[]) {
    return {
      agreements: [
        {
          ownerIds,
          action: 'Samen koffie drinken op zaterdag',
          where: 'Buurthuis',
          when: '2026-04-04T10:00:00Z',
        },
      ],
      ifItDoesNotWork: 'Dan bellen we de coördinator en komen we opnieuw bij elkaar.',
    };
  }
}

export interface BuiltCase {
  id: string;
  /** Invited participants, in invitation order. */
  participantIds: string[];
  /** The last command answer (the case after the last step). */
  body: CaseBody;
}

export interface BuildOptions {
  kind?: 'group' | 'family';
  actor?: TestActor;
  region?: string;
  coordinatorId?: string;
  /** Participants invited when walking past `preparing` (default 2). */
  participants?: number;
  /** How many of them accept (default all). */
  accepted?: number;
}

/** Invites participants `Deelnemer 1…count` to a case, asserting each is invited; answers their ids in order. */
export async function inviteParticipants(api: CaseApi, caseId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const res = await api.invite(caseId, inviteBody(n));
    expectStatus(res, 201);
    ids.push(res.body.participantId as string);
  }
  return ids;
}

/**
 * Walks a new case to `stage` through the HTTP API, asserting every step succeeds.
 * `ready` is `preparing` with participants invited, prepared and answered.
 * Moves the test clock past the conference when walking to `held` or beyond.
 */
export async function buildCase(t: TestApp, stage: Stage, options: BuildOptions = {}): Promise<BuiltCase> {
  const api = new CaseApi(t, options.actor ?? 'admin');
  const reach = (s: Stage) => ORDER.indexOf(stage) >= ORDER.indexOf(s);
  const step = async (res: Test, status = 200): Promise<CaseBody> => {
    const r = await res;
    expectStatus(r, status);
    return r.body;
  };

  let body = await step(
    api.request({ kind: options.kind ?? 'group', ...(options.region ? { region: options.region } : {}) }),
    201,
  );
  const id: string = body.id;
  const participantIds: string[] = [];
  if (stage === 'declined') return { id, participantIds, body: await step(api.decline(id)) };
  if (stage === 'withdrawn') return { id, participantIds, body: await step(api.withdraw(id)) };

  if (reach('awaiting-coordinator')) body = await step(api.intake(id));
  if (reach('preparing'))
    body = await step(
      api.assign(id, assignBody(options.coordinatorId ? { coordinatorId: options.coordinatorId } : {})),
    );
  if (reach('ready')) {
    const count = options.participants ?? 2;
    const accepted = options.accepted ?? count;
    participantIds.push(...(await inviteParticipants(api, id, count)));
    for (const [i, pid] of participantIds.entries()) {
      body = await step(api.prepare(id, pid));
      body = await step(api.answer(id, pid, i < accepted ? 'accepted' : 'declined'));
    }
  }
  if (reach('scheduled')) body = await step(api.schedule(id, api.scheduleBody()));
  if (reach('held')) {
    const startsAt = body.schedule.startsAt as string;
    t.clock.set(new Date(new Date(startsAt).getTime() + 3 * 60 * 60 * 1000));
    const attendees = participantIds.slice(0, options.accepted ?? participantIds.length);
    body = await step(
      api.hold(id, {
        heldAt: startsAt,
        attendees,
        ...(options.kind === 'family' ? { privatePartHeld: true } : {}),
      }),
    );
  }
  if (reach('plan-recorded')) body = await step(api.plan(id, api.planBody([participantIds[0]])));
  if (reach('plan-distributed')) body = await step(api.distribute(id));
  if (reach('followed-up')) body = await step(api.followUp(id));
  if (reach('closed')) body = await step(api.close(id));
  return { id, participantIds, body };
}

/** Every name, address and free-text fragment the bodies above put in a case: none may leave in a report. */
export const BUILDER_PERSONAL_DATA = [
  'Fatima el Amrani',
  'fatima@example.nl',
  '0612345678',
  'Kanaalstraat',
  'Deelnemer',
  'deelnemer1@example.nl',
  'Corrie',
  'corrie@example.nl',
  'Buurthuis',
  'koffie',
  'Het gaat goed',
  'Hoe gaan we weer',
  'Doel en werkwijze',
  'past hier niet',
  'lopen vast',
];
