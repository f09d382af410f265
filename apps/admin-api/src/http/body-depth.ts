import type { FastifyInstance } from 'fastify';
import { problem } from './problem';
import { replyProblem } from './problem.filter';
import { PROBLEM_TEXTS_NL } from './problem-texts';

/** No body the API takes nests deeper than a few levels; 32 leaves room and stops a stack overflow. */
export const MAX_BODY_DEPTH = 32;

/**
 * True when `value` nests objects or arrays more than `max` deep (a top-level object or array is
 * depth 1). Walks with a stack of its own, never by recursion, and stops at the first level too deep.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

/**
 * A body nested deeper than `MAX_BODY_DEPTH` is refused (400, `errors[]` naming `body`) once parsed,
 * before any route's validation sees it: the validation pipe walks a body by recursion, and a body of
 * arrays nested 5,000 deep overflowed its stack (500).
 */
export function limitBodyDepth(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, reply, done) => {
    if (!nestsDeeperThan(request.body, MAX_BODY_DEPTH)) return done();
    const message = `the body nests deeper than ${MAX_BODY_DEPTH} levels`;
    const errors = [{ field: 'body', message }];
    replyProblem(reply, problem(400, 'REQUEST.INVALID', message, { errors }, PROBLEM_TEXTS_NL.bodyTooDeep));
  });
}
