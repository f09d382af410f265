import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsNotEmpty } from 'class-validator';
import { Email, Line, OptionalText, TEXT } from '../http/fields';
import { defineStep } from './step-definition';

export class AssignCoordinatorDto {
  @Line() coordinatorId!: string;
  @Line() name!: string;
  @Email() email!: string;
  @ApiProperty({ enum: [true] }) @Equals(true) independenceDeclared!: true;
  @OptionalText(TEXT, 'required when replacing') @IsNotEmpty() reason?: string;
}

export const assignCoordinator = defineStep('assign-coordinator', ':id/coordinator', AssignCoordinatorDto, {
  toCommand: ({ coordinatorId, name, email, independenceDeclared, reason }) => ({
    type: 'AssignCoordinator',
    ...{ coordinatorId, name, email, independenceDeclared, reason },
  }),
});
