import type { Step, StepCommand } from '@app/workflow';
import type { Actor } from '../access/actor';
import type { GeneratedIds } from './generated-ids';

/** Which case (and participant) a step is taken on; no case for `request`, which creates one. */
export interface StepTarget {
  caseId?: string;
  participantId?: string;
}

export interface StepOptions {
  /** `If-Match`: the revision the client saw. */
  ifMatch?: number;
  idempotencyKey?: string;
  correlationId: string;
}

/**
 * One step of a case, as staff (or a participant) asked for it. `command` builds the typed domain
 * command once the server's ids are known (derived from the command id, so a retry gets the same).
 */
export class TakeStep<S extends Step = Step> {
  constructor(
    readonly step: S,
    readonly target: StepTarget,
    readonly command: (ids: GeneratedIds) => StepCommand<S>,
    readonly actor: Actor,
    readonly options: StepOptions,
  ) {}
}
