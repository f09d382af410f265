import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CaseQueries, type Actor } from '@app/cases';
import { CurrentActor } from '../auth/current-actor.decorator';
import { LogsCaseAccess } from './access-log.interceptor';
import { CaseViewDto, ReadResponses } from '../http/openapi.decorators';
import { ListCasesQuery } from './list-cases.query';
import { UuidParam } from '../http/uuid-param';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class CaseReadsController {
  constructor(private readonly queries: CaseQueries) {}

  @Get()
  @ApiOperation({ summary: 'list cases (a projection; may trail the log by a moment)' })
  @ApiOkResponse({ description: '`{ items, nextCursor }`' })
  @ReadResponses(400)
  list(@Query() query: ListCasesQuery, @CurrentActor() actor: Actor) {
    return this.queries.listCases(actor, query);
  }

  @Get(':id')
  @LogsCaseAccess()
  @ApiOperation({ summary: 'the case as of now, read from its stream' })
  @ApiOkResponse({ description: 'the case; ETag is its revision', type: CaseViewDto })
  @ReadResponses(403, 404, 503)
  async get(
    @UuidParam('id') id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.queries.getCase(actor, id);
    reply.header('etag', `"${view.revision}"`);
    return view;
  }
}
