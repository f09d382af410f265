import { createHash } from 'node:crypto';
import { ANSWER_PAGE_CSP, esc, renderErrorPage, renderQuestionPage } from './answer-page.render';
import { ANSWER_PAGE_TEXTS, PAGE_ERRORS } from './answer-page.texts';
import { isCrossSite } from './cross-site';

const HOSTILE = `<script>alert("x")</script>&'"`;

describe('answer page rendering', () => {
  it('escapes every value it is given: questions, date and place', () => {
    const html = renderQuestionPage({
      language: 'nl',
      kind: 'family',
      questions: [HOSTILE, 'Wie haalt <b>Noor</b> op?'],
      conference: { when: `maandag ${HOSTILE}`, location: `Buurthuis ${HOSTILE}` },
      answer: 'declined',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&quot;');
    expect(html).toContain('Wie haalt &lt;b&gt;Noor&lt;/b&gt; op?');
    expect(html).toContain('Plaats: Buurthuis &lt;script&gt;');
    expect(html).toContain('U heeft laten weten dat u niet komt.');
    expect(html).toContain('Komt u naar de familieconferentie?');
  });

  it('escapes the five characters that matter', () => {
    expect(esc(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('has one h1, a language, a viewport, two labelled buttons and no script', () => {
    const html = renderQuestionPage({ language: 'en', kind: 'group', questions: ['Q'] });
    expect(html).toContain('<html lang="en">');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('>Yes, I will come</button>');
    expect(html).toContain('>No, I will not come</button>');
    expect(html).toContain('The coordinator will let you know the date and the place.');
    expect(html).not.toMatch(/<script|\son\w+=|\sstyle="/i);
  });

  it('allows exactly its own inline style by hash', () => {
    const html = renderQuestionPage({ language: 'nl', kind: 'group', questions: [] });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = createHash('sha256').update(style).digest('base64');
    expect(ANSWER_PAGE_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(ANSWER_PAGE_CSP).not.toContain('unsafe-inline');
  });

  it('has a short page for every error, in both languages, without a form', () => {
    for (const language of ['nl', 'en'] as const) {
      for (const status of PAGE_ERRORS) {
        const html = renderErrorPage(status, language);
        expect(html).toContain(`<html lang="${language}">`);
        expect(html).toContain(`<h1>${esc(ANSWER_PAGE_TEXTS[language].errors[status].title)}</h1>`);
        expect(html).not.toContain('<form');
      }
    }
  });
});

describe('cross-site form posts', () => {
  const PUBLIC = 'https://tafel.example.nl/base';
  it('follows Sec-Fetch-Site when the browser sends it', () => {
    expect(isCrossSite({ 'sec-fetch-site': 'same-origin' }, PUBLIC)).toBe(false);
    expect(isCrossSite({ 'sec-fetch-site': 'none' }, PUBLIC)).toBe(false);
    expect(isCrossSite({ 'sec-fetch-site': 'same-site' }, PUBLIC)).toBe(true);
    expect(isCrossSite({ 'sec-fetch-site': 'cross-site', origin: 'https://tafel.example.nl' }, PUBLIC)).toBe(
      true,
    );
  });

  it('else compares Origin with the public URL or the request host', () => {
    expect(isCrossSite({ origin: 'https://tafel.example.nl' }, PUBLIC)).toBe(false);
    expect(isCrossSite({ origin: 'http://10.0.0.5:3000', host: '10.0.0.5:3000' }, PUBLIC)).toBe(false);
    expect(isCrossSite({ origin: 'https://evil.example', host: 'tafel.example.nl' }, PUBLIC)).toBe(true);
    expect(isCrossSite({ origin: 'null' }, PUBLIC)).toBe(true);
    expect(isCrossSite({}, PUBLIC)).toBe(false);
  });
});
