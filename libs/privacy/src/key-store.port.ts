export const KEY_STORE = Symbol('KEY_STORE');

export interface RewrapOptions {
  /** Runs inside the transaction, after every row is re-wrapped and before the commit (a test's fault seam). */
  beforeCommit?: () => Promise<void> | void;
}

export type PersonRole = 'applicant' | 'participant';

/** `unknown`: the key store never heard of the person; `erased`: their key is gone for good. */
export type PersonStatus = 'active' | 'erased' | 'unknown';

export interface CaseLink {
  caseId: string;
  personId: string;
  role: PersonRole;
}

/**
 * The keys of the people in the cases, one AES-256 key per person, wrapped by the master key, kept
 * beside the events. Also which people appear in which case (ids only), so an erasure can find them.
 */
export interface PersonKeyStore {
  /**
   * The unwrapped keys of these persons: `null` for one who has no key (erased, or never known and
   * `create` not asked). With `create`, a person never seen before gets a fresh key; an erased
   * person never gets one again.
   * @throws Error when the database cannot be reached.
   */
  keysOf(personIds: Iterable<string>, options?: { create?: boolean }): Promise<Map<string, Buffer | null>>;

  /** Records that people appear in cases (idempotent). @throws Error when the database cannot be reached. */
  link(links: CaseLink[]): Promise<void>;

  /** The applicant's person id of a case, if the case is known. @throws Error */
  applicantOf(caseId: string): Promise<string | undefined>;

  /** The cases a person appears in. @throws Error */
  casesOf(personId: string): Promise<string[]>;

  /** The people who appear in a case (applicant and participants), by person id. @throws Error */
  peopleOf(caseId: string): Promise<string[]>;

  /** @throws Error */
  statusOf(personId: string): Promise<PersonStatus>;

  /**
   * Deletes the person's key for good, leaving a tombstone so no new key is made for them; answers
   * when the erasure was first recorded. @throws Error
   */
  erase(personId: string, at: Date): Promise<string>;

  /**
   * Re-wraps every person key and the check value under `newMaster`, in one transaction.
   * @throws MasterKeyRefused when a stored key does not open under the current master key.
   */
  rewrap(newMaster: Buffer, options?: RewrapOptions): Promise<number>;

  /** Whether the stored check value opens under `master` (read afresh). @throws Error */
  provenBy(master: Buffer): Promise<boolean>;

  close(): Promise<void>;
}

/**
 * The id under which the key store keeps a case's own key (the free text about the case). It cannot
 * meet a person id: those are UUIDs. Retention destroys it like an erasure destroys a person's key.
 */
export const caseKeyId = (caseId: string): string => `case:${caseId}`;
