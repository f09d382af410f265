import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Clock, TafelConfig } from '@app/config';
import type { Actor } from '@app/cases';
import { ClockThrottlerStorage } from '../http/clock-throttler.storage';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { AuthGuard } from './auth.guard';
import { OidcVerifier } from './oidc-verifier';
import { StaffIdentity, TOKENS } from './staff-identity';

/** Staff identity (static tokens, OIDC) and the rate limit: guards that run before every route. */
@Module({})
export class SecurityModule {
  static forRoot(config: TafelConfig, clock: Clock, tokens: Map<string, Actor>): DynamicModule {
    const { rateLimit, oidc } = config;
    const providers: Provider[] = [{ provide: TOKENS, useValue: tokens }, StaffIdentity];
    if (oidc) providers.push({ provide: OidcVerifier, useValue: new OidcVerifier(oidc, clock) });
    // Guards run in this order: the rate limit counts refused tokens too (under their IP).
    if (rateLimit) providers.push({ provide: APP_GUARD, useClass: RateLimitGuard });
    providers.push({ provide: APP_GUARD, useClass: AuthGuard });
    return {
      module: SecurityModule,
      imports: rateLimit
        ? [
            ThrottlerModule.forRoot({
              throttlers: [{ limit: rateLimit.limit, ttl: rateLimit.windowMs }],
              storage: new ClockThrottlerStorage(clock),
            }),
          ]
        : [],
      providers,
      exports: [StaffIdentity],
    };
  }
}
