import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@app/cases';

/** The actor the auth guard resolved from the bearer token. */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
