import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@app/config';
import { ExpectedRevisionConflict, type StoredEvent } from '@app/event-store';
import {
  METRICS,
  NO_METRICS,
  deterministicId,
  newId,
  sha256Hex,
  stableJson,
  type Metrics,
} from '@app/kernel';
import {
  WORKFLOW_VERSION,
  decide,
  evolve,
  upcast,
  type CaseState,
  type DomainEvent,
  type EventOf,
} from '@app/workflow';
import { stepDenial } from '../access/access-policy';
import { CaseRepository, eventIdOf, foldStored, type CommandContext } from '../case-repository';
import { TafelError } from '../errors';
import { FollowUpCompleter } from '../follow-up/follow-up-completer';
import { StepOutcomes, type StepRecord } from '../read-models/step-outcomes.store';
import { PLACEHOLDER_IDS, generatedIds } from './generated-ids';
import { KeyedLock } from './keyed-lock';
import { outcomeLabel, refused, type StepOutcome } from './step-outcome';
import { TakeStep } from './take-step.command';

const MAX_ATTEMPTS = 8;

/** What makes two requests the same request: the step, its case and participant, and its command. */
function fingerprintOf({ step, target, command }: TakeStep): string {
  const asked = command(PLACEHOLDER_IDS);
  return sha256Hex(stableJson([step, target.caseId ?? null, target.participantId ?? null, asked]));
}

/** The participants a step acts on: the one its path names and the one its command names. */
function participantsOf({ target, command }: TakeStep): string[] {
  const named = (command(PLACEHOLDER_IDS) as { participantId?: string }).participantId;
  return [...new Set([target.participantId, named].filter((id): id is string => id !== undefined))];
}

/** The region a `request` asks the new case to be in (other steps: none; their case has one). */
const requestedRegionOf = ({ step, command }: TakeStep): string | undefined =>
  step === 'request' ? (command(PLACEHOLDER_IDS) as { region?: string }).region : undefined;

/** The case a step is taken on: its target, or for `request` the one its command id names. */
const caseIdOf = (command: TakeStep, commandId: string): string =>
  command.target.caseId ?? generatedIds(commandId).caseId;

/**
 * Load the stream, fold, decide with the machine, append with the expected revision; retry on a race.
 * Answers the case after the step or a refusal, as values; only an outage is thrown.
 */
@CommandHandler(TakeStep)
export class TakeStepHandler implements ICommandHandler<TakeStep, StepOutcome> {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly cases: CaseRepository,
    private readonly outcomes: StepOutcomes,
    private readonly followUps: FollowUpCompleter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(METRICS) private readonly metrics: Metrics = NO_METRICS,
  ) {}

  /** Takes the step, counted and timed by step and outcome (`tafel_steps_total`). */
  async execute(command: TakeStep): Promise<StepOutcome> {
    const done = this.metrics.step(command.step);
    try {
      const outcome = await this.take(command);
      done(outcomeLabel(outcome));
      return outcome;
    } catch (e) {
      done('error');
      throw e;
    }
  }

  private async take(command: TakeStep): Promise<StepOutcome> {
    const key = command.options.idempotencyKey;
    if (key === undefined) return this.attempt(command, newId());
    const fingerprint = fingerprintOf(command);
    const first = await this.outcomes.get(command.actor.id, key);
    if (first && first.fingerprint !== fingerprint) return refused({ kind: 'key-reused' });
    // The same key for the same request gives the same command id, hence the same event ids.
    const commandId = deterministicId('command', command.actor.id, key, fingerprint);
    if (first && 'refusal' in first.outcome) return refused(first.outcome.refusal);
    const outcome = first
      ? await this.fromHistory(command, first.caseId, commandId)
      : await this.attempt(command, commandId);
    if (!first) await this.keep(command, key, { fingerprint, commandId }, outcome);
    return outcome;
  }

  private async keep(
    command: TakeStep,
    key: string,
    request: Pick<StepRecord, 'fingerprint' | 'commandId'>,
    outcome: StepOutcome,
  ): Promise<void> {
    const caseId = caseIdOf(command, request.commandId);
    const kept = outcome.ok
      ? { revision: outcome.revision, eventIds: outcome.eventIds }
      : { refusal: outcome.refusal };
    await this.outcomes.put(command.actor.id, key, { ...request, caseId, outcome: kept }, this.clock.now());
  }

  private attempt(command: TakeStep, commandId: string): Promise<StepOutcome> {
    const caseId = caseIdOf(command, commandId);
    const context: CommandContext = {
      actor: command.actor,
      commandId,
      correlationId: command.options.correlationId,
    };
    return this.lock.run(caseId, () => this.decideAndAppend(command, caseId, context));
  }

  private async decideAndAppend(
    command: TakeStep,
    caseId: string,
    context: CommandContext,
  ): Promise<StepOutcome> {
    const { target, actor, step } = command;
    const { ifMatch, idempotencyKey } = command.options;
    for (let attempt = 1; ; attempt++) {
      // A keyed command reads the whole stream: its events may be there from an earlier try.
      const loaded = idempotencyKey !== undefined ? await this.cases.load(caseId) : undefined;
      const { state, revision } = loaded ?? (await this.cases.current(caseId));
      if (target.caseId !== undefined && !state) return refused({ kind: 'case-not-found', caseId });
      const denial = stepDenial(actor, step, state, participantsOf(command), requestedRegionOf(command));
      if (denial) return refused({ kind: 'forbidden', message: denial });
      const mine = loaded?.events.filter((e) => e.metadata.commandId === context.commandId) ?? [];
      if (mine.length > 0) return this.answerFrom(command, loaded!.events, mine, context);

      if (ifMatch !== undefined && ifMatch !== revision)
        return refused({ kind: 'stale', expected: ifMatch, current: revision });
      const pid = target.participantId;
      if (pid !== undefined && !state!.participants.some((p) => p.participantId === pid))
        return refused({ kind: 'participant-not-found', participantId: pid });
      const decision = decide(state, command.command(generatedIds(context.commandId)), this.clock.now());
      if (!decision.ok) return refused({ kind: 'rule', ...decision.refusal });
      let next: number;
      try {
        const version = state?.workflowVersion ?? WORKFLOW_VERSION;
        const expected = state ? revision : 'no-stream';
        next = await this.cases.append(caseId, decision.events, expected, context, version);
      } catch (e) {
        if (!(e instanceof ExpectedRevisionConflict)) throw e;
        if (ifMatch !== undefined) return refused({ kind: 'stale', expected: ifMatch, current: e.actual });
        if (attempt < MAX_ATTEMPTS) continue;
        throw new TafelError('CASE.CONCURRENCY_EXHAUSTED', 'unavailable', 'The case is too busy; try again.');
      }
      const after = decision.events.reduce<CaseState | undefined>(evolve, state)!;
      this.cases.remember(caseId, after, next);
      const eventIds = decision.events.map((_, i) => eventIdOf(context.commandId, caseId, i));
      return this.taken(command, after, next, decision.events, eventIds, context);
    }
  }

  /** A keyed retry of a command that was taken: its answer rebuilt from the stream. */
  private async fromHistory(command: TakeStep, caseId: string, commandId: string): Promise<StepOutcome> {
    const { events } = await this.cases.load(caseId);
    const mine = events.filter((e) => e.metadata.commandId === commandId);
    const context = { actor: command.actor, commandId, correlationId: command.options.correlationId };
    return this.answerFrom(command, events, mine, context);
  }

  private answerFrom(
    command: TakeStep,
    events: StoredEvent[],
    mine: StoredEvent[],
    context: CommandContext,
  ): Promise<StepOutcome> {
    const last = mine[mine.length - 1];
    const state = foldStored(events.filter((e) => e.revision <= last.revision))!;
    const appended = mine.map((e) => upcast(e.type, e.schemaVersion, e.data));
    const eventIds = mine.map((e) => e.eventId);
    return this.taken(command, state, last.revision, appended, eventIds, context);
  }

  private async taken(
    command: TakeStep,
    state: CaseState,
    revision: number,
    events: DomainEvent[],
    eventIds: string[],
    context: CommandContext,
  ): Promise<StepOutcome> {
    const appended = events.map((e) => e.type);
    if (command.step === 'invite-participant') {
      const { participantId } = generatedIds(context.commandId);
      return { ok: true, state, revision, appended, eventIds, participantId };
    }
    if (command.step !== 'request-follow-up-conference')
      return { ok: true, state, revision, appended, eventIds };
    // The answer is the new case; the command appended the link on the original and the request.
    const index = events.findIndex((e) => e.type === 'FollowUpConferenceRequested');
    const link = (events[index] as EventOf<'FollowUpConferenceRequested'>).data;
    const created = await this.followUps.ensureFollowUpCase(state, link, {
      ...context,
      causationId: eventIds[index],
    });
    return { ok: true, ...created, appended: [...appended, 'ConferenceRequested'], eventIds };
  }
}
