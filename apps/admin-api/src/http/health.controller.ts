import { Controller, Get, Inject } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { TafelError } from '@app/cases';
import { Public } from '../auth/public.decorator';
import { ProblemResponses } from './openapi.decorators';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'liveness and store readiness (no token)' })
  @ApiResponse({ status: 200, description: 'the process is up and the store answers' })
  @ApiResponse({
    status: 431,
    description:
      'request headers over the HTTP server limit (16 kB): refused before any route, as plain JSON',
  })
  @ProblemResponses(503)
  async health() {
    try {
      await this.store.ping();
    } catch (e) {
      throw new TafelError(
        'STORE.UNAVAILABLE',
        'unavailable',
        `The event store is not reachable: ${String(e)}`,
      );
    }
    return { status: 'ok', store: 'up' };
  }
}
