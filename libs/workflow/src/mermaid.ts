import { CASE_STATES, STEPS, type CaseStatus, type Step } from './types';
import { machineFor, WORKFLOW_VERSION, type WorkflowMachine } from './workflow-registry';

export interface WorkflowTransition {
  from: CaseStatus;
  step: Step;
  to: CaseStatus;
}

/** Every transition of the machine, read from its definition (state order, then step order). */
export function workflowTransitions(machine: WorkflowMachine): WorkflowTransition[] {
  const out: WorkflowTransition[] = [];
  for (const [from, node] of Object.entries(machine.root.states)) {
    for (const [step, definitions] of node.transitions) {
      for (const t of definitions) {
        for (const target of t.target ?? [node]) {
          out.push({ from: from as CaseStatus, step: step as Step, to: target.key as CaseStatus });
        }
      }
    }
  }
  return out;
}

const id = (state: string): string => state.replace(/-/g, '_');

/** The workflow as Mermaid `stateDiagram-v2` text, generated from the machine definition. */
export function workflowDiagram(version: number = WORKFLOW_VERSION): string {
  const machine = machineFor(version);
  const root = machine.root;
  const lines = ['stateDiagram-v2'];
  for (const [key, node] of Object.entries(root.states)) {
    if (key.includes('-')) lines.push(`  state "${key}" as ${id(key)}`);
    if (node.type === 'final') lines.push(`  ${id(key)} --> [*]`);
  }
  lines.push(`  [*] --> ${id(String(root.config.initial))} : request`);
  for (const t of workflowTransitions(machine)) lines.push(`  ${id(t.from)} --> ${id(t.to)} : ${t.step}`);
  return lines.join('\n') + '\n';
}

export interface WorkflowDescription {
  version: number;
  states: CaseStatus[];
  steps: Step[];
  finalStates: CaseStatus[];
  transitions: WorkflowTransition[];
  mermaid: string;
}

/** The workflow for `GET /v1/workflow`: states, steps, transitions and the Mermaid diagram. */
export function describeWorkflow(version: number = WORKFLOW_VERSION): WorkflowDescription {
  const machine = machineFor(version);
  const states = Object.keys(machine.root.states) as CaseStatus[];
  const transitions = workflowTransitions(machine);
  const used = new Set<string>(['request', ...transitions.map((t) => t.step)]);
  return {
    version,
    states: CASE_STATES.filter((s) => states.includes(s)),
    steps: STEPS.filter((s) => used.has(s)),
    finalStates: states.filter((s) => machine.root.states[s].type === 'final'),
    transitions,
    mermaid: workflowDiagram(version),
  };
}
