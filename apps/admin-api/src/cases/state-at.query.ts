import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Min } from 'class-validator';
import { OFFSET_MESSAGE, WITH_OFFSET } from '../http/fields';
import { TafelError } from '@app/cases';
import type { PointInTime } from '@app/audit';

export class StateAtQuery {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, OFFSET_MESSAGE)
  at?: string;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) revision?: number;

  pointInTime(): PointInTime {
    if ((this.at === undefined) === (this.revision === undefined)) {
      const message = 'give exactly one of at and revision';
      throw new TafelError('REQUEST.INVALID', 'validation', message, { errors: [{ field: 'at', message }] });
    }
    return this.at !== undefined ? { at: new Date(this.at) } : { revision: this.revision! };
  }
}
