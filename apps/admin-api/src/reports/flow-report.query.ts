import { CONFERENCE_KINDS } from '@app/workflow';
import { TafelError, type FlowFilter } from '@app/cases';
import { OptionalLine, OptionalOneOf, OptionalTimeWithOffset } from '../http/fields';

/** `GET /v1/reports/flow`: cases requested in `[from, to)`, in a region, of a kind. */
export class FlowReportQuery {
  @OptionalTimeWithOffset('requested at or after') from?: string;
  @OptionalTimeWithOffset('requested before') to?: string;
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
