import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { App } from './App';
import { tokenSignIn } from './auth/sessions';

export type Handler = (method: string, url: string, init: RequestInit) => Response | undefined;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

/** A fetch that answers from `handler`, 404 otherwise; its calls are kept for assertions. */
export function fakeFetch(handler: Handler) {
  return vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    return (
      handler(method, url, init) ?? json({ status: 404, title: 'Not Found', detail: 'Niet gevonden.' }, 404)
    );
  });
}

export const headerOf = (init: RequestInit | undefined, name: string): string | undefined =>
  (init?.headers as Record<string, string> | undefined)?.[name];

/** The whole app at `path`, signed in with a code unless `signedIn` is false. */
export function renderApp(path: string, fetchImpl: typeof fetch, signedIn = true) {
  if (signedIn) sessionStorage.setItem('tafel.token', 'code-123');
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App signIn={tokenSignIn()} fetchImpl={fetchImpl} />
    </MemoryRouter>,
  );
}
