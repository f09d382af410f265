import { createHash, randomUUID } from 'node:crypto';

/** A UUID (version 8, RFC 9562) derived from its name: the same name always gives the same id. */
export function deterministicId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const newId = (): string => randomUUID();

/** A short reference staff can say on the phone, derived from the case id. */
export const referenceOf = (caseId: string): string =>
  `EK-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
