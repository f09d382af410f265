import { existsSync } from 'node:fs';
import { readKeyFile, writeKeyFile } from '@app/kernel';
import { newKey } from './field-crypto';

export interface MasterKey {
  key: Buffer;
  /** Where it came from, for messages (never the key). */
  source: string;
}

export interface MasterKeySettings {
  masterKey?: string;
  masterKeyFile: string;
}

/**
 * Where `rotate-master-key` keeps the previous key file until the re-wrap has committed; start-up
 * keeps whichever of the two opens the key store (see `openKeyStore`).
 */
export const previousKeyFile = (masterKeyFile: string): string => `${masterKeyFile}.old`;

/**
 * The master key: TAFEL_MASTER_KEY when set; otherwise the embedded shape's key file, created on
 * first start (mode 0600; `log` hears its path, never the key).
 * @throws Error when the key file exists but holds no valid key.
 */
export function resolveMasterKey(settings: MasterKeySettings, log: (message: string) => void): MasterKey {
  if (settings.masterKey)
    return { key: Buffer.from(settings.masterKey, 'base64'), source: 'TAFEL_MASTER_KEY' };
  const file = settings.masterKeyFile;
  if (!existsSync(file)) {
    writeKeyFile(file, newKey());
    log(
      `Created the master key file ${file} (mode 0600). Keep a copy apart from the data and its backups: ` +
        'without it the personal data cannot be read.',
    );
  }
  return { key: readKeyFile(file), source: file };
}
