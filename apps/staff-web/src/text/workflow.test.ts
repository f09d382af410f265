import { describe, expect, it } from 'vitest';
import { dutchDiagram } from './workflow';

describe('the workflow diagram in Dutch', () => {
  it('names the states and the steps in Dutch', () => {
    const server = [
      'stateDiagram-v2',
      '  declined --> [*]',
      '  state "awaiting-coordinator" as awaiting_coordinator',
      '  [*] --> requested : request',
      '  requested --> awaiting_coordinator : complete-intake',
      '  awaiting_coordinator --> preparing : assign-coordinator',
      '',
    ].join('\n');
    expect(dutchDiagram(server, ['requested', 'declined', 'awaiting-coordinator', 'preparing'])).toBe(
      [
        'stateDiagram-v2',
        '  state "Aangevraagd" as requested',
        '  state "Afgewezen" as declined',
        '  state "Wacht op coördinator" as awaiting_coordinator',
        '  state "In voorbereiding" as preparing',
        '  declined --> [*]',
        '  [*] --> requested : Aanvraag indienen',
        '  requested --> awaiting_coordinator : Intake afronden',
        '  awaiting_coordinator --> preparing : Coördinator toewijzen',
        '',
      ].join('\n'),
    );
  });
});
