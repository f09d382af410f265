import { Controller, Get, Inject } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { TafelError } from '@app/cases';
import { Public } from '../auth/public.decorator';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'liveness and store readiness (no token)' })
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
