import { CodedReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const decline = defineStep('decline', ':id/decline', CodedReasonDto, {
  toCommand: ({ reason, reasonCode }) => ({ type: 'DeclineRequest', reason, reasonCode }),
});
