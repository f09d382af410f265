import { negotiateLanguage } from './language';

describe('negotiateLanguage (Accept-Language, RFC 9110)', () => {
  it.each([
    ['nl', 'nl'],
    ['NL', 'nl'],
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['nl;q=0.9, en;q=0.8', 'nl'],
    ['en;q=0.8, nl;q=0.9', 'nl'],
    ['fr, nl;q=0.5', 'nl'],
    ['de-DE, de;q=0.9, nl-NL;q=0.8, en;q=0.7', 'nl'],
    ['nl, en', 'nl'],
    ['en;q=0, *', 'nl'],
    ['en, nl', 'en'],
    ['nl;q=0.5, en', 'en'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['*', 'en'],
    ['*, nl;q=0.4', 'en'],
    ['nl;q=0', 'en'],
    ['nl;q=0, en;q=0', 'en'],
    ['fr, de', 'en'],
    ['', 'en'],
    ['nld', 'en'],
    ['nl;q=2', 'en'],
    ['nl;q=abc, en;q=0.1', 'en'],
    [';;;,,,', 'en'],
  ])('%j → %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });

  it('answers English when the header is missing', () => {
    expect(negotiateLanguage(undefined)).toBe('en');
  });

  it('reads a header given twice as one list', () => {
    expect(negotiateLanguage(['en;q=0.1', 'nl'])).toBe('nl');
  });

  it('weighs a language by its own range rather than by *', () => {
    expect(negotiateLanguage('nl;q=0.2, *;q=0.9')).toBe('en');
    expect(negotiateLanguage('nl;q=0.9, *;q=0.2')).toBe('nl');
  });
});
