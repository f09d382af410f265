import { screen } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, renderApp } from './testing';

const ID = '0b7f6a52-3f5e-4b8e-9d55-0c0f6a3c2b11';
const theCase = {
  id: ID,
  reference: 'EK-2026-0007',
  kind: 'family',
  state: 'scheduled',
  revision: 5,
  nextSteps: ['invite-participant', 'record-answer', 'schedule-conference', 'hold-conference', 'withdraw'],
  workflowVersion: 2,
  requestedAt: '2026-11-01T09:00:00Z',
  region: 'Utrecht',
  description: 'Zorgen om de kinderen',
  channel: 'online',
  applicant: { personId: 'a-1', name: 'Piet Bakker', email: 'piet@example.nl' },
  conferenceQuestions: ['Wie helpt de familie?'],
  participants: [
    { id: 'p-1', name: 'Anna Jansen', role: 'family', invitedAt: '2026-11-06T09:00:00Z', answer: 'accepted' },
    {
      id: 'p-2',
      name: 'Kees de Boer',
      role: 'neighbour',
      invitedAt: '2026-11-06T09:00:00Z',
      phone: '0612345678',
    },
  ],
  schedule: { startsAt: '2026-12-05T14:00:00Z', location: 'Buurthuis' },
  followUps: [],
  followUpCases: [],
};

const api = fakeFetch((method, url) => {
  if (url.startsWith('/v1/cases?'))
    return json({ items: [{ ...theCase, coordinatorId: null }], nextCursor: null });
  if (url === `/v1/cases/${ID}`) return json(theCase);
  if (url === `/v1/cases/${ID}/messages`)
    return json({
      caseId: ID,
      participants: [
        { id: 'p-1', name: 'Anna Jansen', role: 'family', reachBy: 'email', sent: [], due: [], failed: [] },
        {
          id: 'p-2',
          name: 'Kees de Boer',
          role: 'neighbour',
          reachBy: 'phone',
          sent: [],
          due: [],
          failed: [],
        },
      ],
    });
  if (url === `/v1/cases/${ID}/history`)
    return json({
      events: [
        {
          position: 1,
          stream: `case-${ID}`,
          revision: 0,
          type: 'ConferenceRequested',
          data: { kind: 'family', applicant: { name: 'Piet Bakker' } },
          occurredAt: '2026-11-01T09:00:00Z',
          actor: { id: 'u', role: 'region-manager', name: 'Sanne Visser' },
        },
      ],
    });
  if (url.startsWith(`/v1/cases/${ID}/state`)) return json(theCase);
  if (url === `/v1/cases/${ID}/verification`) return json({ valid: true, events: 6, head: 'abc' });
  if (url === `/v1/cases/${ID}/access-log`) return json({ entries: [] });
  if (url.startsWith('/v1/reports/flow'))
    return json({
      cases: 1,
      byState: { scheduled: 1 },
      funnel: [{ stage: 'requested', count: 1 }],
      leadTimesDays: {},
      declineReasons: {},
      withdrawalReasons: {},
      followUpOutcomes: {},
      followUpConferenceRate: null,
      noPlanRate: null,
    });
  return undefined;
});

async function seriousViolations() {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('no serious or critical axe-core violations', () => {
  it.each([
    ['/inloggen', 'Inloggen', false],
    ['/', 'Zaken', true],
    ['/zaken/nieuw', 'Nieuwe aanvraag', true],
    [`/zaken/${ID}`, 'Zaak EK-2026-0007', true],
    [`/zaken/${ID}/tijdlijn`, 'Tijdlijn van zaak EK-2026-0007', true],
    [`/zaken/${ID}/plan`, 'Plan van zaak EK-2026-0007', true],
    ['/dashboard', 'Dashboard', true],
  ])('%s', async (path, heading, signedIn) => {
    renderApp(path, api, signedIn);
    await screen.findByRole('heading', { level: 1, name: heading });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(await seriousViolations()).toEqual([]);
  });
});
