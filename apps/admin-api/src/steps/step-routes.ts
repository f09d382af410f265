import { Body, Controller, Post, Req, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@app/cases';
import type { Step } from '@app/workflow';
import { StepResponses } from '../http/openapi.decorators';
import { UuidParam } from '../http/uuid-param';
import type { PathParams, StepDefinition } from './step-definition';
import { StepHttp } from './step-http';

/**
 * The route of one step: `POST /v1/cases/<path>` with the step's DTO as its validated body. The
 * parameter decorators are applied here by hand because the body's class is the step's own.
 */
export function stepRoute<S extends Step, D extends object, P extends string>(
  definition: StepDefinition<S, D, P>,
): Type {
  @ApiTags('steps')
  @ApiBearerAuth()
  @ApiHeader({ name: 'If-Match', required: false, description: 'the revision the client saw, e.g. "3"' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key gets the first answer',
  })
  @Controller('v1/cases')
  class StepRoute {
    constructor(readonly http: StepHttp) {}

    take(
      caseId: string | undefined,
      participantId: string | undefined,
      dto: D,
      request: FastifyRequest & { actor: Actor },
      reply: FastifyReply,
    ): Promise<void> {
      const params = { caseId, participantId } as unknown as PathParams<P>;
      return this.http.take(definition, params, dto, request, reply);
    }
  }
  const target = StepRoute.prototype;
  if (definition.path.includes(':id')) UuidParam('id')(target, 'take', 0);
  if (definition.path.includes(':pid')) UuidParam('pid')(target, 'take', 1);
  Body()(target, 'take', 2);
  Req()(target, 'take', 3);
  Res()(target, 'take', 4);
  Reflect.defineMetadata(
    'design:paramtypes',
    [String, String, definition.dto, Object, Object],
    target,
    'take',
  );
  const method = Object.getOwnPropertyDescriptor(target, 'take')!;
  for (const decorate of [
    Post(definition.path),
    ApiOperation({
      summary: definition.step,
      operationId: definition.step,
      description: definition.description,
    }),
    StepResponses(definition.created),
  ]) {
    decorate(target, 'take', method);
  }
  const name = definition.step.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase());
  Object.defineProperty(StepRoute, 'name', { value: `${name}Route` });
  return StepRoute;
}
