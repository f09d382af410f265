import { createTransport, type Transporter } from 'nodemailer';
import { isLoopbackHost } from '@app/config';
import type { MailTransport, OutgoingMail } from './mail-transport';

/**
 * Mail leaves this machine over TLS only: `smtps://` is TLS from the start; `smtp://` to another host
 * must upgrade with STARTTLS (`requireTLS`: nodemailer refuses to send when the server does not
 * offer it). Plain SMTP stays allowed on loopback (a relay beside the app, the tests).
 */
export const requiresStartTls = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'smtp:' && !isLoopbackHost(hostname);
};

/** Pooled SMTP through nodemailer: a few long-lived connections, reused for every message. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(url: string, options: { maxConnections?: number } = {}) {
    this.transporter = createTransport({
      pool: true,
      url,
      requireTLS: requiresStartTls(url),
      maxConnections: options.maxConnections ?? 5,
      maxMessages: Infinity,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  }

  async send({ key: _key, dueAt: _dueAt, ...mail }: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(mail);
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
