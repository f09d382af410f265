import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditQueries } from '@app/audit';
import type { Actor } from '@app/cases';
import { CurrentActor } from '../auth/current-actor.decorator';
import { LogsCaseAccess } from './access-log.interceptor';
import { CaseViewDto, ReadResponses } from '../http/openapi.decorators';
import { StateAtQuery } from './state-at.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/cases/:id')
export class AuditController {
  constructor(private readonly audit: AuditQueries) {}

  @Get('history')
  @LogsCaseAccess()
  @ApiOperation({ summary: 'every event of the case, in order, with position, revision, actor and hash' })
  @ApiOkResponse({ description: '`{ events }`: the case and its messages, in order' })
  @ReadResponses(403, 404, 503)
  history(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.audit.history(actor, id);
  }

  @Get('state')
  @LogsCaseAccess()
  @ApiOperation({ summary: 'the case as it was at a time (?at=) or revision (?revision=)' })
  @ApiOkResponse({ description: 'the case as it was then', type: CaseViewDto })
  @ReadResponses(400, 403, 404, 503)
  state(@Param('id') id: string, @Query() query: StateAtQuery, @CurrentActor() actor: Actor) {
    return this.audit.stateAt(actor, id, query.pointInTime());
  }

  @Get('access-log')
  @LogsCaseAccess()
  @ApiOperation({ summary: 'who read this case, when, through which route (auditor, admin)' })
  @ApiOkResponse({ description: '`{ entries }`' })
  @ReadResponses(403, 404, 503)
  accessLog(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.audit.accessLog(actor, id);
  }

  @Get('verification')
  @LogsCaseAccess()
  @ApiOperation({ summary: 'checks the hash chain; valid: false names the first bad event' })
  @ApiOkResponse({ description: '`{ valid, events, head }`' })
  @ReadResponses(403, 404, 503)
  verification(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.audit.verification(actor, id);
  }
}
