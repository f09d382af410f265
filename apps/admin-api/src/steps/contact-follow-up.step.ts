import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from '@app/workflow';
import { LONG_TEXT, OneOf, OptionalText, TimeWithOffset } from '../http/fields';
import { defineStep } from './step-definition';

export class ContactFollowUpDto {
  @TimeWithOffset() contactedAt!: string;
  @OneOf(FOLLOW_UP_OUTCOMES) outcome!: FollowUpOutcome;
  @OptionalText(LONG_TEXT) notes?: string;
}

export const contactFollowUp = defineStep('contact-follow-up', ':id/follow-up', ContactFollowUpDto, {
  toCommand: ({ contactedAt, outcome, notes }) => ({ type: 'ContactFollowUp', contactedAt, outcome, notes }),
});
