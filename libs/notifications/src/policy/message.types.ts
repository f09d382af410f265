import type { TafelConfig } from '@app/config';

/** What Tafel sends to participants (DOMAIN.md, "What people receive by e-mail"). */
export const MESSAGE_KINDS = [
  'invitation',
  'reminder',
  'answer-nudge',
  'plan',
  'follow-up',
  'conference-scheduled',
  'conference-rescheduled',
  'conference-cancelled',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** `erased`: the person was erased; nothing goes to them, by mail or by phone. */
export type ReachBy = 'email' | 'phone' | 'erased';

/** The notices of the conference date; they carry a calendar invitation, and so do reminders. */
export const DATE_NOTICES = [
  'conference-scheduled',
  'conference-rescheduled',
  'conference-cancelled',
] as const;

/** One message the policy wants delivered: to whom, what, and from when on. */
export interface PlannedMessage {
  /** Deterministic id from (case, kind, participant, due time): the outcome event's id too. */
  key: string;
  caseId: string;
  kind: MessageKind;
  participantId: string;
  /** `phone`: the participant has no e-mail address; staff reach them by phone. */
  reachBy: ReachBy;
  email?: string;
  /** ISO 8601. */
  dueAt: string;
  /** ISO 8601: after this the message is no longer worth sending (the conference has started). */
  expiresAt?: string;
  /** Reminders: how long before the conference. */
  offsetMs?: number;
  /** Date notices: the schedule's sequence they tell of (part of the key). */
  sequence?: number;
}

/** The settings the policy reads (TafelConfig's parsed durations). */
export interface NotificationSettings {
  reminderOffsetsMs: number[];
  answerNudgeAfterMs: number;
  followUpAfterMs: number;
}

export const settingsOf = (config: TafelConfig): NotificationSettings => ({
  reminderOffsetsMs: config.reminderOffsetsMs,
  answerNudgeAfterMs: config.answerNudgeAfterMs,
  followUpAfterMs: config.followUpAfterMs,
});
