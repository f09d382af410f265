import {
  Catch,
  HttpException,
  Inject,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { TafelConfig } from '@app/config';
import { TafelError } from '@app/cases';
import { StoreUnavailable } from '@app/event-store';
import { CONFIG } from '@app/infrastructure';
import { redactPersonal } from '@app/kernel';
import { AnswerPageError } from './answer-page.error';
import { renderErrorPage } from './answer-page.render';
import { PAGE_ERRORS, type PageError } from './answer-page.texts';

const logger = new Logger('AnswerPages');

/** The page for any other error: an outage is 503, a client's mistake its own status, else 500. */
function statusOf(error: unknown): PageError {
  if (error instanceof ThrottlerException) return 429;
  if (error instanceof StoreUnavailable) return 503;
  if (error instanceof TafelError && error.category === 'unavailable') return 503;
  const status =
    error instanceof HttpException ? error.getStatus() : (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && (PAGE_ERRORS as readonly number[]).includes(status))
    return status as PageError;
  if (typeof status === 'number' && status >= 400 && status < 500) return 400;
  return 500;
}

/**
 * Every answer page that is not the question: a short HTML page in the participant's language (or
 * TAFEL_MAIL_LANGUAGE when it is not known yet), never a problem document, never case data. The
 * token is never logged: an unexpected error logs its stack only.
 */
@Catch()
export class AnswerPageFilter implements ExceptionFilter {
  constructor(@Inject(CONFIG) private readonly config: TafelConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status: PageError;
    let language = this.config.mailLanguage;
    if (error instanceof AnswerPageError) {
      ({ status, language } = error);
      if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
    } else {
      status = statusOf(error);
      if (status === 500)
        logger.error(redactPersonal(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    }
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderErrorPage(status, language));
  }
}
