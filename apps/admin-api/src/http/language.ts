import type { Language } from '@app/workflow';

/** The languages a problem's `detail` comes in; English is the default. */
export const PROBLEM_LANGUAGES = ['en', 'nl'] as const satisfies readonly Language[];

interface Range {
  tag: string;
  q: number;
  index: number;
}

const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/** The ranges of an `Accept-Language` value (RFC 9110 §12.5.4); a range with a malformed weight is left out. */
function rangesOf(header: string): Range[] {
  return header.split(',').flatMap((part, index) => {
    const [tag, ...params] = part.split(';').map((s) => s.trim());
    if (!tag || !/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/i.test(tag)) return [];
    let q = 1;
    for (const param of params) {
      const weight = QUALITY.exec(param);
      if (weight) q = Number(weight[1]);
      else if (/^q=/i.test(param)) return [];
    }
    return [{ tag: tag.toLowerCase(), q, index }];
  });
}

/**
 * How much the ranges want `language`: the weight of the most specific range that matches it (`nl`
 * and `nl-NL` both match Dutch; `*` matches anything, with less weight in a tie), or none.
 */
function preference(ranges: Range[], language: string) {
  const matching = ranges
    .filter((r) => r.tag === '*' || r.tag === language || r.tag.startsWith(`${language}-`))
    .map((r) => ({ ...r, specific: r.tag === '*' ? 0 : r.tag === language ? 2 : 1 }))
    .sort((a, b) => b.specific - a.specific || a.index - b.index);
  return matching[0];
}

/**
 * The language of a problem's `detail` for this `Accept-Language` header: the one of `en` and `nl`
 * with the higher weight; on equal weights the one named explicitly (not by `*`), then the one named
 * first; English when the header is missing, names neither, or refuses both (`q=0`).
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return 'en';
  const ranges = rangesOf(value);
  const candidates = PROBLEM_LANGUAGES.flatMap((language) => {
    const p = preference(ranges, language);
    return p && p.q > 0 ? [{ language, ...p }] : [];
  }).sort((a, b) => b.q - a.q || b.specific - a.specific || a.index - b.index);
  return candidates[0]?.language ?? 'en';
}
