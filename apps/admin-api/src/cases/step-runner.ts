import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RunStepCommand, TafelError, type Actor, type StepAnswer, type StepInput } from '@app/cases';
import type { Step } from '@app/workflow';

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

/** Turns an HTTP step request into a RunStepCommand and its answer into the HTTP response. */
@Injectable()
export class StepRunner {
  constructor(private readonly commands: CommandBus) {}

  async run(
    step: Step,
    caseId: string | undefined,
    body: object,
    actor: Actor,
    request: FastifyRequest,
    reply: FastifyReply,
    participantId?: string,
  ): Promise<void> {
    const answer = await this.commands.execute<RunStepCommand, StepAnswer>(
      new RunStepCommand(step, caseId, { ...body } as StepInput, actor, {
        participantId,
        ifMatch: parseIfMatch(request),
        idempotencyKey: parseIdempotencyKey(request),
        correlationId: String(request.id),
      }),
    );
    reply.status(answer.status);
    if (answer.status >= 400) reply.header('content-type', 'application/problem+json');
    else if (typeof answer.body.revision === 'number') reply.header('etag', `"${answer.body.revision}"`);
    await reply.send(answer.body);
  }
}
