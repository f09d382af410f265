export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** One mail, ready to go: addresses, both parts and the deterministic `Message-ID`. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<key@domain>`: the same message always carries the same id, so a resend is recognisable. */
  messageId: string;
  /** The message key and due time: the outbox file name. */
  key: string;
  dueAt: string;
  date: Date;
  headers?: Record<string, string>;
  /** The case's coordinator: a reply reaches them. */
  replyTo?: { name: string; address: string };
  /** The calendar invitation (`text/calendar; method=…`). */
  attachments?: { filename: string; content: string; contentType: string }[];
}

/**
 * Delivers mail: over SMTP, or into the outbox directory.
 * A failure carries nodemailer's fields: `responseCode` (SMTP reply code) and `response` when the
 * server answered, `code` (e.g. `ECONNECTION`) when it could not be reached.
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  /** @throws Error with `responseCode`/`response`, or a connection error. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** What a delivery error tells the dispatcher. */
export interface DeliveryError {
  permanent: boolean;
  /** The server's codes (`550 5.1.1`), or the connection error. */
  answer: string;
}

/**
 * An SMTP answer as Tafel keeps it: its reply code and enhanced status code (RFC 3463) only. The
 * text after them often names the recipient — their address, sometimes their name — so it is
 * neither stored nor shown; the codes say what happened.
 */
export function smtpCodes(responseCode: number, response = ''): string {
  const enhanced = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})(?!\S)/.exec(response)?.[1];
  return enhanced ? `${responseCode} ${enhanced}` : `${responseCode}`;
}

/** 5xx: the server refused for good; 4xx and unreachable servers: try again later. */
export function classifyDeliveryError(e: unknown): DeliveryError {
  const err = e as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof err.responseCode === 'number') {
    return { permanent: err.responseCode >= 500, answer: smtpCodes(err.responseCode, err.response) };
  }
  return { permanent: false, answer: [err.code, err.message].filter(Boolean).join(': ') || String(e) };
}
