import { EmptyDto } from './reason.dto';
import { defineStep } from './step-definition';

export const distributePlan = defineStep('distribute-plan', ':id/plan/distribution', EmptyDto, {
  description: 'The plan goes to every participant who attended.',
  toCommand: () => ({ type: 'DistributePlan' }),
});
