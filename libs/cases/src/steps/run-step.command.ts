import type { Step } from '@app/workflow';
import type { Actor } from '../access/actor';
import type { StepInput } from './step-input';

/** One step of a case, as staff asked for it over the API. */
export class RunStepCommand {
  constructor(
    readonly step: Step,
    /** Undefined for `request`, which creates the case. */
    readonly caseId: string | undefined,
    readonly input: StepInput,
    readonly actor: Actor,
    readonly options: {
      participantId?: string;
      /** `If-Match`: the revision the client saw. */
      ifMatch?: number;
      idempotencyKey?: string;
      correlationId: string;
    },
  ) {}
}

export interface StepAnswer {
  status: number;
  body: Record<string, unknown>;
}
