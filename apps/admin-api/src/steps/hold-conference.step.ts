import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsString } from 'class-validator';
import { Optional, TimeWithOffset } from '../http/fields';
import { defineStep } from './step-definition';

export class HoldConferenceDto {
  @TimeWithOffset() heldAt!: string;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) attendees!: string[];
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
