import { createTransport, type Transporter } from 'nodemailer';
import { makePrivateDir, writePrivateFile } from '@app/kernel';
import { join } from 'node:path';
import type { MailTransport, OutgoingMail } from './mail-transport';

/**
 * No SMTP server configured: each message is written, as the raw RFC 5322 text nodemailer builds,
 * to `<dir>/<due time>-<key>.eml`. A resend of the same message overwrites the same file. The
 * directory is mode 0700 and each file 0600: a message holds a name and an address.
 */
export class OutboxMailTransport implements MailTransport {
  readonly kind = 'outbox' as const;
  private readonly transporter: Transporter;

  constructor(private readonly dir: string) {
    this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send({ key, dueAt, ...mail }: OutgoingMail): Promise<void> {
    const info = (await this.transporter.sendMail(mail)) as { message: Buffer };
    makePrivateDir(this.dir);
    writePrivateFile(join(this.dir, `${dueAt.replace(/[:.]/g, '-')}-${key}.eml`), info.message);
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
