import {
  Injectable,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { AccessLog } from '@app/audit';
import type { Actor } from '@app/cases';
import { toProblem } from '../http/problem.filter';
import { isUuid } from '../http/uuid-param';

const LOGS_CASE_ACCESS = 'tafel:logs-case-access';

/** Records each read of a case, with the status the reader got, before the answer leaves. */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly log: AccessLog,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(LOGS_CASE_ACCESS, context.getHandler())) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const caseId = (request.params as { id?: string }).id;
    const actor = request.actor;
    // Not a case id (`UuidParam` answers 404): no case was read, so nothing is logged.
    if (!isUuid(caseId) || !actor) return next.handle();
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const record = (status: number) =>
      this.log.record(actor, { caseId, route, status, requestId: String(request.id) });
    return from(
      (async () => {
        let result: unknown;
        try {
          result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (e) {
          await record(toProblem(e).status);
          throw e;
        }
        await record(200);
        return result;
      })(),
    );
  }
}

/** Marks a route that reads one case (`:id`): every call is written to the case's read log. */
export const LogsCaseAccess = () =>
  applyDecorators(SetMetadata(LOGS_CASE_ACCESS, true), UseInterceptors(AccessLogInterceptor));
