import type { DomainEvent, EventType } from './types';

/** The schema version this code writes for each event type. */
export const EVENT_SCHEMA_VERSIONS: Record<EventType, number> = {
  ConferenceRequested: 1,
  IntakeCompleted: 1,
  RequestDeclined: 1,
  QuestionsRevised: 1,
  CoordinatorAssigned: 1,
  ParticipantInvited: 1,
  ParticipantCorrected: 1,
  ParticipantRemoved: 1,
  ParticipantPrepared: 1,
  ParticipantAnswered: 1,
  ConferenceScheduled: 1,
  ConferenceAdjourned: 1,
  ConferenceHeld: 1,
  PlanRecorded: 1,
  NoPlanRecorded: 1,
  PlanDistributed: 1,
  FollowUpContacted: 1,
  FollowUpConferenceRequested: 1,
  CaseWithdrawn: 1,
  CaseClosed: 1,
};

type Data = Record<string, unknown>;
/** Turns the data of version `n` into version `n + 1`. Never touches stored bytes, only what was read. */
export type Upcaster = (data: Data) => Data;
/** Per event type, the upcaster *from* each old version. */
export type UpcasterRegistry = Partial<Record<string, Record<number, Upcaster>>>;

/**
 * Upcasters of the pre-release (version 0) formats, kept as the pattern for real changes:
 * - `ConferenceRequested` v0 predates workflow versioning: those cases ran on workflow 1.
 * - `ConferenceHeld` v0 called the attendees `present`.
 */
export const UPCASTERS: UpcasterRegistry = {
  ConferenceRequested: { 0: (d) => ({ ...d, workflowVersion: d.workflowVersion ?? 1 }) },
  ConferenceHeld: {
    0: ({ present, ...d }) => ({ ...d, attendees: d.attendees ?? present }),
  },
};

/**
 * Builds an `upcast` over the given current versions and upcasters (tests can bring their own).
 */
export function createUpcaster(versions: Record<string, number>, upcasters: UpcasterRegistry) {
  return (type: string, schemaVersion: number, data: unknown): DomainEvent => {
    const current = versions[type];
    if (current === undefined) throw new Error(`Unknown event type "${type}"`);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 0) {
      throw new Error(`Invalid schema version ${schemaVersion} for ${type}`);
    }
    if (schemaVersion > current) {
      throw new Error(
        `${type} has schema version ${schemaVersion}; this code reads up to version ${current}`,
      );
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error(`${type} v${schemaVersion}: data is not an object`);
    }
    let out = data as Data;
    for (let v = schemaVersion; v < current; v++) {
      const step = upcasters[type]?.[v];
      if (step === undefined) throw new Error(`No upcaster for ${type} from schema version ${v} to ${v + 1}`);
      out = step(out);
    }
    return { type, data: out } as DomainEvent;
  };
}

/**
 * Reads a stored event as the current {@link DomainEvent}, upcasting old schema versions step by step.
 * @throws Error for an unknown type, a version newer than this code, or a missing upcaster.
 */
export const upcast: (type: string, schemaVersion: number, data: unknown) => DomainEvent = createUpcaster(
  EVENT_SCHEMA_VERSIONS,
  UPCASTERS,
);
