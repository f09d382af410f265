import { EmptyDto } from './reason.dto';
import { defineStep } from './step-definition';

export const close = defineStep('close', ':id/closure', EmptyDto, {
  toCommand: () => ({ type: 'CloseCase' }),
});
