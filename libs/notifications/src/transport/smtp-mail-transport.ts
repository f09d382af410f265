import { createTransport, type Transporter } from 'nodemailer';
import type { MailTransport, OutgoingMail } from './mail-transport';

/** Pooled SMTP through nodemailer: a few long-lived connections, reused for every message. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(url: string, options: { maxConnections?: number } = {}) {
    this.transporter = createTransport({
      pool: true,
      url,
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
