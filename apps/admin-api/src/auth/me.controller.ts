import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { STAFF_ROLES, stepsOf, type Actor } from '@app/cases';
import { STEPS } from '@app/workflow';
import { ReadResponses } from '../http/openapi.decorators';
import { CurrentActor } from './current-actor.decorator';

export class MeDto {
  @ApiProperty({ description: "the actor's id, as events record it" }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: string;
  @ApiPropertyOptional({ type: [String], description: "a region manager's regions; absent: every region" })
  regions?: string[];
  @ApiProperty({
    enum: STEPS,
    isArray: true,
    description:
      'the steps this role may take at all; a case allows one now when it is also in its `nextSteps`',
  })
  steps!: string[];
}

/** Who the bearer token is: what the staff app shows and which of a case's next steps it offers. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'who I am: id, name, role, regions and the steps my role may take' })
  @ApiOkResponse({ type: MeDto })
  @ReadResponses()
  me(@CurrentActor() actor: Actor): MeDto {
    return {
      id: actor.id,
      name: actor.name,
      role: actor.role,
      ...(actor.regions ? { regions: [...actor.regions] } : {}),
      steps: stepsOf(actor.role),
    };
  }
}
