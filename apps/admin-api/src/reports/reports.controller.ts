import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReportQueries, type Actor } from '@app/cases';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ReadResponses } from '../http/openapi.decorators';
import { FlowReportQuery } from './flow-report.query';

const wantsCsv = (accept: string | undefined) => /\btext\/csv\b/i.test(accept ?? '');

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportQueries) {}

  @Get('flow')
  @ApiOperation({
    summary: 'flow figures of the cases requested in [from, to) (admin, region-manager, researcher)',
    description:
      'A projection; may trail the log by a moment. Medians and p90s (nearest rank) are `null` when `n` is 0.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiResponse({
    status: 200,
    description:
      '`{ cases, byState, funnel, leadTimesDays, declineReasons, withdrawalReasons, followUpOutcomes, ' +
      'followUpConferenceRate, noPlanRate }`; with `Accept: text/csv` one RFC 4180 row per case, no personal data',
    content: {
      'application/json': { schema: { type: 'object' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ReadResponses(400, 403)
  async flow(
    @Query() query: FlowReportQuery,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const filter = query.filter();
    if (!wantsCsv(accept)) return this.reports.flow(actor, filter);
    const csv = await this.reports.flowCsv(actor, filter);
    void reply.header('content-type', 'text/csv; charset=utf-8');
    return csv;
  }
}
