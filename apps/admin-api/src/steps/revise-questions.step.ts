import { TEXT, Text } from '../http/fields';
import { ConferenceQuestions } from './complete-intake.step';
import { defineStep } from './step-definition';

export class ReviseQuestionsDto {
  @ConferenceQuestions() conferenceQuestions!: string[];
  @Text(TEXT) reason!: string;
}

export const reviseQuestions = defineStep('revise-questions', ':id/questions', ReviseQuestionsDto, {
  description: 'Workflow version 2: new conference questions before the conference, with the reason.',
  toCommand: ({ conferenceQuestions, reason }) => ({ type: 'ReviseQuestions', conferenceQuestions, reason }),
});
