import { STEP_FORMS } from '../steps/steps';
import { STATE, say } from './nl';

/** A step's name in Dutch: the button that takes it. */
export const stepName = (step: string): string =>
  step === 'request' ? 'Aanvraag indienen' : (STEP_FORMS[step]?.label ?? step);

const id = (state: string) => state.replace(/-/g, '_');

/**
 * The server's Mermaid state diagram with Dutch names: every state gets its Dutch label, every arrow
 * the Dutch name of its step.
 */
export function dutchDiagram(mermaid: string, states: string[]): string {
  const [header, ...lines] = mermaid.split('\n');
  const labels = states.map((state) => `  state "${say(STATE, state)}" as ${id(state)}`);
  const arrows = lines
    .filter((line) => !/^\s*state\s+"/.test(line))
    .map((line) => line.replace(/ : ([a-z-]+)\s*$/, (_, step: string) => ` : ${stepName(step)}`));
  return [header, ...labels, ...arrows].join('\n');
}
