import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AccessReadQueries, DEFAULT_ACCESS_LIMIT } from '@app/audit';
import { TafelError, type Actor } from '@app/cases';
import { KEY_STORE, type PersonKeyStore } from '@app/privacy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Line, OptionalLine, OptionalTimeWithOffset } from '../http/fields';
import { ProblemResponses } from '../http/openapi.decorators';
import { UuidParam } from '../http/uuid-param';

/** A page of the read log: at most `limit` entries after `cursor`. */
export class AccessLogPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: DEFAULT_ACCESS_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @OptionalLine(100) cursor?: string;
}

/** `GET /v1/access-log`: the reads of one employee in `[from, to)`. */
export class ActorAccessLogQuery extends AccessLogPageQuery {
  @Line(200, 'the employee (actor id) whose reads are listed') actorId!: string;
  @OptionalTimeWithOffset('read at or after') from?: string;
  @OptionalTimeWithOffset('read before') to?: string;

  /** @throws TafelError (validation) when `from` is not before `to`. */
  window(): { from?: Date; to?: Date } {
    const from = this.from === undefined ? undefined : new Date(this.from);
    const to = this.to === undefined ? undefined : new Date(this.to);
    if (from && to && from >= to) {
      const message = 'from must be before to';
      throw new TafelError('REQUEST.INVALID', 'validation', message, {
        errors: [{ field: 'from', message }],
      });
    }
    return { from, to };
  }
}

const ENTRIES =
  '`{ entries: [{ at, caseId, actor: { id, role, name }, route, status, requestId }], nextCursor }`, oldest first';

/** The NEN 7513 read log across cases (auditor, admin). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1')
export class AccessLogViewsController {
  constructor(
    private readonly reads: AccessReadQueries,
    @Inject(KEY_STORE) private readonly keys: PersonKeyStore,
  ) {}

  /** The cases a person is linked to (the links erasure uses), or `undefined` for an unknown person. */
  private readonly casesOf = async (personId: string): Promise<string[] | undefined> =>
    (await this.keys.statusOf(personId)) === 'unknown' ? undefined : this.keys.casesOf(personId);

  @Get('access-log')
  @ApiOperation({ summary: 'every case read by one employee, refused reads too (auditor, admin)' })
  @ApiOkResponse({ description: ENTRIES })
  @ProblemResponses(400, 401, 403, 429, 503)
  byActor(@Query() query: ActorAccessLogQuery, @CurrentActor() actor: Actor) {
    return this.reads.byActor(actor, {
      actorId: query.actorId,
      ...query.window(),
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get('people/:personId/access-log')
  @ApiOperation({ summary: 'every read of a case the person is in (auditor, admin)' })
  @ApiOkResponse({ description: ENTRIES })
  @ProblemResponses(400, 401, 403, 404, 429, 503)
  byPerson(
    @UuidParam('personId') personId: string,
    @Query() query: AccessLogPageQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.reads.byPerson(actor, personId, { limit: query.limit, cursor: query.cursor }, this.casesOf);
  }
}
