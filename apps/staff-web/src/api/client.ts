import { ApiError, parseProblem } from './problem';

export interface ApiOptions {
  /** The bearer token, or null when signed out. */
  token: () => string | null;
  /** Called on 401: the session is gone; go back to sign-in. */
  onUnauthorized: () => void;
  fetch?: typeof fetch;
}

export interface CommandOptions {
  /** The revision the page showed: sent as `If-Match: "<revision>"`. */
  revision?: number;
  /** One key per form opening: a retry (or a double click) appends once. */
  idempotencyKey?: string;
}

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, options?: CommandOptions): Promise<T>;
}

/** The admin API over `fetch`: bearer token, Dutch problem details, problems thrown as ApiError. */
export function createApi({ token, onUnauthorized, fetch: fetchImpl = fetch }: ApiOptions): Api {
  async function request<T>(method: string, path: string, body?: unknown, options: CommandOptions = {}) {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': 'nl',
    };
    const bearer = token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.revision !== undefined) headers['If-Match'] = `"${options.revision}"`;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

    const response = await fetchImpl(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return (await response.json()) as T;
    const problem = parseProblem(
      response.status,
      response.headers.get('content-type'),
      await response.text(),
    );
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, problem);
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body, options) => request('POST', path, body, options),
  };
}
