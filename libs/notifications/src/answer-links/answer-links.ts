import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { KEY_FILE_BYTES, ensureSecretFile, readKeyFile } from '@app/kernel';

/** What an answer link names: one participant of one case; nothing else. */
export interface AnswerTarget {
  caseId: string;
  participantId: string;
}

const VERSION = 1;
const UUID_BYTES = 16;
const MAC_BYTES = 16;
const TOKEN_BYTES = 1 + 2 * UUID_BYTES + MAC_BYTES;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidBytes = (id: string): Buffer => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (b: Buffer): string => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * The personal answer links of API.md ("Participant answer links"): an opaque token of the case and
 * participant ids with an HMAC-SHA256 tag under the link key (which is not in the database). The
 * token carries no expiry: the link stops working when the conference starts, which the page
 * decides from the case (410), so a reschedule never invalidates a link already sent.
 */
export class AnswerLinks {
  constructor(
    private readonly key: Buffer,
    private readonly baseUrl: string,
  ) {
    if (key.length < 32) throw new Error('the answer link key must be at least 32 bytes');
  }

  private tag(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, MAC_BYTES);
  }

  /** The token for one participant: the same ids and key always give the same token. */
  tokenFor({ caseId, participantId }: AnswerTarget): string {
    if (!UUID.test(caseId) || !UUID.test(participantId)) throw new Error('answer links name UUIDs only');
    const payload = Buffer.concat([Buffer.from([VERSION]), uuidBytes(caseId), uuidBytes(participantId)]);
    return Buffer.concat([payload, this.tag(payload)]).toString('base64url');
  }

  /** `<base>/answer/<token>`. */
  urlFor(target: AnswerTarget): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/answer/${this.tokenFor(target)}`;
  }

  /** The ids a token names, or `undefined` when it is not one of ours (forged, cut, other key). */
  verify(token: string): AnswerTarget | undefined {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(token)) return undefined;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES || bytes[0] !== VERSION) return undefined;
    const payload = bytes.subarray(0, 1 + 2 * UUID_BYTES);
    if (!timingSafeEqual(this.tag(payload), bytes.subarray(payload.length))) return undefined;
    return {
      caseId: uuidText(bytes.subarray(1, 1 + UUID_BYTES)),
      participantId: uuidText(bytes.subarray(1 + UUID_BYTES, payload.length)),
    };
  }
}

export interface LinkKeySettings {
  /** TAFEL_LINK_KEY: base64 of 32 bytes. */
  linkKey?: string;
  /** Where the key is kept when TAFEL_LINK_KEY is not set (created on first start, mode 0600). */
  linkKeyFile: string;
}

/**
 * The link key: TAFEL_LINK_KEY when set; otherwise a key file of its own beside the master key,
 * created on first start. It is independent of the master key, so `rotate-master-key` leaves the
 * links already sent working.
 */
export function resolveLinkKey(settings: LinkKeySettings): Buffer {
  if (settings.linkKey) return Buffer.from(settings.linkKey, 'base64');
  ensureSecretFile(settings.linkKeyFile, () => randomBytes(KEY_FILE_BYTES).toString('base64') + '\n');
  return readKeyFile(settings.linkKeyFile);
}
