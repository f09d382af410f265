import { EmptyDto } from './reason.dto';
import { defineStep } from './step-definition';

export const distributePlan = defineStep({
  step: 'distribute-plan',
  path: ':id/plan/distribution',
  dto: EmptyDto,
  description: 'The plan goes to every participant who attended.',
  toCommand: () => ({ type: 'DistributePlan' }),
});
