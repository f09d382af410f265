import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/cases';
import { ErasureService } from '@app/privacy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemResponses } from '../http/openapi.decorators';
import { TEXT, Text } from '../http/fields';
import { UuidParam } from '../http/uuid-param';

export class ErasureDto {
  @Text(TEXT, 'why the person is erased (kept with the erasure: no personal data in it)') reason!: string;
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('v1/people')
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Post(':personId/erasure')
  @HttpCode(200)
  @ApiOperation({
    summary: "erases a person's data everywhere (admin): their key is deleted, the erasure recorded",
  })
  @ApiOkResponse({ description: '`{ personId, erasedAt, caseIds }`' })
  @ProblemResponses(400, 401, 403, 404, 413, 429, 503)
  erase(@UuidParam('personId') personId: string, @Body() body: ErasureDto, @CurrentActor() actor: Actor) {
    return this.erasure.erase(actor, personId, body.reason);
  }
}
