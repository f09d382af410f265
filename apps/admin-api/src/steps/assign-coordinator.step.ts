import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsEmail, IsNotEmpty } from 'class-validator';
import { NAME, OptionalText, TEXT, Text } from '../http/fields';
import { defineStep } from './step-definition';

export class AssignCoordinatorDto {
  @Text(NAME) coordinatorId!: string;
  @Text(NAME) name!: string;
  @ApiProperty() @IsEmail() email!: string;
  @ApiProperty({ enum: [true] }) @Equals(true) independenceDeclared!: true;
  @OptionalText(TEXT, 'required when replacing') @IsNotEmpty() reason?: string;
}

export const assignCoordinator = defineStep('assign-coordinator', ':id/coordinator', AssignCoordinatorDto, {
  toCommand: ({ coordinatorId, name, email, independenceDeclared, reason }) => ({
    type: 'AssignCoordinator',
    ...{ coordinatorId, name, email, independenceDeclared, reason },
  }),
});
