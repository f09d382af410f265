import { Logger, Module, type DynamicModule } from '@nestjs/common';
import type { TafelConfig } from '@app/config';
import { CheckpointQueries } from './checkpoint-queries';
import { CHECKPOINT_SETTINGS, Checkpointer, SIGNING_KEY, type CheckpointSettings } from './checkpointer';
import { resolveSigningKey } from './signing-key';

export type CheckpointConfig = Pick<
  TafelConfig,
  'signingKey' | 'signingKeyFile' | 'checkpointEvery' | 'checkpointIntervalMs'
>;

/**
 * Signed checkpoints of the whole log: the leader's `Checkpointer` (run by the worker runtime) and
 * the reads. The signing key is resolved at start-up (the key file is made on first start).
 */
@Module({})
export class CheckpointsModule {
  static forRoot(config: CheckpointConfig): DynamicModule {
    const settings: CheckpointSettings = {
      every: config.checkpointEvery,
      intervalMs: config.checkpointIntervalMs,
    };
    return {
      module: CheckpointsModule,
      providers: [
        {
          provide: SIGNING_KEY,
          useFactory: () =>
            resolveSigningKey(config, { create: true, log: (m) => new Logger('Checkpoints').log(m) }),
        },
        { provide: CHECKPOINT_SETTINGS, useValue: settings },
        Checkpointer,
        CheckpointQueries,
      ],
      exports: [Checkpointer, CheckpointQueries, SIGNING_KEY],
    };
  }
}
