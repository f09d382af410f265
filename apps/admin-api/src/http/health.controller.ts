import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { ReadinessProbe, type Readiness } from './readiness';

class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

class LagDto {
  @ApiProperty({ description: 'how long the oldest event not yet handled has waited (0: caught up)' })
  seconds!: number;
  @ApiProperty({ description: "the log's head position minus the projection's" }) positions!: number;
}

class ProjectionLagDto {
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'position of the last event it handled' }) position!: number;
  @ApiProperty({ type: LagDto }) lag!: LagDto;
}

class ReadyDto {
  @ApiProperty({ enum: ['ready'] }) status!: 'ready';
  @ApiProperty({ type: [ProjectionLagDto] }) projections!: ProjectionLagDto[];
}

class DegradedDto {
  @ApiProperty({ enum: ['degraded'] }) status!: 'degraded';
  @ApiProperty({
    type: [String],
    description:
      '`store-unreachable`, `writer-stopped`, `read-store-unreachable`, `projection-stopped:<name>`, ' +
      '`projection-lagging:<name>` (more than TAFEL_READY_MAX_LAG behind)',
  })
  reasons!: string[];
  @ApiPropertyOptional({ type: [ProjectionLagDto], description: 'when the log could be read' })
  projections?: ProjectionLagDto[];
}

const HEADERS_TOO_LARGE = {
  status: 431,
  description: 'request headers over the HTTP server limit (16 kB): refused before any route, as plain JSON',
} as const;

/** Liveness and readiness, without a token and without personal data or error text. */
@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessProbe) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'liveness: 200 while the process runs (no token; never touches the store)' })
  @ApiResponse({ status: 200, description: 'the process is up', type: LivenessDto })
  @ApiResponse(HEADERS_TOO_LARGE)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'readiness: the store answers and can write, and the projections keep up (no token)',
  })
  @ApiResponse({ status: 200, description: 'ready', type: ReadyDto })
  @ApiResponse(HEADERS_TOO_LARGE)
  @ApiResponse({ status: 503, description: 'degraded, with the reasons', type: DegradedDto })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const readiness = await this.readiness.check();
    if (readiness.status !== 'ready') void reply.status(503);
    return readiness;
  }
}
