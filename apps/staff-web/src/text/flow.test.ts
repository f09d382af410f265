import { describe, expect, it } from 'vitest';
import type { FlowReport } from '../api/types';
import { funnelBars, leadTimeBars, percentage, stateBars } from './flow';

const REPORT: FlowReport = {
  cases: 20,
  byState: { requested: 2, preparing: 8, closed: 10, declined: 0 },
  funnel: [
    { stage: 'requested', count: 20 },
    { stage: 'intake-completed', count: 15 },
    { stage: 'conference-held', count: 5 },
  ],
  leadTimesDays: {
    'request-to-intake': { median: 4, p90: 9, n: 15 },
    'request-to-conference': { median: null, p90: null, n: 0 },
  },
  declineReasons: {},
  withdrawalReasons: {},
  followUpOutcomes: {},
  followUpConferenceRate: 0.125,
  noPlanRate: null,
};

describe('the dashboard numbers', () => {
  it('shows the funnel as shares of the requests', () => {
    expect(funnelBars(REPORT)).toEqual([
      { label: 'Aangevraagd', value: 20, percent: 100, text: '20 (100%)' },
      { label: 'Intake gedaan', value: 15, percent: 75, text: '15 (75%)' },
      { label: 'Conferentie gehouden', value: 5, percent: 25, text: '5 (25%)' },
    ]);
  });

  it('shows lead times in days, and says when there are no cases yet', () => {
    const [intake, conference] = leadTimeBars(REPORT);
    expect(intake).toMatchObject({ label: 'Van aanvraag tot intake', value: 4, percent: 100 });
    expect(intake.text).toBe('de helft binnen 4 dagen, 9 van de 10 binnen 9 dagen (15 zaken)');
    expect(conference).toMatchObject({ value: 0, percent: 0, text: 'nog geen zaken' });
  });

  it('orders the states by size and leaves out the empty ones', () => {
    expect(stateBars(REPORT).map((b) => [b.label, b.value, b.percent])).toEqual([
      ['Gesloten', 10, 100],
      ['In voorbereiding', 8, 80],
      ['Aangevraagd', 2, 20],
    ]);
  });

  it('writes rates as percentages', () => {
    expect(percentage(0.125)).toBe('13%');
    expect(percentage(null)).toBe('–');
  });
});
