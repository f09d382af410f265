import { InMemoryEventStore, wrapEventStore, type StoreHooks } from '@app/event-store/testing';
import type { StoredEvent } from '@app/event-store';
import { SqliteDb } from '@app/kernel/sqlite';
import {
  WORKFLOW_VERSION,
  type CaseStatus,
  type DomainEvent,
  type EventType,
  type Step,
  type StepCommand,
} from '@app/workflow';
import type { Actor } from '../access/actor';
import { CaseRepository } from '../case-repository';
import { FollowUpCompleter } from '../follow-up/follow-up-completer';
import { createReadSchema } from '../read-models/read-schema';
import { StepOutcomes } from '../read-models/step-outcomes.store';
import type { GeneratedIds } from '../steps/generated-ids';
import type { StepOutcome, StepRefusal, StepTaken } from '../steps/step-outcome';
import { TakeStep, type StepTarget } from '../steps/take-step.command';
import { TakeStepHandler } from '../steps/take-step.handler';
import { ADMIN, NOW } from './case-histories';

/** A step as staff would ask for it: admin, no `If-Match`, no key unless told. */
export function step<S extends Step>(
  name: S,
  target: StepTarget,
  command: StepCommand<S> | ((ids: GeneratedIds) => StepCommand<S>),
  options: { actor?: Actor; ifMatch?: number; key?: string } = {},
): TakeStep {
  const build = typeof command === 'function' ? command : () => command;
  // Typed as any step from here on, as the command bus sees it.
  return new TakeStep<Step>(name, target, build, options.actor ?? ADMIN, {
    ifMatch: options.ifMatch,
    idempotencyKey: options.key,
    correlationId: 'spec',
  });
}

export interface Then {
  outcome: StepOutcome;
  /** What this command appended, on every stream, in order. */
  appended: StoredEvent[];
  /** The step was taken: these event types, the case at this revision and in this state. */
  thenTaken(expected: { appended: EventType[]; revision: number; state: CaseStatus }): StepTaken;
  /** The step was refused with this answer, and nothing was appended anywhere. */
  thenRefused(refusal: StepRefusal): void;
}

/**
 * `TakeStepHandler` as the application builds it, on an in-memory store (with `hooks` in front of
 * the handler's appends) and an SQLite memory database, at a fixed clock. `given` writes as another
 * writer would: straight to the store, past the hooks.
 */
export async function stepSpec(now: Date = NOW) {
  const store = new InMemoryEventStore({ now: () => now });
  const hooks: StoreHooks = {};
  const cases = new CaseRepository(
    wrapEventStore(store, { beforeAppend: (s, e) => hooks.beforeAppend?.(s, e) }),
  );
  const db = new SqliteDb(':memory:');
  await createReadSchema(db);
  const outcomes = new StepOutcomes(db);
  const handler = new TakeStepHandler(cases, outcomes, new FollowUpCompleter(cases), { now: () => now });
  const writer = new CaseRepository(store);
  let givens = 0;

  const given = async (caseId: string, ...events: DomainEvent[]): Promise<void> => {
    const context = { actor: ADMIN, commandId: `given-${++givens}`, correlationId: 'given' };
    await writer.append(caseId, events, 'any', context, WORKFLOW_VERSION);
  };

  const when = async (command: TakeStep): Promise<Then> => {
    const before = (await store.readAll()).length;
    const outcome = await handler.execute(command);
    const appended = (await store.readAll()).slice(before);
    return {
      outcome,
      appended,
      thenTaken(expected) {
        expect(outcome).toMatchObject({ ok: true, revision: expected.revision });
        const taken = outcome as StepTaken;
        expect(taken.appended).toEqual(expected.appended);
        expect(taken.state.status).toBe(expected.state);
        expect(appended.map((e) => e.type)).toEqual(expected.appended);
        return taken;
      },
      thenRefused(refusal) {
        expect(outcome).toEqual({ ok: false, refusal });
        expect(appended).toEqual([]);
      },
    };
  };

  return {
    store,
    hooks,
    cases,
    db,
    outcomes,
    handler,
    given,
    when,
    /** The case's stream as stored. */
    stream: (caseId: string) => store.read(`case-${caseId}`),
    close: async () => {
      await store.close();
      await db.close();
    },
  };
}

export type StepSpec = Awaited<ReturnType<typeof stepSpec>>;

/** `invite-participant` of one person, from the school, on `caseId`. */
export const inviteStep = (
  caseId: string,
  who: { name: string; email?: string },
  options: Parameters<typeof step>[3] = {},
): TakeStep =>
  step(
    'invite-participant',
    { caseId },
    (ids) => ({ type: 'InviteParticipant', participantId: ids.participantId, role: 'school', ...who }),
    options,
  );
