import { CodedReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const withdraw = defineStep('withdraw', ':id/withdrawal', CodedReasonDto, {
  toCommand: ({ reason, reasonCode }) => ({ type: 'WithdrawCase', reason, reasonCode }),
});
