import { conferenceMachine, type ConferenceMachine } from './conference.machine';
import { conferenceMachineV2, type ConferenceMachineV2 } from './conference-v2.machine';

/** The machine of some workflow version: each is declared with its own `setup(...).createMachine(...)`. */
export type WorkflowMachine = ConferenceMachine | ConferenceMachineV2;

/** The workflow version new cases start on (recorded in `ConferenceRequested`). */
export const WORKFLOW_VERSION = 2;

const machines = new Map<number, WorkflowMachine>([
  [1, conferenceMachine],
  [2, conferenceMachineV2],
]);

/**
 * The machine of a workflow version: a case is decided and replayed with the version it began on.
 * @throws Error when the version is not registered.
 */
export function machineFor(version: number): WorkflowMachine {
  const machine = machines.get(version);
  if (machine === undefined) {
    throw new Error(`Unknown workflow version ${version}; known: ${[...machines.keys()].join(', ')}`);
  }
  return machine;
}

/** The registered workflow versions, ascending. */
export function workflowVersions(): number[] {
  return [...machines.keys()].sort((a, b) => a - b);
}

/**
 * Registers the machine of a new workflow version (cases already running keep theirs).
 * Returns a function that removes it again (for tests).
 * @throws Error when the version is already registered.
 */
export function registerWorkflowVersion(version: number, machine: WorkflowMachine): () => void {
  if (machines.has(version)) throw new Error(`Workflow version ${version} is already registered`);
  machines.set(version, machine);
  return () => void machines.delete(version);
}
