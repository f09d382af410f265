import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../api/types';
import { fakeFetch, headerOf, json, renderApp } from '../testing';

const ID = '0b7f6a52-3f5e-4b8e-9d55-0c0f6a3c2b11';

function aCase(revision: number, nextSteps: string[]): CaseView {
  return {
    id: ID,
    reference: 'EK-2026-0007',
    kind: 'group',
    state: 'preparing',
    revision,
    nextSteps,
    workflowVersion: 2,
    requestedAt: '2026-11-01T09:00:00Z',
    region: 'Utrecht',
    description: 'Ruzie in de straat',
    channel: 'phone',
    applicant: { personId: 'a-1', name: 'Piet Bakker' },
    conferenceQuestions: ['Hoe gaan we weer goed met elkaar om?'],
    coordinator: {
      coordinatorId: 'c-1',
      name: 'Fatima de Vries',
      email: 'f@example.nl',
      assignedAt: '2026-11-05T09:00:00Z',
    },
    participants: [{ id: 'p-1', name: 'Anna Jansen', role: 'family', invitedAt: '2026-11-06T09:00:00Z' }],
    followUps: [],
    followUpCases: [],
  };
}

/** A server with the case at `revision`; POSTs are answered by `onPost`. */
function server(onPost: (url: string, init: RequestInit) => Response) {
  let revision = 3;
  const fetch = fakeFetch((method, url, init) => {
    if (method === 'POST') {
      const answer = onPost(url, init);
      // A step moves the case on; so did someone else when the answer is 412.
      if (answer.ok || answer.status === 412) revision += 1;
      return answer;
    }
    if (url === `/v1/cases/${ID}`)
      return json(aCase(revision, ['invite-participant', 'record-answer', 'withdraw']));
    if (url === `/v1/cases/${ID}/messages`) return json({ caseId: ID, participants: [] });
    return undefined;
  });
  return fetch;
}

const posts = (fetch: ReturnType<typeof fakeFetch>) =>
  fetch.mock.calls
    .filter(([, init]) => init?.method === 'POST')
    .map(([url, init]) => ({ url: String(url), init: init! }));

describe('the case page', () => {
  it('offers exactly the next steps, each a form with Dutch labels', async () => {
    renderApp(
      `/zaken/${ID}`,
      server(() => json(aCase(4, []))),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Zaak EK-2026-0007' })).toBeInTheDocument();
    const forms = screen.getAllByRole('form').map((f) => f.getAttribute('aria-labelledby'));
    expect(forms).toEqual(['stap-invite-participant-kop', 'stap-record-answer-kop', 'stap-withdraw-kop']);
    const invite = screen.getByRole('form', { name: 'Deelnemer uitnodigen' });
    expect(within(invite).getByLabelText('Naam')).toBeInTheDocument();
    expect(within(invite).getByLabelText('Rol')).toBeInTheDocument();
    expect(within(invite).getByLabelText('E-mail')).toHaveAccessibleDescription(/Niet verplicht/);
    expect(within(invite).getByRole('button', { name: 'Deelnemer uitnodigen' })).toBeInTheDocument();
    const answer = screen.getByRole('form', { name: 'Antwoord vastleggen' });
    expect(within(answer).getByRole('radio', { name: 'Komt' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Datum plannen' })).not.toBeInTheDocument();
  });

  it('offers only the next steps the signed-in role may take (GET /v1/me), and no new request to a coordinator', async () => {
    const withMe = fakeFetch((_method, url) => {
      if (url === '/v1/me')
        return json({
          id: 'c-1',
          name: 'Fatima de Vries',
          role: 'coordinator',
          steps: ['invite-participant', 'record-answer'],
        });
      if (url === `/v1/cases/${ID}`)
        return json(aCase(3, ['invite-participant', 'record-answer', 'withdraw']));
      if (url === `/v1/cases/${ID}/messages`) return json({ caseId: ID, participants: [] });
      return undefined;
    });
    renderApp(`/zaken/${ID}`, withMe);
    await screen.findByRole('heading', { level: 1, name: 'Zaak EK-2026-0007' });
    await waitFor(() =>
      expect(screen.getAllByRole('form').map((f) => f.getAttribute('aria-labelledby'))).toEqual([
        'stap-invite-participant-kop',
        'stap-record-answer-kop',
      ]),
    );
    const menu = screen.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(within(menu).queryByRole('link', { name: 'Nieuwe aanvraag' })).not.toBeInTheDocument();
    expect(within(menu).queryByRole('link', { name: 'Dashboard' })).not.toBeInTheDocument();
    expect(within(menu).getByRole('link', { name: 'Zaken' })).toBeInTheDocument();
  });

  it('sends If-Match and one Idempotency-Key for a double click', async () => {
    const user = userEvent.setup();
    const fetch = server(() => json({ ...aCase(4, []), events: ['ParticipantInvited'] }, 201));
    renderApp(`/zaken/${ID}`, fetch);
    const invite = await screen.findByRole('form', { name: 'Deelnemer uitnodigen' });
    await user.type(within(invite).getByLabelText('Naam'), 'Kees de Boer');
    await user.selectOptions(within(invite).getByLabelText('Rol'), 'neighbour');
    await user.dblClick(within(invite).getByRole('button', { name: 'Deelnemer uitnodigen' }));

    expect(await screen.findByText('Gelukt: deelnemer uitnodigen.')).toBeInTheDocument();
    const sent = posts(fetch);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(new Set(sent.map((p) => headerOf(p.init, 'Idempotency-Key'))).size).toBe(1);
    expect(sent[0].url).toBe(`/v1/cases/${ID}/participants`);
    expect(headerOf(sent[0].init, 'If-Match')).toBe('"3"');
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ name: 'Kees de Boer', role: 'neighbour' });
  });

  it('shows the refusal in Dutch in an error summary that gets focus', async () => {
    const user = userEvent.setup();
    const detail = 'Deze deelnemer is verwijderd en kan niet meer antwoorden.';
    renderApp(
      `/zaken/${ID}`,
      server(() =>
        json(
          { type: '/problems/x', title: 'Conflict', status: 409, detail, code: 'PARTICIPANT.REMOVED' },
          409,
        ),
      ),
    );
    const answer = await screen.findByRole('form', { name: 'Antwoord vastleggen' });
    await user.selectOptions(within(answer).getByLabelText('Deelnemer'), 'p-1');
    await user.click(within(answer).getByRole('radio', { name: 'Komt' }));
    await user.click(within(answer).getByRole('button', { name: 'Antwoord vastleggen' }));
    const summary = await within(answer).findByRole('alert');
    expect(summary).toHaveTextContent(detail);
    expect(summary).toHaveFocus();
  });

  it('on 412 says the case changed, reloads it and sends the new revision next time', async () => {
    const user = userEvent.setup();
    let first = true;
    const fetch = server(() => {
      if (first) {
        first = false;
        return json(
          {
            type: '/problems/p',
            title: 'Precondition Failed',
            status: 412,
            detail: 'Gewijzigd.',
            currentRevision: 4,
          },
          412,
        );
      }
      return json(aCase(5, []));
    });
    renderApp(`/zaken/${ID}`, fetch);
    const withdraw = await screen.findByRole('form', { name: 'Zaak intrekken' });
    await user.type(within(withdraw).getByLabelText('Reden'), 'De familie wil niet meer.');
    await user.click(within(withdraw).getByRole('button', { name: 'Zaak intrekken' }));
    expect(
      await screen.findByText('Deze zaak is intussen gewijzigd. We hebben de nieuwste versie geladen.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        fetch.mock.calls.filter(([url, init]) => url === `/v1/cases/${ID}` && init?.method === 'GET').length,
      ).toBe(2),
    );
    await user.click(
      within(screen.getByRole('form', { name: 'Zaak intrekken' })).getByRole('button', {
        name: 'Zaak intrekken',
      }),
    );
    await waitFor(() => expect(posts(fetch)).toHaveLength(2));
    const [stale, fresh] = posts(fetch);
    expect(headerOf(stale.init, 'If-Match')).toBe('"3"');
    expect(headerOf(fresh.init, 'If-Match')).toBe('"4"');
    expect(headerOf(fresh.init, 'Idempotency-Key')).not.toBe(headerOf(stale.init, 'Idempotency-Key'));
  });
});
