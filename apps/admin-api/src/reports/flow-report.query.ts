import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { CONFERENCE_KINDS } from '@app/workflow';
import { TafelError, type FlowFilter } from '@app/cases';
import { OFFSET_MESSAGE, OptionalLine, OptionalOneOf, WITH_OFFSET } from '../http/fields';

const OptionalTime = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ format: 'date-time', description }),
    IsOptional(),
    IsISO8601({ strict: true }),
    Matches(WITH_OFFSET, OFFSET_MESSAGE),
  );

/** `GET /v1/reports/flow`: cases requested in `[from, to)`, in a region, of a kind. */
export class FlowReportQuery {
  @OptionalTime('requested at or after') from?: string;
  @OptionalTime('requested before') to?: string;
  @OptionalLine() region?: string;
  @OptionalOneOf(CONFERENCE_KINDS) kind?: string;

  /** @throws TafelError (validation) when `from` is not before `to`. */
  filter(): FlowFilter {
    const from = this.from === undefined ? undefined : new Date(this.from);
    const to = this.to === undefined ? undefined : new Date(this.to);
    if (from && to && from >= to) {
      const message = 'from must be before to';
      throw new TafelError('REQUEST.INVALID', 'validation', message, {
        errors: [{ field: 'from', message }],
      });
    }
    return { from, to, region: this.region, kind: this.kind };
  }
}
