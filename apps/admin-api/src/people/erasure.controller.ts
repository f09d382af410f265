import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Actor } from '@app/cases';
import { ErasureService } from '@app/privacy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemResponses } from '../http/openapi.decorators';

export class ErasureDto {
  @ApiProperty({ description: 'why the person is erased (kept with the erasure: no personal data in it)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
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
  erase(@Param('personId') personId: string, @Body() body: ErasureDto, @CurrentActor() actor: Actor) {
    return this.erasure.erase(actor, personId, body.reason);
  }
}
