import { Inject, Injectable } from '@nestjs/common';
import { RAW_EVENT_STORE, type EventStore } from '@app/event-store';
import { forbidden, type Actor } from '@app/cases';
import { CHECKPOINTS_STREAM, type Checkpoint } from './checkpoint';
import { checkpointsIn } from './checkpoint-audit';
import { SIGNING_KEY } from './checkpointer';
import { publicKeyPem, type SigningKey } from './signing-key';

const mayRead = (actor: Actor) => {
  if (actor.role !== 'auditor' && actor.role !== 'admin')
    throw forbidden('Only auditors and admins read the checkpoints.');
};

/** The signed checkpoints of the log and the key to check them with (auditors, admins). */
@Injectable()
export class CheckpointQueries {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  /** Every checkpoint in the log, in position order. */
  async list(actor: Actor): Promise<Checkpoint[]> {
    mayRead(actor);
    return checkpointsIn(await this.store.read(CHECKPOINTS_STREAM)).checkpoints;
  }

  /** The public half of the signing key, SPKI PEM. */
  publicKey(actor: Actor): string {
    mayRead(actor);
    return publicKeyPem(this.key.publicKey);
  }
}
