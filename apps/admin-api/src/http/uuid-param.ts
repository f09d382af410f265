import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { TafelError } from '@app/cases';

/** The ids the API hands out: lowercase UUIDs (`randomUUID()`), so one id has one spelling. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** What each path parameter names, for its 404 and its OpenAPI description. */
const NAMED: Record<string, { code: string; what: string }> = {
  id: { code: 'CASE.NOT_FOUND', what: 'case' },
  pid: { code: 'PARTICIPANT.NOT_FOUND', what: 'participant' },
  personId: { code: 'PERSON.NOT_FOUND', what: 'person' },
};
const named = (name: string) => NAMED[name] ?? { code: 'NOT_FOUND', what: name };

/** The path id `name`, or a 404 when it is not a UUID. The detail never repeats what was sent. */
export function uuidParam(name: string, value: unknown): string {
  if (isUuid(value)) return value;
  const { code, what } = named(name);
  throw new TafelError(code, 'not-found', `No ${what} with this id.`);
}

// A parameter decorator's factory runs before any pipe, so a junk id is refused before the body is
// even validated: the answer does not depend on which pipe settles first.
const PathId = createParamDecorator((name: string, context: ExecutionContext) =>
  uuidParam(name, context.switchToHttp().getRequest<FastifyRequest>().params?.[name as never]),
);

/**
 * `@UuidParam('id')`: a path id, which must be a UUID, else 404 before anything is read, logged or
 * written (a read of `/v1/cases/<junk>/history` used to leave a read-log stream behind). Every id in
 * a path is declared with it; it also documents the parameter.
 */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    PathId(name)(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key)!;
    ApiParam({
      name,
      required: true,
      description: `the ${named(name).what}'s id (a UUID; anything else is 404)`,
      schema: { type: 'string', format: 'uuid' },
    })(target, key, descriptor);
  };
