import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeFetch, headerOf, json, renderApp } from '../testing';

const emptyList = fakeFetch((method, url) =>
  url.startsWith('/v1/cases') ? json({ items: [], nextCursor: null }) : undefined,
);

describe('sign-in with a personal code', () => {
  it('asks for the code first, keeps it in this tab only and then shows the cases', async () => {
    const user = userEvent.setup();
    renderApp('/', emptyList, false);
    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Uw persoonlijke code'), 'geheim-42');
    await user.click(screen.getByRole('button', { name: 'Inloggen' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Zaken' })).toBeInTheDocument();
    expect(sessionStorage.getItem('tafel.token')).toBe('geheim-42');
    expect(localStorage.length).toBe(0);
    const [, init] = emptyList.mock.calls[0];
    expect(headerOf(init, 'Authorization')).toBe('Bearer geheim-42');
  });

  it('says what is missing when the code is empty, and moves focus there', async () => {
    const user = userEvent.setup();
    renderApp('/inloggen', emptyList, false);
    await user.click(await screen.findByRole('button', { name: 'Inloggen' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Vul uw persoonlijke code in.');
    expect(alert).toHaveFocus();
  });

  it('goes back to sign-in when the API no longer knows the code', async () => {
    const refused = fakeFetch(() =>
      json({ status: 401, title: 'Unauthorized', detail: 'Onbekende code.' }, 401),
    );
    renderApp('/', refused);
    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    expect(screen.getByText('Uw sessie is verlopen, of de code klopt niet.')).toBeInTheDocument();
    expect(sessionStorage.getItem('tafel.token')).toBeNull();
  });

  it('signs out with "Uitloggen"', async () => {
    const user = userEvent.setup();
    renderApp('/', emptyList);
    await user.click(await screen.findByRole('button', { name: 'Uitloggen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Inloggen' })).toBeInTheDocument();
    await waitFor(() => expect(sessionStorage.getItem('tafel.token')).toBeNull());
  });
});
