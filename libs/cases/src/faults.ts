/**
 * Fault injection for tests of half-finished work: lets a test stop a command between its two writes,
 * as a crash would. Every switch is off unless a test turns it on.
 */
export const FAULTS = Symbol('FAULTS');

export interface Faults {
  /** `request-follow-up-conference` fails after linking the original, before the new case exists. */
  crashAfterFollowUpLink: boolean;
  /** Awaited by every step just before it appends: lets a test hold commands in flight. */
  beforeAppend?: () => Promise<void>;
}

export const noFaults = (): Faults => ({ crashAfterFollowUpLink: false });
