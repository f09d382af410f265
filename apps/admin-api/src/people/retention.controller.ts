import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Actor } from '@app/cases';
import { DEFAULT_RETENTION_LIMIT, RetentionService } from '@app/privacy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { OptionalLine } from '../http/fields';
import { ReadResponses } from '../http/openapi.decorators';

/** `GET /v1/retention`: which cases, and a page of them. */
export class RetentionQuery {
  @ApiPropertyOptional({
    enum: ['due', 'destroyed'],
    description: '`due`: the term has passed, not destroyed yet; `destroyed`: done. Without it: both.',
  })
  @IsOptional()
  @IsIn(['due', 'destroyed'])
  status?: 'due' | 'destroyed';
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: DEFAULT_RETENTION_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @OptionalLine(200) cursor?: string;
}

/** One case in the retention list: ids and times only. */
export class RetentionItemDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the case reference, e.g. EK-2026-0001' })
  reference!: string | null;
  @ApiProperty({ description: 'when the case was closed, declined or withdrawn (ISO 8601)' })
  endedAt!: string;
  @ApiProperty({ description: 'when its term (`TAFEL_RETENTION`) passes or passed (ISO 8601)' })
  dueAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'when its personal data and free text were destroyed (ISO 8601); null while due',
  })
  destroyedAt!: string | null;
}

export class RetentionPageDto {
  @ApiProperty({ type: [RetentionItemDto], description: 'oldest end first' }) items!: RetentionItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'ask again with it for the next page' })
  nextCursor!: string | null;
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('v1/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get()
  @ApiOperation({
    summary: 'cases whose retention term has passed: due, destroyed, or both (auditor, admin)',
    description:
      'The term (`TAFEL_RETENTION`, default twenty years) counts from closure, decline or withdrawal. ' +
      "Once a day the leader destroys a due case's personal data and free text by deleting their keys. " +
      'From a projection: it may trail the log by a moment.',
  })
  @ApiResponse({ status: 200, description: 'the cases', type: RetentionPageDto })
  @ReadResponses(400, 403, 503)
  list(@Query() query: RetentionQuery, @CurrentActor() actor: Actor) {
    return this.retention.list(actor, query);
  }
}
