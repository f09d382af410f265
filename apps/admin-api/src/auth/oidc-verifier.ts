import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import type { Clock, OidcConfig } from '@app/config';
import {
  TafelError,
  forbidden,
  isStaffRole,
  regionList,
  staffActor,
  type Actor,
  type StaffRole,
} from '@app/cases';

/** Asymmetric signatures only: never `none`, never a shared secret the provider could not keep. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const CLOCK_TOLERANCE_S = 30;
const JWKS_TIMEOUT_MS = 5_000;

/** Compact JWS: three base64url parts. Static tokens never contain a dot. */
export const looksLikeJwt = (token: string): boolean =>
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);

const invalidToken = () =>
  new TafelError('AUTH.UNAUTHENTICATED', 'unauthenticated', 'The token is not valid.');

function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], payload);
}

/** The one role a claim names: a string, or a list holding exactly one of the five roles. */
function roleOf(value: unknown): StaffRole | undefined {
  const known = (Array.isArray(value) ? value : [value]).filter(isStaffRole);
  return known.length === 1 ? known[0] : undefined;
}

/**
 * An access token, not an ID token: a `typ` header, when the provider sets one, must name an access
 * token (RFC 9068 `at+jwt`) or be the generic `JWT`; a `typ` claim of `ID` (Keycloak's ID tokens) is
 * refused too.
 */
function isAccessToken(header: ProtectedHeaderParameters, payload: JWTPayload): boolean {
  const typ = header.typ?.toLowerCase().replace(/^application\//, '');
  if (typ !== undefined && typ !== 'at+jwt' && typ !== 'jwt') return false;
  return typeof payload.typ !== 'string' || payload.typ.toLowerCase() !== 'id';
}

/** The provider could not be asked (down, slow, answering nonsense): not the caller's fault. */
function providerFailed(e: unknown): boolean {
  if (!(e instanceof errors.JOSEError)) return true;
  return ['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC'].includes(e.code);
}

/** Verifies staff JWTs against the configured OIDC provider's keys; time comes from the clock. */
export class OidcVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly logger = new Logger('Oidc');

  constructor(
    private readonly config: OidcConfig,
    private readonly clock: Clock,
  ) {
    this.keys = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: JWKS_TIMEOUT_MS });
  }

  /**
   * The actor a token names: id from `sub`, name from `name` or `preferred_username`, role from the
   * configured claim, a region manager's regions from the regions claim.
   * @throws TafelError unauthenticated (bad token: one detail for every reason), forbidden (no
   *   Tafel role), unavailable (the provider's keys could not be fetched).
   */
  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    let header: ProtectedHeaderParameters;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        // A token without an expiry would be good for ever.
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: this.clock.now(),
      }));
    } catch (e) {
      if (providerFailed(e)) {
        this.logger.error(`JWKS at ${this.config.jwksUrl} not usable: ${(e as Error).message}`);
        throw new TafelError(
          'AUTH.PROVIDER_UNAVAILABLE',
          'unavailable',
          'The identity provider is not reachable.',
        );
      }
      this.logger.warn(`JWT refused: ${(e as { code?: string }).code ?? 'invalid'}`);
      throw invalidToken();
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw invalidToken();
    if (!isAccessToken(header, payload)) {
      this.logger.warn('JWT refused: not an access token (typ)');
      throw invalidToken();
    }
    const role = roleOf(claimAt(payload, this.config.roleClaim));
    if (!role) throw forbidden(`The token carries no Tafel role in ${this.config.roleClaim}.`);
    const name = [payload.name, payload.preferred_username].find((n) => typeof n === 'string' && n !== '');
    return staffActor(
      payload.sub,
      (name as string | undefined) ?? payload.sub,
      role,
      this.regions(payload, role),
    );
  }

  /**
   * A region manager's regions from the regions claim: absent, every region; one string, that region;
   * a list of strings, those (an empty list: none). Any other role's claim is ignored.
   * @throws TafelError (forbidden) for a claim that is neither.
   */
  private regions(payload: JWTPayload, role: StaffRole): string[] | undefined {
    if (role !== 'region-manager') return undefined;
    const claim = claimAt(payload, this.config.regionsClaim);
    if (claim === undefined || claim === null) return undefined;
    const regions = regionList(typeof claim === 'string' ? [claim] : claim);
    if (!regions) throw forbidden(`The token's ${this.config.regionsClaim} is not a list of region names.`);
    return regions;
  }
}
