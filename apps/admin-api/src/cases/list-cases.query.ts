import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_STATES } from '@app/workflow';

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CASE_STATES }) @IsOptional() @IsIn(CASE_STATES) state?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) region?: string;
  @ApiPropertyOptional({ enum: ['group', 'family'] }) @IsOptional() @IsIn(['group', 'family']) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) coordinatorId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) cursor?: string;
}
