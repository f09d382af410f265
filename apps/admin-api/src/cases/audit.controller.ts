import { Controller, Get, Query, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditQueries } from '@app/audit';
import type { Actor } from '@app/cases';
import { CurrentActor } from '../auth/current-actor.decorator';
import { LogsCaseAccess } from './access-log.interceptor';
import { CaseViewDto, ReadResponses } from '../http/openapi.decorators';
import { StateAtQuery } from './state-at.query';
import { UuidParam } from '../http/uuid-param';

/** A read of one case for auditors: logged in the case's read log, documented with its problems. */
const CaseRead = (path: string, summary: string, ok: Parameters<typeof ApiOkResponse>[0], badQuery = false) =>
  applyDecorators(
    Get(path),
    LogsCaseAccess(),
    ApiOperation({ summary }),
    ApiOkResponse(ok),
    badQuery ? ReadResponses(400, 403, 404, 503) : ReadResponses(403, 404, 503),
  );

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/cases/:id')
export class AuditController {
  constructor(private readonly audit: AuditQueries) {}

  @CaseRead('history', 'every event of the case, in order, with position, revision, actor and hash', {
    description: '`{ events }`: the case and its messages, in order',
  })
  history(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.audit.history(actor, id);
  }

  @CaseRead(
    'state',
    'the case as it was at a time (?at=) or revision (?revision=)',
    { description: 'the case as it was then', type: CaseViewDto },
    true,
  )
  state(@UuidParam('id') id: string, @Query() query: StateAtQuery, @CurrentActor() actor: Actor) {
    return this.audit.stateAt(actor, id, query.pointInTime());
  }

  @CaseRead('access-log', 'who read this case, when, through which route (auditor, admin)', {
    description: '`{ entries }`',
  })
  accessLog(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.audit.accessLog(actor, id);
  }

  @CaseRead('verification', 'checks the hash chain; valid: false names the first bad event', {
    description: '`{ valid, events, head }`',
  })
  verification(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.audit.verification(actor, id);
  }
}
