import { conferenceMachine, type ConferenceMachine } from './conference.machine';

/** The workflow version new cases start on (recorded in `ConferenceRequested`). */
export const WORKFLOW_VERSION = 1;

const machines = new Map<number, ConferenceMachine>([[1, conferenceMachine]]);

/**
 * The machine of a workflow version: a case is decided and replayed with the version it began on.
 * @throws Error when the version is not registered.
 */
export function machineFor(version: number): ConferenceMachine {
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
export function registerWorkflowVersion(version: number, machine: ConferenceMachine): () => void {
  if (machines.has(version)) throw new Error(`Workflow version ${version} is already registered`);
  machines.set(version, machine);
  return () => void machines.delete(version);
}
