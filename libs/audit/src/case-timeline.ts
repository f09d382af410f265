import { evolve, nextSteps, upcast, type CaseState, type Step } from '@app/workflow';
import { isDomainEvent } from '@app/cases';
import type { StoredEvent } from '@app/event-store';

/** One event of a case and where it left the case. */
export interface TimelineEntry {
  revision: number;
  position: number;
  type: string;
  occurredAt: string;
  actor: StoredEvent['metadata']['actor'];
  /** The case's state after this event (a message leaves it where it was). */
  state: string | undefined;
  nextSteps: Step[];
  /** False for events beside the workflow (messages sent or failed): they do not move the case. */
  step: boolean;
}

/**
 * Replays a case's events one by one (upcast, then evolve; `nextSteps` under the case's own
 * workflow version), recording the case after each event.
 */
export function timelineOf(events: StoredEvent[]): {
  entries: TimelineEntry[];
  state: CaseState | undefined;
} {
  let state: CaseState | undefined;
  let steps: Step[] = nextSteps(undefined);
  const entries = events.map((e) => {
    const step = isDomainEvent(e);
    if (step) {
      state = evolve(state, upcast(e.type, e.schemaVersion, e.data));
      steps = nextSteps(state);
    }
    return {
      revision: e.revision,
      position: e.position,
      type: e.type,
      occurredAt: e.metadata.occurredAt,
      actor: e.metadata.actor,
      state: state?.status,
      nextSteps: steps,
      step,
    };
  });
  return { entries, state };
}
