import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from './public.decorator';
import { StaffIdentity } from './staff-identity';

/** Every /v1 route needs `Authorization: Bearer <token>`: a static token's hash or an OIDC JWT names the actor. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly identity: StaffIdentity,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const { failure } = await this.identity.of(context.switchToHttp().getRequest());
    if (failure) throw failure;
    return true;
  }
}
