import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TafelError, TakeStep, caseView, type Actor, type StepOutcome } from '@app/cases';
import type { Step } from '@app/workflow';
import { refusalProblem } from '../http/problem';
import { replyProblem } from '../http/problem.filter';
import type { PathParams, StepDefinition } from './step-definition';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const invalidHeader = (field: string, message: string) =>
  new TafelError('REQUEST.INVALID', 'validation', `${field}: ${message}`, { errors: [{ field, message }] });

function parseIfMatch(request: FastifyRequest): number | undefined {
  const raw = header(request, 'if-match');
  if (raw === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(raw);
  if (!match) throw invalidHeader('If-Match', 'expected a revision such as "3"');
  return Number(match[1]);
}

function parseIdempotencyKey(request: FastifyRequest): string | undefined {
  const key = header(request, 'idempotency-key');
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 200)
    throw invalidHeader('Idempotency-Key', 'must be 1 to 200 characters');
  return key;
}

/** Takes a step asked for over HTTP through the command bus and answers its outcome as HTTP. */
@Injectable()
export class StepHttp {
  constructor(private readonly commands: CommandBus) {}

  async take<S extends Step, D extends object, P extends string>(
    definition: StepDefinition<S, D, P>,
    params: PathParams<P>,
    dto: D,
    request: FastifyRequest & { actor: Actor },
    reply: FastifyReply,
  ): Promise<void> {
    const target = params as { caseId?: string; participantId?: string };
    const outcome = await this.commands.execute<TakeStep<S>, StepOutcome>(
      new TakeStep(definition.step, target, (ids) => definition.toCommand(dto, ids, params), request.actor, {
        ifMatch: parseIfMatch(request),
        idempotencyKey: parseIdempotencyKey(request),
        correlationId: String(request.id),
      }),
    );
    if (!outcome.ok) return replyProblem(reply, refusalProblem(outcome.refusal));
    const view = caseView(outcome.state, outcome.revision, outcome.appended);
    const body = outcome.participantId ? { ...view, participantId: outcome.participantId } : view;
    await reply
      .status(definition.created ? 201 : 200)
      .header('etag', `"${outcome.revision}"`)
      .send(body);
  }
}
