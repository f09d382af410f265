import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@app/config';
import { ExpectedRevisionConflict, type StoredEvent } from '@app/event-store';
import { WORKFLOW_VERSION, decide, type CaseState, type EventOf, type EventType } from '@app/workflow';
import { assertMayTakeStep } from '../access/access-policy';
import { CaseRepository, foldStored, type CommandContext, type LoadedCase } from '../case-repository';
import { caseView } from '../case-view';
import { TafelError, caseNotFound, revisionMismatch } from '../errors';
import { FAULTS, type Faults } from '../faults';
import { FollowUpCompleter } from '../follow-up/follow-up-completer';
import { deterministicId, newId } from '../ids';
import { problemOf } from '../problem';
import { IdempotencyStore } from '../read-models/idempotency.store';
import { KeyedLock } from './keyed-lock';
import { RunStepCommand, type StepAnswer } from './run-step.command';
import { generatedIds, toCommand } from './step-input';

const MAX_ATTEMPTS = 8;
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
    if (key !== undefined) {
      const first = await this.idempotency.get(command.actor.id, key);
      if (first) return first;
    }
    const commandId = key !== undefined ? deterministicId('command', command.actor.id, key) : newId();
    const context: CommandContext = {
      actor: command.actor,
      commandId,
      correlationId: command.options.correlationId,
    };
    let answer: StepAnswer;
    try {
      answer = await this.attempt(command, context);
    } catch (e) {
      if (key !== undefined && e instanceof TafelError && e.category === 'conflict') {
        const body = problemOf(e);
        await this.idempotency.put(command.actor.id, key, { status: body.status, body }, this.clock.now());
      }
      throw e;
    }
    if (key !== undefined) await this.idempotency.put(command.actor.id, key, answer, this.clock.now());
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
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.cases.load(caseId);
      if (command.caseId !== undefined && !loaded.state) throw caseNotFound(caseId);
      assertMayTakeStep(command.actor, command.step, loaded.state);

      const done = loaded.events.filter((e) => e.metadata.commandId === context.commandId);
      if (done.length > 0) return this.answerFromHistory(command, loaded, done, context);

      const { ifMatch, participantId } = command.options;
      if (ifMatch !== undefined && ifMatch !== loaded.revision)
        throw revisionMismatch(ifMatch, loaded.revision);
      if (
        participantId !== undefined &&
        !loaded.state!.participants.some((p) => p.participantId === participantId)
      ) {
        throw new TafelError(
          'PARTICIPANT.NOT_FOUND',
          'not-found',
          `No participant ${participantId} in this case.`,
        );
      }
      const now = this.clock.now();
      const decision = decide(loaded.state, toCommand(command.step, command.input, ids, participantId), now);
      if (!decision.ok) {
        const { rule, currentState, nextSteps, message } = decision.refusal;
        throw new TafelError(rule, 'conflict', message, { currentState, nextSteps, rule });
      }
      const version = loaded.state?.workflowVersion ?? WORKFLOW_VERSION;
      try {
        await this.cases.append(
          caseId,
          decision.events,
          loaded.state ? loaded.revision : 'no-stream',
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
      return this.answerFromHistory(command, await this.cases.load(caseId), undefined, context);
    }
  }

  /** The answer to a command whose events are in the stream: now, or on a retry of the same key. */
  private async answerFromHistory(
    command: RunStepCommand,
    loaded: LoadedCase,
    done: StoredEvent[] | undefined,
    context: CommandContext,
  ): Promise<StepAnswer> {
    const mine = done ?? loaded.events.filter((e) => e.metadata.commandId === context.commandId);
    const last = mine[mine.length - 1];
    const state = foldStored(loaded.events.filter((e) => e.revision <= last.revision)) as CaseState;
    const types = mine.map((e) => e.type as EventType);
    const status = CREATED.has(command.step) ? 201 : 200;

    if (command.step === 'request-follow-up-conference') {
      if (this.faults.crashAfterFollowUpLink) {
        this.faults.crashAfterFollowUpLink = false;
        throw new Error('fault injected: crash after the follow-up link');
      }
      const link = last.data as EventOf<'FollowUpConferenceRequested'>['data'];
      const created = await this.followUps.ensureFollowUpCase(
        state,
        link.followUpCaseId,
        link.reason,
        new Date(link.at),
        {
          ...context,
          causationId: last.eventId,
        },
      );
      return { status, body: caseView(created.state, created.revision, ['ConferenceRequested']) };
    }
    const body: Record<string, unknown> = caseView(state, last.revision, types);
    if (command.step === 'invite-participant')
      body.participantId = generatedIds(context.commandId).participantId;
    return { status, body };
  }
}
