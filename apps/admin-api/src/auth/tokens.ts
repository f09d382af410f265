import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { STAFF_ROLES, isStaffRole, regionList, staffActor, type Actor, type StaffRole } from '@app/cases';
import { makePrivateDir, writePrivateFile } from '@app/kernel';

export interface TokenEntry {
  tokenSha256: string;
  actor: Actor;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Reads and checks the tokens file. @throws Error naming the file and the bad entry. */
export function readTokens(file: string): Map<string, Actor> {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as TokenEntry[];
  if (!Array.isArray(entries)) throw new Error(`${file}: expected a JSON array of { tokenSha256, actor }`);
  if (entries.length === 0) {
    // Nobody could sign in (and nobody could add a token through the API): a mistake, not a setting.
    throw new Error(
      `${file}: holds no tokens; add at least one { tokenSha256, actor } (or remove the file and ` +
        'TAFEL_TOKENS_FILE to have the embedded default create one per role)',
    );
  }
  const byHash = new Map<string, Actor>();
  entries.forEach((entry, i) => {
    const { tokenSha256, actor } = entry ?? {};
    if (!/^[0-9a-f]{64}$/.test(tokenSha256 ?? '') || !actor?.id || !isStaffRole(actor.role)) {
      throw new Error(
        `${file}: entry ${i} needs a hex tokenSha256 and an actor { id, name, role } with a known staff role`,
      );
    }
    // Only a region manager is scoped by regions; the other roles' are ignored (see the README).
    const scoped = actor.role === 'region-manager' && actor.regions !== undefined;
    const regions = scoped ? regionList(actor.regions) : undefined;
    if (scoped && !regions?.length) {
      throw new Error(
        `${file}: entry ${i}: actor.regions must be a non-empty list of region names ` +
          '(leave it out for every region)',
      );
    }
    byHash.set(tokenSha256, staffActor(actor.id, actor.name ?? actor.id, actor.role, regions));
  });
  return byHash;
}

/**
 * The embedded default: one fresh token per role in a new tokens file. Only the hashes go into the
 * tokens file; the tokens themselves go to a file beside it, readable by the owner only.
 */
/** The names the first start gives its example staff: staff read them in the history, in Dutch. */
const EXAMPLE_NAMES: Record<StaffRole, string> = {
  admin: 'Beheerder',
  'region-manager': 'Regiomanager',
  coordinator: 'Coördinator',
  researcher: 'Onderzoeker',
  auditor: 'Auditor',
};

export function createDefaultTokens(file: string): string {
  makePrivateDir(dirname(file));
  const plain: Record<string, string> = {};
  const entries: TokenEntry[] = STAFF_ROLES.map((role) => {
    const token = randomBytes(24).toString('base64url');
    plain[role] = token;
    const id = role === 'coordinator' ? 'coordinator-1' : `${role}-1`;
    return { tokenSha256: sha256(token), actor: { id, name: `${EXAMPLE_NAMES[role]} (voorbeeld)`, role } };
  });
  writePrivateFile(file, JSON.stringify(entries, null, 2) + '\n');
  const plainFile = file.replace(/\.json$/, '') + '.plain.json';
  writePrivateFile(plainFile, JSON.stringify(plain, null, 2) + '\n');
  return plainFile;
}

export const tokensFileExists = (file: string): boolean => existsSync(file);
