import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeWorkflow } from '@app/workflow';
import { ReadResponses } from './openapi.decorators';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('v1/workflow')
export class WorkflowController {
  @Get()
  @ApiOperation({ summary: 'the machine: states, steps and a Mermaid stateDiagram-v2' })
  @ApiOkResponse({ description: 'states, steps and the diagram' })
  @ReadResponses()
  get() {
    return describeWorkflow();
  }
}
