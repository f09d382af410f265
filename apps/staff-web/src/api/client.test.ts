import { describe, expect, it, vi } from 'vitest';
import { headerOf, json } from '../testing';
import { createApi } from './client';
import { ApiError, parseProblem } from './problem';

describe('the API client', () => {
  it('sends the token, Dutch and JSON headers, If-Match and the Idempotency-Key', async () => {
    const fetchImpl = vi.fn(async () => json({ id: 'c1' }));
    const api = createApi({ token: () => 'abc', onUnauthorized: vi.fn(), fetch: fetchImpl });
    await api.post(
      '/v1/cases/c1/schedule',
      { location: 'Buurthuis' },
      { revision: 4, idempotencyKey: 'k-1' },
    );
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/v1/cases/c1/schedule');
    expect(init.method).toBe('POST');
    expect(headerOf(init, 'Authorization')).toBe('Bearer abc');
    expect(headerOf(init, 'Accept-Language')).toBe('nl');
    expect(headerOf(init, 'Accept')).toBe('application/json');
    expect(headerOf(init, 'If-Match')).toBe('"4"');
    expect(headerOf(init, 'Idempotency-Key')).toBe('k-1');
    expect(JSON.parse(String(init.body))).toEqual({ location: 'Buurthuis' });
  });

  it('throws the problem document, with its Dutch detail, rule code and field errors', async () => {
    const problem = {
      type: '/problems/conference-too-few-accepted',
      title: 'Conflict',
      status: 409,
      detail: 'Er moeten minstens twee deelnemers hebben gezegd dat ze komen.',
      code: 'CONFERENCE.TOO_FEW_ACCEPTED',
      rule: 'CONFERENCE.TOO_FEW_ACCEPTED',
      nextSteps: ['invite-participant'],
    };
    const api = createApi({
      token: () => 'abc',
      onUnauthorized: vi.fn(),
      fetch: vi.fn(async () => json(problem, 409)),
    });
    const error = await api.post('/v1/cases/c1/conference', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).problem).toMatchObject({
      detail: problem.detail,
      code: problem.code,
      rule: problem.rule,
    });
    expect((error as ApiError).message).toBe(problem.detail);
  });

  it('keeps the field errors of a 400', () => {
    const body = JSON.stringify({
      type: '/problems/request-invalid',
      title: 'Bad Request',
      status: 400,
      detail: 'Het verzoek klopt niet.',
      code: 'REQUEST.INVALID',
      errors: [{ field: 'name', message: 'name should not be empty' }],
    });
    expect(parseProblem(400, 'application/problem+json; charset=utf-8', body).errors).toEqual([
      { field: 'name', message: 'name should not be empty' },
    ]);
  });

  it('gives a Dutch sentence when the body is no problem document', () => {
    expect(parseProblem(502, 'text/html', '<h1>Bad gateway</h1>')).toMatchObject({
      status: 502,
      detail: 'Er ging iets mis. Probeer het later nog eens.',
    });
    expect(parseProblem(412, null, '').detail).toBe('Deze zaak is intussen gewijzigd.');
  });

  it('on 401 sends the user back to sign in', async () => {
    const onUnauthorized = vi.fn();
    const api = createApi({
      token: () => 'old',
      onUnauthorized,
      fetch: vi.fn(async () =>
        json({ status: 401, title: 'Unauthorized', detail: 'U bent niet ingelogd.' }, 401),
      ),
    });
    await expect(api.get('/v1/cases')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});
