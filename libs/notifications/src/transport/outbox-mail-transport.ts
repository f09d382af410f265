import { createTransport, type Transporter } from 'nodemailer';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailTransport, OutgoingMail } from './mail-transport';

/**
 * No SMTP server configured: each message is written, as the raw RFC 5322 text nodemailer builds,
 * to `<dir>/<due time>-<key>.eml`. A resend of the same message overwrites the same file.
 */
export class OutboxMailTransport implements MailTransport {
  readonly kind = 'outbox' as const;
  private readonly transporter: Transporter;

  constructor(private readonly dir: string) {
    this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send({ key, dueAt, ...mail }: OutgoingMail): Promise<void> {
    const info = (await this.transporter.sendMail(mail)) as { message: Buffer };
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${dueAt.replace(/[:.]/g, '-')}-${key}.eml`);
    writeFileSync(`${file}.tmp`, info.message);
    renameSync(`${file}.tmp`, file);
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
