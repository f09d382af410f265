import { ReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const withdraw = defineStep({
  step: 'withdraw',
  path: ':id/withdrawal',
  dto: ReasonDto,
  toCommand: (dto) => ({ type: 'WithdrawCase', reason: dto.reason }),
});
