import { conferenceMachine } from './conference.machine';
import { conferenceMachineV2 } from './conference-v2.machine';
import { describeWorkflow, workflowDiagram, workflowTransitions } from './mermaid';
import { CASE_STATES, STEPS } from './types';
import type { WorkflowMachine } from './workflow-registry';

const NEW_IN_V2 = [
  'revise-questions',
  'correct-participant',
  'remove-participant',
  'adjourn-conference',
  'record-no-plan',
];
const from = (machine: WorkflowMachine, step: string) => [
  ...new Set(
    workflowTransitions(machine)
      .filter((t) => t.step === step)
      .map((t) => t.from),
  ),
];

describe.each([
  [1, conferenceMachine],
  [2, conferenceMachineV2],
] as const)('the description of workflow version %i', (version, machine) => {
  const mermaid = workflowDiagram(version);

  it('is a Mermaid state diagram with an arrow for every transition of the machine', () => {
    expect(mermaid.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(mermaid).toContain('[*] --> requested : request');
    expect(mermaid).toContain('scheduled --> held : hold-conference');
    expect(mermaid).toContain('state "awaiting-coordinator" as awaiting_coordinator');
    for (const t of workflowTransitions(machine)) {
      expect(mermaid).toContain(`${t.from.replace(/-/g, '_')} --> ${t.to.replace(/-/g, '_')} : ${t.step}`);
    }
  });

  it('has the transitions API.md lists for both versions', () => {
    expect(from(machine, 'assign-coordinator')).toEqual(['awaiting-coordinator', 'preparing', 'scheduled']);
    expect(from(machine, 'withdraw')).toEqual([
      'requested',
      'awaiting-coordinator',
      'preparing',
      'scheduled',
    ]);
    expect(from(machine, 'record-plan')).toEqual(['held', 'plan-recorded']);
    expect(from(machine, 'hold-conference')).toEqual(['scheduled']);
    expect(describeWorkflow(version).mermaid).toBe(mermaid);
  });
});

describe('version 1 against version 2', () => {
  it('describes the latest version unless asked for another', () => {
    expect(describeWorkflow().version).toBe(2);
    expect(workflowDiagram()).toBe(workflowDiagram(2));
  });

  it('version 1: no new state or step, and a closed case is final', () => {
    const d = describeWorkflow(1);
    expect(d.states).toEqual(CASE_STATES.filter((s) => s !== 'no-plan'));
    expect(d.steps).toEqual(STEPS.filter((s) => !NEW_IN_V2.includes(s)));
    expect(d.finalStates.sort()).toEqual(['closed', 'declined', 'withdrawn']);
    expect(from(conferenceMachine, 'close')).toEqual(['plan-distributed', 'followed-up']);
    expect(d.mermaid).toContain('closed --> [*]');
    expect(d.mermaid).not.toContain('no_plan');
  });

  it('version 2: every state and step of API.md, and a closed case can still ask for a follow-up conference', () => {
    const d = describeWorkflow(2);
    expect(d).toMatchObject({ version: 2, states: [...CASE_STATES], steps: [...STEPS] });
    expect(d.finalStates.sort()).toEqual(['declined', 'withdrawn']);
    expect(d.mermaid).toContain('state "no-plan" as no_plan');
    expect(d.mermaid).toContain('held --> no_plan : record-no-plan');
    expect(d.mermaid).toContain('scheduled --> scheduled : adjourn-conference');
    expect(d.mermaid).not.toContain('closed --> [*]');
  });

  it('version 2 has the steps and states of the version 1.1 table of API.md', () => {
    const m = conferenceMachineV2;
    expect(from(m, 'revise-questions')).toEqual(['awaiting-coordinator', 'preparing', 'scheduled']);
    expect(from(m, 'correct-participant')).toEqual(['preparing', 'scheduled', 'held', 'plan-recorded']);
    expect(from(m, 'remove-participant')).toEqual(['preparing', 'scheduled']);
    expect(from(m, 'adjourn-conference')).toEqual(['scheduled']);
    expect(from(m, 'record-no-plan')).toEqual(['held']);
    expect(from(m, 'request-follow-up-conference')).toEqual([
      'no-plan',
      'plan-distributed',
      'followed-up',
      'closed',
    ]);
    expect(from(m, 'close')).toEqual(['no-plan', 'plan-distributed', 'followed-up']);
    const targets = (step: string) => workflowTransitions(m).filter((t) => t.step === step);
    expect(targets('adjourn-conference')).toEqual([
      { from: 'scheduled', step: 'adjourn-conference', to: 'scheduled' },
    ]);
    expect(targets('record-no-plan')).toEqual([{ from: 'held', step: 'record-no-plan', to: 'no-plan' }]);
  });
});
