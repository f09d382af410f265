import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { json } from '../testing';
import { loadConfig } from './config';
import { tokenSignIn, type SignIn } from './sessions';

describe('the runtime configuration', () => {
  it('reads the OIDC provider from /staff-web/config.json', async () => {
    const oidc = {
      authority: 'https://id.example.nl',
      clientId: 'tafel-staff',
      scope: 'openid profile',
      resource: 'urn:tafel:admin-api',
    };
    const fetchImpl = vi.fn(async () => json({ oidc }));
    expect(await loadConfig(fetchImpl)).toEqual({ oidc });
    expect(fetchImpl).toHaveBeenCalledWith('/staff-web/config.json', expect.anything());
  });

  it('falls back to sign-in with a code when there is no configuration', async () => {
    expect(await loadConfig(vi.fn(async () => json({ oidc: null })))).toEqual({ oidc: null });
    expect(await loadConfig(vi.fn(async () => new Response('', { status: 404 })))).toEqual({ oidc: null });
    expect(await loadConfig(vi.fn(async () => Promise.reject(new TypeError('offline'))))).toEqual({
      oidc: null,
    });
  });
});

describe('sessions', () => {
  it('keeps a personal code in sessionStorage only', async () => {
    const signIn = tokenSignIn();
    expect(await signIn.restore()).toBeNull();
    signIn.keep('abc');
    expect(await tokenSignIn().restore()).toEqual({ token: 'abc' });
    expect(localStorage.length).toBe(0);
    await signIn.forget();
    expect(await signIn.restore()).toBeNull();
  });

  it('with OIDC the sign-in page offers one button that goes to the provider', async () => {
    const redirect = vi.fn(async () => undefined);
    const oidc: SignIn = {
      mode: 'oidc',
      restore: async () => null,
      redirect,
      callback: vi.fn(),
      keep: vi.fn(),
      forget: async () => undefined,
    };
    render(
      <MemoryRouter initialEntries={['/']}>
        <App signIn={oidc} fetchImpl={vi.fn()} />
      </MemoryRouter>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Inloggen' }));
    expect(redirect).toHaveBeenCalledOnce();
    expect(screen.queryByLabelText('Uw persoonlijke code')).not.toBeInTheDocument();
  });

  it('finishes the OIDC sign-in on /aanmelden/terug and opens the cases', async () => {
    const oidc: SignIn = {
      mode: 'oidc',
      restore: async () => null,
      redirect: vi.fn(),
      callback: async () => ({ token: 'jwt', name: 'Sanne Visser' }),
      keep: vi.fn(),
      forget: async () => undefined,
    };
    const fetchImpl = vi.fn(async () => json({ items: [], nextCursor: null }));
    render(
      <MemoryRouter initialEntries={['/aanmelden/terug']}>
        <App signIn={oidc} fetchImpl={fetchImpl} />
      </MemoryRouter>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Zaken' })).toBeInTheDocument();
    expect(screen.getByText('Ingelogd als Sanne Visser')).toBeInTheDocument();
  });
});
