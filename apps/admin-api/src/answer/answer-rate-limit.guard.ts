import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CLOCK, type Clock, type TafelConfig } from '@app/config';
import { CONFIG } from '@app/infrastructure';
import { ClockThrottlerStorage } from '../http/clock-throttler.storage';
import { AnswerPageError } from './answer-page.error';

const MINUTE_MS = 60_000;
/** Per client address and minute: answering is rare, looking a little less so. */
export const ANSWER_PAGE_LIMITS = { post: 20, get: 60 } as const;

/**
 * The answer pages' own rate limit, per client address (they carry no staff token): the same
 * clock-timed windows as the API's limit, with budgets of their own for reading and answering.
 * Off with TAFEL_RATE_LIMIT=off, like the API's.
 */
@Injectable()
export class AnswerRateLimitGuard implements CanActivate {
  private readonly windows: ClockThrottlerStorage;

  constructor(
    @Inject(CLOCK) clock: Clock,
    @Inject(CONFIG) private readonly config: TafelConfig,
  ) {
    this.windows = new ClockThrottlerStorage(clock);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.rateLimit) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const kind = request.method === 'POST' ? 'post' : 'get';
    const { isBlocked, timeToBlockExpire } = await this.windows.increment(
      `answer-${kind}:${request.ip}`,
      MINUTE_MS,
      ANSWER_PAGE_LIMITS[kind],
    );
    if (isBlocked) throw new AnswerPageError(429, this.config.mailLanguage, timeToBlockExpire);
    return true;
  }
}
