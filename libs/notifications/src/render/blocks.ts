import { esc, page } from './html';

/** A piece of running text: plain, stressed, or a link (shown as its address in the text part). */
export type Inline = string | { strong: string } | { link: string };

/**
 * One block of a message. A template declares its content once as blocks; the text part and the
 * HTML part (every value escaped) are both rendered from them.
 */
export type Block =
  | { paragraph: Inline[] }
  | { heading: string }
  | { list: string[] }
  /** Lines kept together, one under the other (a signature). */
  | { lines: string[] };

type Maybe<T> = T | false | undefined | null | '';

export const strong = (text: string): Inline => ({ strong: text });
export const link = (url: string): Inline => ({ link: url });
/** A paragraph; its pieces are joined with a space. */
export const p = (...content: Maybe<Inline>[]): Block => ({ paragraph: content.filter(present) });
export const heading = (text: string): Block => ({ heading: text });
export const list = (items: string[]): Block => ({ list: items });
export const lines = (...items: Maybe<string>[]): Block => ({ lines: items.filter(present) });

function present<T>(x: Maybe<T>): x is T {
  return x !== false && x !== undefined && x !== null && x !== '';
}

/** Leaves out what a template marked as absent (`false`, `undefined`). */
export const blocks = (...items: Maybe<Block>[]): Block[] => items.filter(present);

const inlineText = (i: Inline): string => (typeof i === 'string' ? i : 'strong' in i ? i.strong : i.link);

const inlineHtml = (i: Inline): string =>
  typeof i === 'string'
    ? esc(i)
    : 'strong' in i
      ? `<strong>${esc(i.strong)}</strong>`
      : `<a href="${esc(i.link)}">${esc(i.link)}</a>`;

/** The plain-text part: a blank line between blocks; a heading sits right above its block. */
export function toText(body: Block[]): string {
  let out = '';
  for (const [n, b] of body.entries()) {
    if (n > 0) out += 'heading' in body[n - 1] ? '\n' : '\n\n';
    if ('paragraph' in b) out += b.paragraph.map(inlineText).join(' ');
    else if ('heading' in b) out += /[?:.!]$/.test(b.heading) ? b.heading : `${b.heading}:`;
    else if ('list' in b) out += b.list.map((i) => `- ${i}`).join('\n');
    else out += b.lines.join('\n');
  }
  return out + '\n';
}

/** The HTML part: the same blocks, every value escaped, in the page frame. */
export function toHtml(lang: string, title: string, body: Block[]): string {
  const html = body.map((b) => {
    if ('paragraph' in b) return `<p>${b.paragraph.map(inlineHtml).join(' ')}</p>`;
    if ('heading' in b) return `<h2>${esc(b.heading)}</h2>`;
    if ('list' in b) return `<ul>\n${b.list.map((i) => `  <li>${esc(i)}</li>`).join('\n')}\n</ul>`;
    return `<p>${b.lines.map(esc).join('<br>\n')}</p>`;
  });
  return page(lang, title, html.join('\n'));
}
