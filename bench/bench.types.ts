export interface ScenarioResult {
  /** Stable scenario name, e.g. `workflow.fold`. */
  scenario: string;
  /** One readable line: the figure, the ceiling, the ratio, the target. */
  summary: string;
  [metric: string]: unknown;
}

export interface BenchModule {
  scenarios: { name: string; run: () => Promise<ScenarioResult> }[];
}
