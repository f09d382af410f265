import { createHash, randomUUID } from 'node:crypto';

/** A UUID (version 8, RFC 9562) derived from its name: the same name always gives the same id. */
export function deterministicId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const newId = (): string => randomUUID();

/** JSON with object keys sorted at every depth: equal values give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** SHA-256 hex of a text. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A short reference staff can say on the phone, derived from the case id. */
export const referenceOf = (caseId: string): string =>
  `EK-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
