import { ReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const recordNoPlan = defineStep('record-no-plan', ':id/plan/none', ReasonDto, {
  description: 'Workflow version 2: the conference was held and no plan came of it.',
  toCommand: ({ reason }) => ({ type: 'RecordNoPlan', reason }),
});
