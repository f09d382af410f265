import { ReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const decline = defineStep({
  step: 'decline',
  path: ':id/decline',
  dto: ReasonDto,
  toCommand: (dto) => ({ type: 'DeclineRequest', reason: dto.reason }),
});
