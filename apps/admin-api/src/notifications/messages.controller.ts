import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/cases';
import { MessageQueries } from '@app/notifications';
import { CurrentActor } from '../auth/current-actor.decorator';
import { LogsCaseAccess } from '../cases/access-log.interceptor';
import { ReadResponses } from '../http/openapi.decorators';
import { UuidParam } from '../http/uuid-param';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/cases/:id')
export class MessagesController {
  constructor(private readonly messages: MessageQueries) {}

  @Get('messages')
  @LogsCaseAccess()
  @ApiOperation({
    summary: 'per participant: mail sent, due (and when), failed (and why); reachBy phone without an address',
  })
  @ApiOkResponse({ description: '`{ caseId, participants }`' })
  @ReadResponses(403, 404, 503)
  list(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    return this.messages.messagesOf(actor, id);
  }
}
