import type { Actor } from '@app/cases';
import type { OidcVerifier } from './oidc-verifier';
import { StaffIdentity } from './staff-identity';
import { sha256 } from './tokens';

const ada: Actor = { id: 'admin-1', name: 'Ada Admin', role: 'admin' };
const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl';
const request = (authorization?: string) => ({ headers: { authorization }, ip: '10.1.2.3' }) as never;

describe('staff identity of a request', () => {
  const tokens = new Map([[sha256('s3cret-token'), ada]]);
  const oidcActor: Actor = { id: 'u-1', name: 'Mirjam', role: 'auditor' };
  const oidc = { verify: jest.fn(async () => oidcActor) };

  it('finds a static token by its hash and tracks its rate limit by that hash, never the token', async () => {
    const req = request('Bearer s3cret-token') as { actor?: Actor };
    const identity = await new StaffIdentity(tokens).of(req as never);
    expect(identity).toEqual({ actor: ada, tracker: `token:${sha256('s3cret-token')}` });
    expect(identity.tracker).not.toContain('s3cret-token');
    expect(req.actor).toBe(ada);
  });

  it('tracks requests without a valid token by IP, with the reason', async () => {
    const none = await new StaffIdentity(tokens).of(request());
    expect(none).toMatchObject({ tracker: 'ip:10.1.2.3', failure: { category: 'unauthenticated' } });
    const unknown = await new StaffIdentity(tokens).of(request('Bearer guessed'));
    expect(unknown).toMatchObject({
      tracker: 'ip:10.1.2.3',
      failure: { message: 'The token is not known.' },
    });
  });

  it('sends a JWT to the OIDC verifier only when OIDC is configured', async () => {
    expect((await new StaffIdentity(tokens).of(request(`Bearer ${jwt}`))).failure).toBeDefined();
    const identity = await new StaffIdentity(tokens, oidc as unknown as OidcVerifier).of(
      request(`Bearer ${jwt}`),
    );
    expect(identity).toEqual({ actor: oidcActor, tracker: `token:${sha256(jwt)}` });
    expect(oidc.verify).toHaveBeenCalledWith(jwt);
  });

  it('resolves a request once, however many guards ask', async () => {
    oidc.verify.mockClear();
    const identity = new StaffIdentity(tokens, oidc as unknown as OidcVerifier);
    const req = request(`Bearer ${jwt}`);
    await identity.of(req);
    await identity.of(req);
    expect(oidc.verify).toHaveBeenCalledTimes(1);
  });
});
