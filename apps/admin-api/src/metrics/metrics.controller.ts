import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TafelConfig } from '@app/config';
import { TafelError } from '@app/cases';
import { CONFIG, LEADER_ELECTION, PromMetrics, type LeaderElection } from '@app/infrastructure';
import { METRICS } from '@app/kernel';
import { Public } from '../auth/public.decorator';
import { ReadinessProbe } from '../http/readiness';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` for a Prometheus scraper: the text exposition, behind `TAFEL_METRICS_TOKEN` (a
 * bearer of its own, compared in constant time; staff tokens do not open it). Not there without
 * that token configured. Outside the rate limit and outside the OpenAPI document (not part of the
 * staff API; the README lists the metrics).
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  private readonly expected?: Buffer;

  constructor(
    @Inject(METRICS) private readonly metrics: PromMetrics,
    @Inject(LEADER_ELECTION) private readonly election: LeaderElection,
    @Inject(CONFIG) config: TafelConfig,
    private readonly readiness: ReadinessProbe,
  ) {
    this.expected = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  }

  @Get()
  @Public()
  @Header('cache-control', 'no-store')
  async scrape(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!this.expected) throw new NotFoundException();
    const given = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    // Digests of equal length: the comparison takes as long whatever was sent.
    if (!given || !timingSafeEqual(digest(given), this.expected)) {
      throw new TafelError(
        'AUTH.UNAUTHENTICATED',
        'unauthenticated',
        'The metrics token is missing or not valid.',
      );
    }
    const text = await this.metrics.scrape({
      sample: () => this.readiness.sample(),
      leading: () => this.election.leading,
    });
    void reply.header('content-type', this.metrics.contentType);
    return text;
  }
}
