import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IdList, Optional, TimeWithOffset } from '../http/fields';
import { defineStep } from './step-definition';

export class HoldConferenceDto {
  @TimeWithOffset() heldAt!: string;
  @IdList() attendees!: string[];
  @ApiPropertyOptional({ description: 'family conferences only' })
  @Optional()
  @IsBoolean()
  privatePartHeld?: boolean;
}

export const holdConference = defineStep('hold-conference', ':id/conference', HoldConferenceDto, {
  toCommand: ({ heldAt, attendees, privatePartHeld }) => ({
    type: 'HoldConference',
    heldAt,
    attendees,
    privatePartHeld,
  }),
});
