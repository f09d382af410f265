import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, renderApp } from '../testing';

const ID = '0b7f6a52-3f5e-4b8e-9d55-0c0f6a3c2b11';
const fatima = { id: 'c-1', role: 'coordinator', name: 'Fatima de Vries' };
const events = [
  {
    position: 1,
    stream: `case-${ID}`,
    revision: 0,
    type: 'ConferenceRequested',
    data: { kind: 'group', applicant: { name: 'Piet Bakker' } },
    occurredAt: '2026-11-01T09:00:00Z',
    actor: { id: 'u', role: 'region-manager', name: 'Sanne Visser' },
  },
  {
    position: 2,
    stream: `case-${ID}`,
    revision: 1,
    type: 'ParticipantInvited',
    data: { participantId: 'p-1', name: 'Anna Jansen', role: 'family' },
    occurredAt: '2026-11-02T09:00:00Z',
    actor: fatima,
  },
];
const at = (revision: number, state: string) => ({
  id: ID,
  reference: 'EK-4F2A91C0',
  kind: 'group',
  state,
  revision,
  nextSteps: [],
  requestedAt: '2026-11-01T09:00:00Z',
  region: 'Utrecht',
  description: 'Ruzie',
  channel: 'online',
  applicant: { personId: 'a', name: 'Piet Bakker' },
  conferenceQuestions: [],
  participants: [],
  followUps: [],
  followUpCases: [],
});

function server({ valid, readLog }: { valid: boolean; readLog: boolean }) {
  return fakeFetch((method, url) => {
    if (url === `/v1/cases/${ID}`) return json(at(1, 'preparing'));
    if (url === `/v1/cases/${ID}/history`) return json({ events });
    if (url === `/v1/cases/${ID}/verification`)
      return json(
        valid
          ? { valid, events: 2, head: 'h' }
          : { valid, events: 2, head: 'h', firstInvalid: { stream: 'x', revision: 1 } },
      );
    if (url === `/v1/cases/${ID}/state?revision=1`) return json(at(1, 'preparing'));
    if (url === `/v1/cases/${ID}/state?revision=0`) return json(at(0, 'requested'));
    if (url === `/v1/cases/${ID}/access-log`)
      return readLog
        ? json({
            entries: [{ at: '2026-11-03T09:00:00Z', actor: fatima, route: 'GET /v1/cases/:id', status: 200 }],
          })
        : json({ status: 403, title: 'Forbidden', detail: 'Alleen controleurs en beheerders.' }, 403);
    return undefined;
  });
}

describe('the timeline', () => {
  it('tells the history in sentences, the verdict, the case as it was, and the read log', async () => {
    const fetch = server({ valid: true, readLog: true });
    renderApp(`/zaken/${ID}/tijdlijn`, fetch);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Tijdlijn van zaak EK-4F2A91C0' }),
    ).toBeInTheDocument();
    const history = within(screen.getByRole('region', { name: 'Wat er gebeurde' }));
    expect(
      history.getByText(/Sanne Visser vroeg een groepsconferentie aan voor Piet Bakker\./),
    ).toBeInTheDocument();
    expect(history.getByText(/Fatima de Vries nodigde Anna Jansen uit\./)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Niets gewijzigd' })).toBeInTheDocument();
    expect(await screen.findByText('Status toen: In voorbereiding')).toBeInTheDocument();

    const slider = screen.getByRole('slider', { name: 'Bekijk de zaak zoals hij was na stap' });
    expect(slider).toHaveAttribute(
      'aria-valuetext',
      'Stap 2 van 2: Fatima de Vries nodigde Anna Jansen uit.',
    );
    fireEvent.change(slider, { target: { value: '0' } });
    expect(await screen.findByText('Status toen: Aangevraagd')).toBeInTheDocument();
    expect(fetch.mock.calls.some(([url]) => url === `/v1/cases/${ID}/state?revision=0`)).toBe(true);

    const log = await screen.findByRole('table', { name: 'Leesregister' });
    expect(log).toHaveTextContent('Fatima de Vries');
    expect(log).toHaveTextContent('de zaak');
  });

  it('warns when the chain is broken and leaves the read log out for those who may not read it', async () => {
    renderApp(`/zaken/${ID}/tijdlijn`, server({ valid: false, readLog: false }));
    expect(
      await screen.findByRole('heading', { name: 'Let op: de geschiedenis van deze zaak is veranderd.' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/vanaf gebeurtenis 2/)).toBeInTheDocument();
    await screen.findByText('Status toen: In voorbereiding');
    expect(screen.queryByRole('heading', { name: 'Wie heeft deze zaak bekeken' })).not.toBeInTheDocument();
  });
});
