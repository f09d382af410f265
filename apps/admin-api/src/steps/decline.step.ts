import { ReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const decline = defineStep('decline', ':id/decline', ReasonDto, {
  toCommand: ({ reason }) => ({ type: 'DeclineRequest', reason }),
});
