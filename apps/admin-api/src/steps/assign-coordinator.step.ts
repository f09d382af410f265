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

export const assignCoordinator = defineStep({
  step: 'assign-coordinator',
  path: ':id/coordinator',
  dto: AssignCoordinatorDto,
  toCommand: (dto) => ({
    type: 'AssignCoordinator',
    coordinatorId: dto.coordinatorId,
    name: dto.name,
    email: dto.email,
    independenceDeclared: dto.independenceDeclared,
    reason: dto.reason,
  }),
});
