import { conferenceMachine } from './conference.machine';
import { describeWorkflow, workflowDiagram, workflowTransitions } from './mermaid';
import { CASE_STATES, STEPS } from './types';

describe('the workflow description', () => {
  const mermaid = workflowDiagram();

  it('is a Mermaid state diagram with an arrow for every transition of the machine', () => {
    expect(mermaid.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(mermaid).toContain('[*] --> requested : request');
    expect(mermaid).toContain('scheduled --> held : hold-conference');
    expect(mermaid).toContain('state "awaiting-coordinator" as awaiting_coordinator');
    for (const t of workflowTransitions(conferenceMachine)) {
      expect(mermaid).toContain(`${t.from.replace(/-/g, '_')} --> ${t.to.replace(/-/g, '_')} : ${t.step}`);
    }
  });

  it('marks the final states', () => {
    for (const s of ['declined', 'withdrawn', 'closed']) expect(mermaid).toContain(`${s} --> [*]`);
  });

  it('describes version, states and steps of the API', () => {
    const d = describeWorkflow();
    expect(d).toMatchObject({ version: 1, mermaid });
    expect(d.states).toEqual(CASE_STATES.filter((s) => s !== 'no-plan'));
    expect(d.steps).toEqual(
      STEPS.filter(
        (s) =>
          ![
            'revise-questions',
            'correct-participant',
            'remove-participant',
            'adjourn-conference',
            'record-no-plan',
          ].includes(s),
      ),
    );
    expect(d.finalStates.sort()).toEqual(['closed', 'declined', 'withdrawn']);
  });

  it('has the transitions API.md lists', () => {
    const from = (step: string) => [
      ...new Set(
        workflowTransitions(conferenceMachine)
          .filter((t) => t.step === step)
          .map((t) => t.from),
      ),
    ];
    expect(from('assign-coordinator')).toEqual(['awaiting-coordinator', 'preparing', 'scheduled']);
    expect(from('withdraw')).toEqual(['requested', 'awaiting-coordinator', 'preparing', 'scheduled']);
    expect(from('record-plan')).toEqual(['held', 'plan-recorded']);
    expect(from('close')).toEqual(['plan-distributed', 'followed-up']);
    expect(from('hold-conference')).toEqual(['scheduled']);
  });
});
