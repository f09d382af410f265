import type { INestApplicationContext } from '@nestjs/common';
import type { TafelConfig } from '@app/config';
import { EVENT_STORE, RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import type { CliArgs } from '../cli-args';
import type { CliIo } from '../cli-io';

export interface CommandContext {
  app: INestApplicationContext;
  config: TafelConfig;
  io: CliIo;
  args: CliArgs;
}

/** The log with personal data decrypted (erased people read `[verwijderd]`). */
export const storeOf = (context: CommandContext): EventStore => context.app.get<EventStore>(EVENT_STORE);

/** The log as stored (personal data encrypted): what the hash chains were computed over. */
export const rawStoreOf = (context: CommandContext): EventStore =>
  context.app.get<EventStore>(RAW_EVENT_STORE);

/** How far a walk from `start` to `head` has come at `position`. */
export const fractionOf = (position: number, start: number, head: number): number =>
  head <= start ? 1 : (position - start) / (head - start);
