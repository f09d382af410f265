import { createHash } from 'node:crypto';
import type { Answer, ConferenceKind, Language } from '@app/workflow';
import { esc } from '@app/notifications';
import { ANSWER_PAGE_TEXTS, type PageError } from './answer-page.texts';

/** Text made safe for HTML content and quoted attributes (the mail's own): every value on a page passes through it. */
export { esc };

/**
 * The pages' one style sheet, inline (the pages load nothing). Dark text on white and white on dark
 * green/blue: contrast far above WCAG AA; large buttons, a visible focus ring, one column on a phone.
 */
const STYLE = [
  'body{margin:0;background:#fff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:1.125rem;line-height:1.5}',
  'main{max-width:38rem;margin:0 auto;padding:1rem}',
  'h1{font-size:1.6rem;line-height:1.25;margin:0.5rem 0 1rem}',
  'h2{font-size:1.25rem;margin:1.5rem 0 0.5rem}',
  'ul{padding-left:1.25rem}',
  '.saved{border-left:0.4rem solid #1b5e20;background:#e8f5e9;padding:0.75rem}',
  '.buttons{display:flex;flex-wrap:wrap;gap:0.75rem;margin:1rem 0}',
  'button{font:inherit;font-weight:bold;min-height:3rem;padding:0.6rem 1.25rem;border:0.15rem solid #1a1a1a;border-radius:0.4rem;cursor:pointer;flex:1 1 12rem}',
  'button.accept{background:#1b5e20;color:#fff;border-color:#1b5e20}',
  'button.decline{background:#fff;color:#1a1a1a}',
  'button:focus-visible,a:focus-visible{outline:0.2rem solid #0b4f9c;outline-offset:0.2rem}',
  'a{color:#0b4f9c}',
].join('\n');

/** The Content-Security-Policy of every answer page: nothing loads, the inline style by its hash only. */
export const ANSWER_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** What the question page shows: the participant's own case, nothing about anyone else. */
export interface QuestionPageView {
  language: Language;
  kind: ConferenceKind;
  questions: string[];
  /** Written out already (date and time in Europe/Amsterdam), when a date is set. */
  conference?: { when: string; location: string };
  answer?: Answer;
  /** Right after an answer was given: say it was saved. */
  saved?: boolean;
}

/** The page a participant's link opens: the questions, date and place, their answer, two buttons. */
export function renderQuestionPage(view: QuestionPageView): string {
  const t = ANSWER_PAGE_TEXTS[view.language];
  const title = t.title(view.kind);
  const parts = [`<h1>${esc(title)}</h1>`];
  if (view.saved) parts.push(`<p class="saved" role="status">${esc(t.saved)}</p>`);
  parts.push(`<p>${esc(t.intro(view.kind))}</p>`);
  if (view.questions.length) {
    parts.push(
      `<h2>${esc(t.questionsHeading)}</h2>`,
      `<ul>\n${view.questions.map((q) => `<li>${esc(q)}</li>`).join('\n')}\n</ul>`,
    );
  }
  parts.push(`<h2>${esc(t.whenHeading)}</h2>`);
  parts.push(
    view.conference
      ? `<p>${esc(t.when(view.conference.when))}<br>\n${esc(t.where(view.conference.location))}</p>`
      : `<p>${esc(t.notScheduled)}</p>`,
  );
  parts.push(
    `<h2 id="answer-heading">${esc(t.answerHeading)}</h2>`,
    `<p>${esc(t.current[view.answer ?? 'none'])}</p>`,
    `<form method="post" aria-labelledby="answer-heading">`,
    `<div class="buttons">`,
    `<button type="submit" name="answer" value="accepted" class="accept">${esc(t.buttons.accepted)}</button>`,
    `<button type="submit" name="answer" value="declined" class="decline">${esc(t.buttons.declined)}</button>`,
    `</div>`,
    `</form>`,
    `<p>${esc(t.change)}</p>`,
    `<p>${esc(t.contact)}</p>`,
  );
  return page(view.language, title, parts.join('\n'));
}

/** A short page for a refused or failed request, in the participant's language: no case data at all. */
export function renderErrorPage(status: PageError, language: Language): string {
  const t = ANSWER_PAGE_TEXTS[language];
  const { title, lines } = t.errors[status];
  const body = [`<h1>${esc(title)}</h1>`, ...lines.map((line) => `<p>${esc(line)}</p>`)];
  // The page's own address (the link, as opened) asks the question again.
  if (status === 400 || status === 403) body.push(`<p><a href="">${esc(t.back)}</a></p>`);
  return page(language, title, body.join('\n'));
}
