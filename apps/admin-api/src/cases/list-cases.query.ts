import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CASE_STATES } from '@app/workflow';
import { OptionalLine } from '../http/fields';

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CASE_STATES }) @IsOptional() @IsIn(CASE_STATES) state?: string;
  @OptionalLine() region?: string;
  @ApiPropertyOptional({ enum: ['group', 'family'] }) @IsOptional() @IsIn(['group', 'family']) kind?: string;
  @OptionalLine() coordinatorId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @OptionalLine(100) cursor?: string;
}
