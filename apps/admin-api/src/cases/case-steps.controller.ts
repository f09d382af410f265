import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '@app/cases';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  AssignCoordinatorDto,
  CompleteIntakeDto,
  ContactFollowUpDto,
  EmptyDto,
  HoldConferenceDto,
  InviteParticipantDto,
  ReasonDto,
  RecordAnswerDto,
  RecordPlanDto,
  RecordPreparationDto,
  RequestConferenceDto,
  ScheduleConferenceDto,
} from './case-steps.dto';
import { StepRunner } from './step-runner';
import { StepResponses } from '../http/openapi.decorators';

type Req = FastifyRequest;
type Reply = FastifyReply;

/** One route per step of API.md; each runs the step through the command bus. */
@ApiTags('steps')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'the revision the client saw, e.g. "3"' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'a retry with the same key gets the first answer',
})
@Controller('v1/cases')
export class CaseStepsController {
  constructor(private readonly steps: StepRunner) {}

  @Post()
  @ApiOperation({ summary: 'request', operationId: 'request' })
  @StepResponses(true)
  request(@Body() body: RequestConferenceDto, @CurrentActor() a: Actor, @Req() q: Req, @Res() r: Reply) {
    return this.steps.run('request', undefined, body, a, q, r);
  }

  @Post(':id/intake')
  @ApiOperation({ summary: 'complete-intake', operationId: 'complete-intake' })
  @StepResponses()
  completeIntake(
    @Param('id') id: string,
    @Body() body: CompleteIntakeDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('complete-intake', id, body, a, q, r);
  }

  @Post(':id/decline')
  @ApiOperation({ summary: 'decline', operationId: 'decline' })
  @StepResponses()
  decline(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('decline', id, body, a, q, r);
  }

  @Post(':id/coordinator')
  @ApiOperation({ summary: 'assign-coordinator', operationId: 'assign-coordinator' })
  @StepResponses()
  assignCoordinator(
    @Param('id') id: string,
    @Body() body: AssignCoordinatorDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('assign-coordinator', id, body, a, q, r);
  }

  @Post(':id/participants')
  @ApiOperation({ summary: 'invite-participant', operationId: 'invite-participant' })
  @StepResponses(true)
  invite(
    @Param('id') id: string,
    @Body() body: InviteParticipantDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('invite-participant', id, body, a, q, r);
  }

  @Post(':id/participants/:pid/preparation')
  @ApiOperation({ summary: 'record-preparation', operationId: 'record-preparation' })
  @StepResponses()
  recordPreparation(
    @Param('id') id: string,
    @Param('pid') pid: string,
    @Body() body: RecordPreparationDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('record-preparation', id, body, a, q, r, pid);
  }

  @Post(':id/participants/:pid/answer')
  @ApiOperation({ summary: 'record-answer', operationId: 'record-answer' })
  @StepResponses()
  recordAnswer(
    @Param('id') id: string,
    @Param('pid') pid: string,
    @Body() body: RecordAnswerDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('record-answer', id, body, a, q, r, pid);
  }

  @Post(':id/schedule')
  @ApiOperation({ summary: 'schedule-conference', operationId: 'schedule-conference' })
  @StepResponses()
  schedule(
    @Param('id') id: string,
    @Body() body: ScheduleConferenceDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('schedule-conference', id, body, a, q, r);
  }

  @Post(':id/conference')
  @ApiOperation({ summary: 'hold-conference', operationId: 'hold-conference' })
  @StepResponses()
  hold(
    @Param('id') id: string,
    @Body() body: HoldConferenceDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('hold-conference', id, body, a, q, r);
  }

  @Post(':id/plan')
  @ApiOperation({ summary: 'record-plan', operationId: 'record-plan' })
  @StepResponses()
  recordPlan(
    @Param('id') id: string,
    @Body() body: RecordPlanDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('record-plan', id, body, a, q, r);
  }

  @Post(':id/plan/distribution')
  @ApiOperation({ summary: 'distribute-plan', operationId: 'distribute-plan' })
  @StepResponses()
  distributePlan(
    @Param('id') id: string,
    @Body() body: EmptyDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('distribute-plan', id, body, a, q, r);
  }

  @Post(':id/follow-up')
  @ApiOperation({ summary: 'contact-follow-up', operationId: 'contact-follow-up' })
  @StepResponses()
  contactFollowUp(
    @Param('id') id: string,
    @Body() body: ContactFollowUpDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('contact-follow-up', id, body, a, q, r);
  }

  @Post(':id/follow-up-conference')
  @ApiOperation({
    summary: 'request-follow-up-conference (answers with the new case)',
    operationId: 'request-follow-up-conference',
  })
  @StepResponses(true)
  requestFollowUpConference(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('request-follow-up-conference', id, body, a, q, r);
  }

  @Post(':id/withdrawal')
  @ApiOperation({ summary: 'withdraw', operationId: 'withdraw' })
  @StepResponses()
  withdraw(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('withdraw', id, body, a, q, r);
  }

  @Post(':id/closure')
  @ApiOperation({ summary: 'close', operationId: 'close' })
  @StepResponses()
  close(
    @Param('id') id: string,
    @Body() body: EmptyDto,
    @CurrentActor() a: Actor,
    @Req() q: Req,
    @Res() r: Reply,
  ) {
    return this.steps.run('close', id, body, a, q, r);
  }
}
