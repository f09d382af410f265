import { Inject, Injectable, Optional } from '@nestjs/common';
import { TafelError, type Actor } from '@app/cases';
import { OidcVerifier, looksLikeJwt } from './oidc-verifier';
import { sha256 } from './tokens';

export const TOKENS = Symbol('TOKENS');
const IDENTITY = Symbol('identity');

/** Who sent a request: the actor, or why not; and the key its rate limit is counted under. */
export interface Identity {
  actor?: Actor;
  failure?: TafelError;
  /** `token:<sha-256 of the token>` for a valid token, else `ip:<address>`: never the token itself. */
  tracker: string;
}

export interface IdentifiedRequest {
  headers: Record<string, string | string[] | undefined>;
  ip: string;
  actor?: Actor;
  [IDENTITY]?: Promise<Identity>;
}

/**
 * Resolves the bearer token once per request, for the rate limit and the auth guard alike: a hashed
 * static token from the tokens file, or (when OIDC is configured) a JWT from the provider.
 */
@Injectable()
export class StaffIdentity {
  constructor(
    @Inject(TOKENS) private readonly tokens: Map<string, Actor>,
    @Optional() @Inject(OidcVerifier) private readonly oidc?: OidcVerifier,
  ) {}

  /** The request's identity, resolved on first call; `request.actor` is set when the token is valid. */
  of(request: IdentifiedRequest): Promise<Identity> {
    request[IDENTITY] ??= this.resolve(request);
    return request[IDENTITY];
  }

  private async resolve(request: IdentifiedRequest): Promise<Identity> {
    const byIp = `ip:${request.ip}`;
    const header = request.headers.authorization;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(typeof header === 'string' ? header : '');
    if (!match) {
      const failure = new TafelError(
        'AUTH.UNAUTHENTICATED',
        'unauthenticated',
        'Send Authorization: Bearer <token>.',
      );
      return { failure, tracker: byIp };
    }
    const hash = sha256(match[1]);
    let actor = this.tokens.get(hash);
    if (!actor && this.oidc && looksLikeJwt(match[1])) {
      try {
        actor = await this.oidc.verify(match[1]);
      } catch (e) {
        if (e instanceof TafelError) return { failure: e, tracker: byIp };
        throw e;
      }
    }
    if (!actor) {
      return {
        failure: new TafelError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'The token is not known.'),
        tracker: byIp,
      };
    }
    request.actor = actor;
    return { actor, tracker: `token:${hash}` };
  }
}
