import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@app/config';
import { createApp } from './app.factory';
import { buildOpenApiDocument, serializeOpenApiDocument } from './http/openapi.document';

/** The OpenAPI document of the admin API, from an app on a throw-away SQLite data directory. */
export async function writeOpenApiDocument(out?: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tafel-openapi-'));
  try {
    const tokensFile = join(dataDir, 'tokens.json');
    // One token nobody knows (a tokens file may not be empty): the document needs no caller.
    const unknown = {
      tokenSha256: randomBytes(32).toString('hex'),
      actor: { id: 'openapi', role: 'auditor' },
    };
    writeFileSync(tokensFile, JSON.stringify([unknown]), { mode: 0o600 });
    const config = loadConfig({
      TAFEL_DATA_DIR: dataDir,
      TAFEL_TOKENS_FILE: tokensFile,
      TAFEL_STORE: 'sqlite',
      TAFEL_WORKER: 'off',
    });
    const app = await createApp(config, { logger: false });
    try {
      const json = serializeOpenApiDocument(buildOpenApiDocument(app));
      if (out) writeFileSync(out, json);
      return json;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  writeOpenApiDocument(values.out).then(
    (json) => {
      if (!values.out) process.stdout.write(json);
    },
    (e: unknown) => {
      process.stderr.write(`openapi: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
