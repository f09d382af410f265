import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseRepository } from './case-repository';
import { FollowUpCompleter } from './follow-up/follow-up-completer';
import { CaseQueries } from './read-models/case-queries';
import { StepOutcomes } from './read-models/step-outcomes.store';
import { ReportQueries } from './reports/report-queries';
import { ProjectionsService } from './read-models/projections.service';
import { TakeStepHandler } from './steps/take-step.handler';

/**
 * Command handling and reads for cases. Expects EVENT_STORE, READ_DB, and CLOCK to be provided
 * globally by the process that imports it.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    CaseRepository,
    StepOutcomes,
    FollowUpCompleter,
    ProjectionsService,
    CaseQueries,
    ReportQueries,
    TakeStepHandler,
  ],
  exports: [CaseRepository, CaseQueries, ReportQueries, ProjectionsService, StepOutcomes, CqrsModule],
})
export class CasesModule {}
