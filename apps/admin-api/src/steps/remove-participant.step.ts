import { ReasonDto } from './reason.dto';
import { defineStep } from './step-definition';

export const removeParticipant = defineStep(
  'remove-participant',
  ':id/participants/:pid/removal',
  ReasonDto,
  {
    description: 'Workflow version 2: they get nothing more; every message still due to them is cancelled.',
    toCommand: ({ reason }, _ids, { participantId }) => ({
      type: 'RemoveParticipant',
      participantId,
      reason,
    }),
  },
);
