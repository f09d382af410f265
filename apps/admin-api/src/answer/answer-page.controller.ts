import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TafelConfig } from '@app/config';
import { CONFIG } from '@app/infrastructure';
import { Public } from '../auth/public.decorator';
import { AnswerPageError } from './answer-page.error';
import { AnswerPageFilter } from './answer-page.filter';
import { renderQuestionPage } from './answer-page.render';
import { AnswerPages } from './answer-pages.service';
import { AnswerRateLimitGuard } from './answer-rate-limit.guard';
import { isCrossSite } from './cross-site';

const html = (reply: FastifyReply, body: string) =>
  reply.status(200).header('content-type', 'text/html; charset=utf-8').send(body);

/**
 * The participants' answer pages (API.md "Participant answer links"): HTML for people, not part of
 * the JSON API or its OpenAPI document. No staff token: the token in the path is the capability.
 * Their headers (CSP, no-store, no referrer) are set with the others in http-hardening.
 */
@ApiExcludeController()
@Controller('answer')
@UseGuards(AnswerRateLimitGuard)
@UseFilters(AnswerPageFilter)
export class AnswerPageController {
  constructor(
    private readonly pages: AnswerPages,
    @Inject(CONFIG) private readonly config: TafelConfig,
  ) {}

  /** The question, the date and place, the current answer, two buttons. Changes nothing. */
  @Public()
  @Get(':token')
  async show(
    @Param('token') token: string,
    @Query('saved') saved: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await html(reply, renderQuestionPage(await this.pages.show(token, saved !== undefined)));
  }

  /** `answer=accepted|declined` from the page's own form; then back to the page (303), which says it was saved. */
  @Public()
  @Post(':token')
  async answer(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (isCrossSite(request.headers, this.config.publicUrl))
      throw new AnswerPageError(403, await this.pages.languageOf(token));
    const body = request.body as Record<string, unknown> | undefined;
    await this.pages.answer(token, body?.answer, String(request.id));
    // Relative: back to this same link, wherever it is served, without repeating the token.
    await reply.status(303).header('location', '?saved=1').send();
  }
}
