import { ReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const withdraw = defineStep('withdraw', ':id/withdrawal', ReasonDto, {
  toCommand: ({ reason }) => ({ type: 'WithdrawCase', reason }),
});
