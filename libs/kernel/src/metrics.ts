/**
 * What the application reports for `/metrics`: labels are fixed vocabularies (step names, outcome
 * codes, projection names), never ids or personal data. The implementation (prom-client, one
 * registry per application) lives at the edge; `NO_METRICS` where nothing scrapes.
 */
export const METRICS = Symbol('METRICS');

/** How a step ended, as `tafel_steps_total{outcome}` counts it. */
export type StepOutcomeLabel =
  'ok' | 'refused-rule' | 'refused-forbidden' | 'not-found' | 'stale' | 'key-reused' | 'error';

/** One dispatch round's outcomes, as `tafel_messages_total{outcome}` counts them. */
export interface MessageCounts {
  sent: number;
  retrying: number;
  failed: number;
  cancelled: number;
}

export interface Metrics {
  /** Starts timing a step (a monotonic timer, not the clock); call the answer once with how it ended. */
  step(step: string): (outcome: StepOutcomeLabel) => void;
  /** Starts timing an append to the store; call the answer once it has ended (either way). */
  append(): () => void;
  messages(counts: MessageCounts): void;
}

export const NO_METRICS: Metrics = {
  step: () => () => undefined,
  append: () => () => undefined,
  messages: () => undefined,
};
