import { deterministicId, newId, sha256Hex, stableJson } from '@app/kernel';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@app/config';
import { ExpectedRevisionConflict, type StoredEvent } from '@app/event-store';
import {
  WORKFLOW_VERSION,
  decide,
  evolve,
  upcast,
  type CaseState,
  type DomainEvent,
  type EventOf,
} from '@app/workflow';
import { assertMayTakeStep } from '../access/access-policy';
import { CaseRepository, foldStored, type CommandContext, type LoadedCase } from '../case-repository';
import { caseView } from '../case-view';
import { TafelError, caseNotFound, revisionMismatch } from '../errors';
import { FAULTS, type Faults } from '../faults';
import { FollowUpCompleter } from '../follow-up/follow-up-completer';
import { problemOf } from '../problem';
import { IdempotencyStore } from '../read-models/idempotency.store';
import { KeyedLock } from './keyed-lock';
import { RunStepCommand, type StepAnswer } from './run-step.command';
import { generatedIds, toCommand } from './step-input';

const MAX_ATTEMPTS = 8;

/** What makes two requests the same request: the step, its case and participant, and its body. */
function fingerprintOf(command: RunStepCommand): string {
  const { step, caseId, input, options } = command;
  return sha256Hex(stableJson([step, caseId ?? null, options.participantId ?? null, input]));
}
const CREATED: ReadonlySet<string> = new Set([
  'request',
  'invite-participant',
  'request-follow-up-conference',
]);

/** Load the stream, fold, decide with the machine, append with the expected revision; retry on a race. */
@CommandHandler(RunStepCommand)
export class RunStepHandler implements ICommandHandler<RunStepCommand, StepAnswer> {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly cases: CaseRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly followUps: FollowUpCompleter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FAULTS) private readonly faults: Faults,
  ) {}

  async execute(command: RunStepCommand): Promise<StepAnswer> {
    const key = command.options.idempotencyKey;
    const fingerprint = fingerprintOf(command);
    if (key !== undefined) {
      const first = await this.idempotency.get(command.actor.id, key);
      if (first && first.fingerprint !== null && first.fingerprint !== fingerprint) {
        throw new TafelError(
          'IDEMPOTENCY.KEY_REUSED',
          'unprocessable',
          'This Idempotency-Key was used for another request (another step, case or body); use a new key.',
        );
      }
      if (first) return { status: first.status, body: first.body };
    }
    // The same key for the same request gives the same command id, hence the same event ids.
    const commandId =
      key !== undefined ? deterministicId('command', command.actor.id, key, fingerprint) : newId();
    const context: CommandContext = {
      actor: command.actor,
      commandId,
      correlationId: command.options.correlationId,
    };
    let answer: StepAnswer;
    try {
      answer = await this.attempt(command, context);
    } catch (e) {
      // A refusal is a final answer too: a retry with the key gets it again. An outage is not.
      if (key !== undefined && e instanceof TafelError && e.category !== 'unavailable') {
        const body = problemOf(e);
        await this.idempotency.put(
          command.actor.id,
          key,
          fingerprint,
          { status: body.status, body },
          this.clock.now(),
        );
      }
      throw e;
    }
    if (key !== undefined)
      await this.idempotency.put(command.actor.id, key, fingerprint, answer, this.clock.now());
    return answer;
  }

  private attempt(command: RunStepCommand, context: CommandContext): Promise<StepAnswer> {
    const caseId = command.caseId ?? generatedIds(context.commandId).caseId;
    return this.lock.run(caseId, () => this.decideAndAppend(command, caseId, context));
  }

  private async decideAndAppend(
    command: RunStepCommand,
    caseId: string,
    context: CommandContext,
  ): Promise<StepAnswer> {
    const ids = generatedIds(context.commandId);
    const keyed = command.options.idempotencyKey !== undefined;
    for (let attempt = 1; ; attempt++) {
      // A keyed command reads the whole stream: its events may be there from an earlier try.
      const loaded = keyed ? await this.cases.load(caseId) : undefined;
      const { state, revision } = loaded ?? (await this.cases.current(caseId));
      if (command.caseId !== undefined && !state) throw caseNotFound(caseId);
      assertMayTakeStep(command.actor, command.step, state);
      const done = loaded?.events.filter((e) => e.metadata.commandId === context.commandId) ?? [];
      if (loaded && done.length > 0) return this.answerFromHistory(command, loaded, done, context);

      const { ifMatch, participantId } = command.options;
      if (ifMatch !== undefined && ifMatch !== revision) throw revisionMismatch(ifMatch, revision);
      if (
        participantId !== undefined &&
        !state!.participants.some((p) => p.participantId === participantId)
      ) {
        throw new TafelError(
          'PARTICIPANT.NOT_FOUND',
          'not-found',
          `No participant ${participantId} in this case.`,
        );
      }
      const decision = decide(
        state,
        toCommand(command.step, command.input, ids, participantId),
        this.clock.now(),
      );
      if (!decision.ok) {
        const { rule, currentState, nextSteps, message } = decision.refusal;
        throw new TafelError(rule, 'conflict', message, { currentState, nextSteps, rule });
      }
      const version = state?.workflowVersion ?? WORKFLOW_VERSION;
      let nextRevision: number;
      await this.faults.beforeAppend?.();
      try {
        nextRevision = await this.cases.append(
          caseId,
          decision.events,
          state ? revision : 'no-stream',
          context,
          version,
        );
      } catch (e) {
        if (!(e instanceof ExpectedRevisionConflict)) throw e;
        if (ifMatch !== undefined) throw revisionMismatch(ifMatch, e.actual);
        if (attempt >= MAX_ATTEMPTS) {
          throw new TafelError(
            'CASE.CONCURRENCY_EXHAUSTED',
            'unavailable',
            'The case is too busy; try again.',
          );
        }
        continue;
      }
      if (keyed) return this.answerFromHistory(command, await this.cases.load(caseId), undefined, context);
      const after = decision.events.reduce<CaseState | undefined>(evolve, state)!;
      this.cases.remember(caseId, after, nextRevision);
      return this.answer(command, after, nextRevision, decision.events, context);
    }
  }

  /** The answer to a keyed command whose events are in the stream: now, or on a retry of the same key. */
  private answerFromHistory(
    command: RunStepCommand,
    loaded: LoadedCase,
    done: StoredEvent[] | undefined,
    context: CommandContext,
  ): Promise<StepAnswer> {
    const mine = done ?? loaded.events.filter((e) => e.metadata.commandId === context.commandId);
    const last = mine[mine.length - 1];
    const state = foldStored(loaded.events.filter((e) => e.revision <= last.revision)) as CaseState;
    const events = mine.map((e) => upcast(e.type, e.schemaVersion, e.data));
    return this.answer(command, state, last.revision, events, { ...context, causationId: last.eventId });
  }

  private async answer(
    command: RunStepCommand,
    state: CaseState,
    revision: number,
    events: DomainEvent[],
    context: CommandContext,
  ): Promise<StepAnswer> {
    const status = CREATED.has(command.step) ? 201 : 200;
    if (command.step === 'request-follow-up-conference') {
      if (this.faults.crashAfterFollowUpLink) {
        this.faults.crashAfterFollowUpLink = false;
        throw new Error('fault injected: crash after the follow-up link');
      }
      const link = events.find(
        (e) => e.type === 'FollowUpConferenceRequested',
      ) as EventOf<'FollowUpConferenceRequested'>;
      const created = await this.followUps.ensureFollowUpCase(
        state,
        link.data.followUpCaseId,
        link.data.reason,
        new Date(link.data.at),
        context,
      );
      // The answer is the new case; the command appended the link on the original and the request.
      const appended = [...events.map((e) => e.type), 'ConferenceRequested' as const];
      return { status, body: caseView(created.state, created.revision, appended) };
    }
    const body: Record<string, unknown> = caseView(
      state,
      revision,
      events.map((e) => e.type),
    );
    if (command.step === 'invite-participant')
      body.participantId = generatedIds(context.commandId).participantId;
    return { status, body };
  }
}
