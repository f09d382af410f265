import { join } from 'node:path';
import type { TafelConfig } from '@app/config';
import type { MailTransport } from './mail-transport';
import { OutboxMailTransport } from './outbox-mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

/** SMTP when `TAFEL_SMTP_URL` is set, otherwise `.eml` files in `$TAFEL_DATA_DIR/outbox`. */
export function openMailTransport(config: Pick<TafelConfig, 'smtpUrl' | 'dataDir'>): MailTransport {
  return config.smtpUrl
    ? new SmtpMailTransport(config.smtpUrl)
    : new OutboxMailTransport(join(config.dataDir, 'outbox'));
}
