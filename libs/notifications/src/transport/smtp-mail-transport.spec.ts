import { SmtpMailTransport, requiresStartTls } from './smtp-mail-transport';

/** The options nodemailer's pool runs with (it connects only when a message is sent). */
const optionsOf = (transport: SmtpMailTransport) =>
  (transport as unknown as { transporter: { options: { requireTLS?: boolean } } }).transporter.options;

describe('SMTP transport security', () => {
  it.each([
    ['smtp://mail.example.nl:587', true],
    ['smtp://user:pw@10.0.0.5:25', true],
    ['smtps://mail.example.nl', false],
    ['smtp://127.0.0.1:1025', false],
    ['smtp://localhost:1025', false],
    ['smtp://[::1]:1025', false],
  ])('%s requires STARTTLS: %s', async (url, required) => {
    expect(requiresStartTls(url)).toBe(required);
    const transport = new SmtpMailTransport(url);
    try {
      expect(optionsOf(transport).requireTLS).toBe(required);
    } finally {
      await transport.close();
    }
  });
});
