import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { ensureSecretFile } from '@app/kernel';

export interface SigningKeySettings {
  /** TAFEL_SIGNING_KEY: an Ed25519 private key, PKCS#8 PEM or base64 of its DER. */
  signingKey?: string;
  /** Where the key is kept when TAFEL_SIGNING_KEY is not set (created on first start, mode 0600). */
  signingKeyFile: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Where it came from, for messages (never the key). */
  source: string;
}

/**
 * Reads an Ed25519 private key: PKCS#8 PEM, or base64 of the PKCS#8 DER.
 * @throws Error (never quoting the key) when it is neither, or not Ed25519.
 */
export function parseSigningKey(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.includes('-----BEGIN')
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error(`${source}: not a PKCS#8 private key (PEM, or base64 of the DER)`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`${source}: expected an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

/** Reads an Ed25519 public key (SPKI PEM) or takes the public half of a private key's file. */
export function readPublicKey(file: string): KeyObject {
  const text = readFileSync(file, 'utf8');
  const key = text.includes('PRIVATE KEY')
    ? createPublicKey(parseSigningKey(text, file))
    : createPublicKey(text);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`${file}: expected an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

/** The public key as PEM (SPKI): what `GET /v1/checkpoints/public-key` serves. */
export const publicKeyPem = (key: KeyObject): string =>
  key.export({ type: 'spki', format: 'pem' }).toString();

/**
 * The key that signs the log's checkpoints: TAFEL_SIGNING_KEY when set; otherwise a key file of its
 * own beside the master key, created on first start when `create` (mode 0600; `log` hears its path,
 * never the key). It lives outside the database: whoever can rewrite the log cannot sign for it.
 * @returns `undefined` when there is no key and `create` is false.
 */
export function resolveSigningKey(
  settings: SigningKeySettings,
  options: { create: boolean; log?: (message: string) => void },
): SigningKey | undefined {
  if (settings.signingKey) {
    const privateKey = parseSigningKey(settings.signingKey, 'TAFEL_SIGNING_KEY');
    return { privateKey, publicKey: createPublicKey(privateKey), source: 'TAFEL_SIGNING_KEY' };
  }
  const file = settings.signingKeyFile;
  if (!existsSync(file)) {
    if (!options.create) return undefined;
    // Another process (the worker beside the API) may make it first: then theirs is used.
    const made = ensureSecretFile(file, () =>
      String(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })),
    );
    if (made)
      options.log?.(
        `Created the checkpoint signing key file ${file} (mode 0600). Keep a copy apart from the database: ` +
          'it proves that the log was not rewritten.',
      );
  }
  const privateKey = parseSigningKey(readFileSync(file, 'utf8'), file);
  return { privateKey, publicKey: createPublicKey(privateKey), source: file };
}
