import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TafelError, type Actor } from '@app/cases';
import { PUBLIC_ROUTE } from './public.decorator';
import { sha256 } from './tokens';

export const TOKENS = Symbol('TOKENS');

/** Every /v1 route needs `Authorization: Bearer <token>`; the token's hash maps to an actor. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TOKENS) private readonly tokens: Map<string, Actor>,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string>; actor?: Actor }>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const actor = match ? this.tokens.get(sha256(match[1])) : undefined;
    if (!actor) {
      throw new TafelError(
        'AUTH.UNAUTHENTICATED',
        'unauthenticated',
        match ? 'The token is not known.' : 'Send Authorization: Bearer <token>.',
      );
    }
    request.actor = actor;
    return true;
  }
}
