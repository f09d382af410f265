import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseRepository } from './case-repository';
import { FollowUpCompleter } from './follow-up/follow-up-completer';
import { CaseQueries } from './read-models/case-queries';
import { IdempotencyStore } from './read-models/idempotency.store';
import { ProjectionsService } from './read-models/projections.service';
import { RunStepHandler } from './steps/run-step.handler';

/**
 * Command handling and reads for cases. Expects EVENT_STORE, READ_DB, CLOCK and FAULTS to be provided
 * globally by the process that imports it.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    CaseRepository,
    IdempotencyStore,
    FollowUpCompleter,
    ProjectionsService,
    CaseQueries,
    RunStepHandler,
  ],
  exports: [CaseRepository, CaseQueries, ProjectionsService, IdempotencyStore, CqrsModule],
})
export class CasesModule {}
