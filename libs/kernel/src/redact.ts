/**
 * An e-mail address, with the angle brackets around it if it has them. The local part starts where a
 * run of its characters starts (the look-behind), so a long text without `@` takes linear time.
 */
const ADDRESS =
  /<?(?<![\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-])[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*>?/gu;

/**
 * A phone number or another long number: 8 or more digits in a row, or a number that starts with
 * `+` or `0` and has 8 or more digits with single spaces or hyphens between them (`06-12345678`,
 * `+31 6 1234 5678`). An SMTP status (`550 5.1.1`) or a date (`2026-03-02`) is left alone.
 */
const NUMBER = /(?<![\p{L}\p{N}])(?:\+\d|0)(?:[ -]?\d){7,}(?![\p{L}\p{N}])|\d{8,}/gu;

/**
 * An error text fit to store or log: every e-mail address replaced by `<adres>` and every phone
 * number or other long digit run by `<nummer>`. An SMTP server's refusal often names the recipient
 * (`550 5.1.1 <anna@example.nl>: Recipient address rejected`); what is stored or logged about a
 * message or a failed projection goes through this first.
 */
export function redactPersonal(text: string): string {
  return text.replace(ADDRESS, '<adres>').replace(NUMBER, '<nummer>');
}
