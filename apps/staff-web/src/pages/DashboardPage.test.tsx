import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FlowReport } from '../api/types';
import { fakeFetch, json, renderApp } from '../testing';

const report: FlowReport = {
  cases: 12,
  byState: { closed: 4, preparing: 8 },
  funnel: [
    { stage: 'requested', count: 12 },
    { stage: 'conference-held', count: 3 },
  ],
  leadTimesDays: { 'request-to-conference': { median: 30, p90: 45, n: 3 } },
  declineReasons: {},
  withdrawalReasons: {},
  followUpOutcomes: {},
  followUpConferenceRate: 0.25,
  noPlanRate: 0,
};

describe('the dashboard', () => {
  it('shows the flow report as bars with their numbers', async () => {
    const fetch = fakeFetch((method, url) => (url.startsWith('/v1/reports/flow') ? json(report) : undefined));
    renderApp('/dashboard', fetch);
    expect(await screen.findByText('In deze periode kwamen 12 aanvragen binnen.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Conferentie gehouden: 3 (25%)' })).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Van aanvraag tot conferentie: de helft binnen 30 dagen/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'In voorbereiding: 8' })).toBeInTheDocument();
    expect(screen.getByText('25%')).toBeInTheDocument();
  });

  it('asks for the chosen period, whole days, "Tot" included', async () => {
    const user = userEvent.setup();
    const fetch = fakeFetch((method, url) => (url.startsWith('/v1/reports/flow') ? json(report) : undefined));
    renderApp('/dashboard', fetch);
    await user.type(await screen.findByLabelText('Van'), '2026-01-01');
    await user.type(screen.getByLabelText('Tot'), '2026-01-31');
    await user.type(screen.getByLabelText('Regio'), 'Utrecht');
    await user.click(screen.getByRole('button', { name: 'Tonen' }));
    await screen.findByText('In deze periode kwamen 12 aanvragen binnen.');
    const last = new URL(String(fetch.mock.calls.at(-1)![0]), 'http://x');
    expect(new Date(last.searchParams.get('from')!).getTime()).toBe(new Date('2026-01-01T00:00').getTime());
    expect(new Date(last.searchParams.get('to')!).getTime()).toBe(new Date('2026-02-01T00:00').getTime());
    expect(last.searchParams.get('region')).toBe('Utrecht');
  });

  it('says "Geen toegang" to a coordinator', async () => {
    const fetch = fakeFetch(() => json({ status: 403, title: 'Forbidden', detail: 'Dat mag u niet.' }, 403));
    renderApp('/dashboard', fetch);
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeInTheDocument();
  });
});
