import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional } from 'class-validator';
import { WORKFLOW_VERSION, describeWorkflow, workflowVersions } from '@app/workflow';
import { ReadResponses } from './openapi.decorators';

export class WorkflowQuery {
  @ApiPropertyOptional({ enum: workflowVersions(), description: 'default: the latest' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn(workflowVersions())
  version?: number;
}

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('v1/workflow')
export class WorkflowController {
  @Get()
  @ApiOperation({ summary: 'a workflow version: states, steps and a Mermaid stateDiagram-v2' })
  @ApiOkResponse({ description: 'states, steps and the diagram' })
  @ReadResponses(400)
  get(@Query() query: WorkflowQuery) {
    return describeWorkflow(query.version ?? WORKFLOW_VERSION);
  }
}
