import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { describeWorkflow } from '@app/workflow';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('v1/workflow')
export class WorkflowController {
  @Get()
  @ApiOperation({ summary: 'the machine: states, steps and a Mermaid stateDiagram-v2' })
  get() {
    return describeWorkflow();
  }
}
