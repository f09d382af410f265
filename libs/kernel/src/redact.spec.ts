import { redactPersonal } from './redact';

describe('redactPersonal', () => {
  it('replaces the address in an SMTP refusal, with or without angle brackets', () => {
    expect(redactPersonal('550 5.1.1 <anna@example.nl>: Recipient address rejected')).toBe(
      '550 5.1.1 <adres>: Recipient address rejected',
    );
    expect(redactPersonal('no such user anna.de-vries+tafel@mail.example.org, try again')).toBe(
      'no such user <adres>, try again',
    );
    expect(redactPersonal("Can't send mail - all recipients were rejected: 550 <jürgen@müller.de>")).toBe(
      "Can't send mail - all recipients were rejected: 550 <adres>",
    );
  });

  it('replaces phone numbers and other runs of 8 or more digits', () => {
    expect(redactPersonal('call 0612345678 or 06-12345678 or +31 6 1234 5678')).toBe(
      'call <nummer> or <nummer> or <nummer>',
    );
    expect(redactPersonal('ref 123456789012')).toBe('ref <nummer>');
  });

  it('leaves SMTP codes, short numbers, dates and times alone', () => {
    const text = '451 4.7.1 Try again in 300 seconds (since 2026-03-02 09:00:00, id 1234567)';
    expect(redactPersonal(text)).toBe(text);
    expect(redactPersonal('')).toBe('');
  });

  it('takes linear time on a long text without an address (a quadratic scan would outlast the timeout)', () => {
    const long = 'x'.repeat(300_000);
    expect(redactPersonal(long)).toBe(long);
  }, 5_000);

  it('is idempotent', () => {
    const once = redactPersonal('550 <a@b.nl> 0612345678');
    expect(redactPersonal(once)).toBe(once);
  });
});
