import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { StoreUnavailable } from '@app/event-store';
import { ReadStoreUnavailable, redactPersonal } from '@app/kernel';
import { TafelError } from '@app/cases';
import { negotiateLanguage } from './language';
import { problem, problemIn, problemOf, type Problem } from './problem';
import { PROBLEM_TEXTS_NL } from './problem-texts';

const logger = new Logger('Problems');

/** A body the server could not read at all (malformed JSON, a type it does not take): 400 like any invalid body. */
function badBody(message: string): Problem {
  return problem(400, 'REQUEST.INVALID', message, { errors: [{ field: 'body', message }] });
}

/** Turns any error into an RFC 9457 problem document: one place maps error categories to HTTP. */
export function toProblem(error: unknown): Problem {
  if (error instanceof TafelError) return problemOf(error);
  if (error instanceof StoreUnavailable)
    return problem(503, error.code, 'The event store is not reachable; nothing was written.');
  if (error instanceof ReadStoreUnavailable) {
    const detail = 'The database is not reachable; try again (a step: with the same Idempotency-Key).';
    return problem(503, error.code, detail);
  }
  if (error instanceof ThrottlerException) {
    const detail = 'Too many requests with this token; try again after the seconds in Retry-After.';
    return problem(429, 'RATE_LIMITED', detail, { title: 'Too Many Requests' });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 400) return badBody(error.message);
    return problem(status, `HTTP.${status}`, error.message);
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 400) return badBody((error as Error).message);
    if (status === 413)
      return problem(413, 'HTTP.413', 'The body is larger than 100 kB.', {}, PROBLEM_TEXTS_NL.bodyTooLarge);
    return problem(status, `HTTP.${status}`, (error as Error).message);
  }
  logger.error(redactPersonal(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return problem(500, 'INTERNAL', 'Something went wrong on our side; the step may not have been recorded.');
}

export function sendProblem(reply: FastifyReply, error: unknown): void {
  replyProblem(reply, toProblem(error));
}

/** Adds `value` to the answer's `Vary` header (CORS may have put `Origin` there). */
function vary(reply: FastifyReply, value: string): void {
  const current = reply.getHeader('vary');
  const names = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.some((n) => n === '*' || n.toLowerCase() === value.toLowerCase())) return;
  reply.header('vary', [...names, value].join(', '));
}

/**
 * Sends a problem, its `detail` in the language the request asks for (`Accept-Language`: Dutch or
 * English), saying which in `Content-Language`, with `Vary: Accept-Language`.
 */
export function replyProblem(reply: FastifyReply, body: Problem): void {
  const language = negotiateLanguage(reply.request?.headers['accept-language']);
  vary(reply, 'Accept-Language');
  void reply
    .status(body.status)
    .header('content-type', 'application/problem+json')
    .header('content-language', language)
    .send(problemIn(body, language));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), error);
  }
}
