import { CONFERENCE_KINDS, REASON_CODES, type ConferenceKind, type ReasonCode } from '@app/workflow';
import { OptionalOneOf, TEXT, Text } from '../http/fields';

/** The body of the steps that need only a reason: remove-participant, record-no-plan. */
export class ReasonDto {
  @Text(TEXT) reason!: string;
}

/** decline, withdraw: a reason, and (workflow version 2) its code for counting. */
export class CodedReasonDto extends ReasonDto {
  @OptionalOneOf(REASON_CODES, 'default `other` (workflow version 2)') reasonCode?: ReasonCode;
}

export class FollowUpConferenceDto extends ReasonDto {
  @OptionalOneOf(CONFERENCE_KINDS, "default: this case's kind (workflow version 2)") kind?: ConferenceKind;
}

/** The body of the steps that take none: distribute-plan, close. */
export class EmptyDto {}
