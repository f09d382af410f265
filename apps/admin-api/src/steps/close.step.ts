import { EmptyDto } from './reason.dto';
import { defineStep } from './step-definition';

export const close = defineStep({
  step: 'close',
  path: ':id/closure',
  dto: EmptyDto,
  toCommand: () => ({ type: 'CloseCase' }),
});
