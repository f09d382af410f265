import { ISSUE_TYPES, type IssueType } from '@app/workflow';
import { LONG_TEXT, OptionalOneOf, OptionalText, TEXT, TextList } from '../http/fields';
import { defineStep } from './step-definition';

/** One or more non-blank conference questions. */
export const ConferenceQuestions = () => TextList(TEXT);

export class CompleteIntakeDto {
  @ConferenceQuestions() conferenceQuestions!: string[];
  @OptionalText(LONG_TEXT) notes?: string;
  @OptionalOneOf(ISSUE_TYPES, 'default `other` (workflow version 2)') issueType?: IssueType;
}

export const completeIntake = defineStep('complete-intake', ':id/intake', CompleteIntakeDto, {
  toCommand: ({ conferenceQuestions, notes, issueType }) => ({
    type: 'CompleteIntake',
    ...{ conferenceQuestions, notes, issueType },
  }),
});
