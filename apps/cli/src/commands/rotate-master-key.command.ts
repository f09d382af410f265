import { existsSync, renameSync } from 'node:fs';
import { writeKeyFile } from '@app/kernel';
import { KEY_STORE, newKey, type PersonKeyStore } from '@app/privacy';
import { UsageError, allowFlags } from '../cli-args';
import type { CliCommand } from '../cli';
import { EXIT } from '../cli-io';
import type { CommandContext } from './command-context';

function givenKey(text: string): Buffer | undefined {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(text.trim()) ? Buffer.from(text.trim(), 'base64') : undefined;
  return key?.length === 32 ? key : undefined;
}

/**
 * `rotate-master-key`: re-wraps every person key (and the check value) under a new master key, in
 * one transaction. With TAFEL_NEW_MASTER_KEY the operator sets TAFEL_MASTER_KEY to it afterwards;
 * in the embedded shape a new key file is written beside the old one and moved over it after the commit.
 */
export const rotateMasterKeyCommand: CliCommand = {
  check(args) {
    allowFlags(args, []);
    if (args.positionals.length > 0) throw new UsageError('rotate-master-key takes no arguments');
  },

  async run({ app, config, io }: CommandContext) {
    const keys = app.get<PersonKeyStore>(KEY_STORE);
    const given = io.env.TAFEL_NEW_MASTER_KEY;
    if (given !== undefined) {
      const key = givenKey(given);
      if (!key) {
        io.stderr.write(
          'tafel: TAFEL_NEW_MASTER_KEY: expected 32 bytes in base64 (openssl rand -base64 32)\n',
        );
        return EXIT.config;
      }
      const count = await keys.rewrap(key);
      io.stdout.write(
        `Re-wrapped ${count} person keys under the new master key. Set TAFEL_MASTER_KEY to it before the next start.\n`,
      );
      return EXIT.ok;
    }
    if (config.masterKey) {
      io.stderr.write('tafel: TAFEL_MASTER_KEY is set: give the new key in TAFEL_NEW_MASTER_KEY\n');
      return EXIT.config;
    }
    const file = config.masterKeyFile;
    const next = `${file}.new`;
    if (existsSync(next)) {
      io.stderr.write(`tafel: ${next} exists (an interrupted rotation?): see the README before going on\n`);
      return EXIT.invalid;
    }
    const key = newKey();
    writeKeyFile(next, key);
    const count = await keys.rewrap(key);
    renameSync(next, file);
    io.stdout.write(`Re-wrapped ${count} person keys under a new master key, now in ${file}.\n`);
    return EXIT.ok;
  },
};
