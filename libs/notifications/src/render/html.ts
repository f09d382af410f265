const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML. Templates pass every value through it. */
export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** The HTML frame around a message body (already escaped HTML). */
export function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em;">
${body}
</body>
</html>
`;
}

/** A list as HTML: each item already escaped HTML. */
export const list = (items: string[]): string =>
  `<ul>\n${items.map((i) => `  <li>${i}</li>`).join('\n')}\n</ul>`;

/** Paragraphs of plain text lines joined for the text part: blank line between paragraphs. */
export const paragraphs = (...parts: (string | false | undefined)[]): string =>
  parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n\n') + '\n';
