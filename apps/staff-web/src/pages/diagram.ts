/*
 * Mermaid under the app's CSP (`style-src 'self'`), which refuses `style` attributes and `<style>`
 * elements, also in documents made by DOMParser (mermaid's DOMPurify uses one). While mermaid
 * renders, style attributes are set through the CSSOM (which the CSP allows), its `<style>` elements
 * are made in a namespace of their own (so nothing applies them), and text parsed by DOMParser has its
 * styles taken out first: `<style>` text is kept aside, `style="…"` becomes `data-tafel-style="…"`.
 * `mountSvg` then applies both through the CSSOM.
 */

const INERT = 'urn:tafel:inert-style';
const STYLE_ELEMENT = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const STYLE_ATTRIBUTE = /(\s)style=(["'])/gi;

/** The markup with its styles taken out: the `<style>` text goes to `css`. */
export function hideStyles(markup: string, css: string[]): string {
  return markup
    .replace(STYLE_ELEMENT, (_, text: string) => {
      css.push(text);
      return '';
    })
    .replace(STYLE_ATTRIBUTE, '$1data-tafel-style=$2');
}

/** One render at a time: the patches below are global, and React may start a second render early. */
let running: Promise<unknown> = Promise.resolve();

/** Runs `render` (mermaid) without an inline style reaching the CSP; `css` collects its stylesheets. */
export function withoutInlineStyles<T>(render: () => Promise<T>, css: string[]): Promise<T> {
  const run = running.then(() => patched(render, css));
  running = run.catch(() => undefined);
  return run;
}

async function patched<T>(render: () => Promise<T>, css: string[]): Promise<T> {
  const { setAttribute } = Element.prototype;
  const { createElement, createElementNS } = Document.prototype;
  const { parseFromString } = DOMParser.prototype;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = String(value);
      return;
    }
    setAttribute.call(this, name, value);
  };
  Document.prototype.createElementNS = function (
    this: Document,
    ns: string | null,
    name: string,
    options?: unknown,
  ) {
    if (name.toLowerCase() === 'style') return createElementNS.call(this, INERT, 'style');
    return createElementNS.call(this, ns, name, options as ElementCreationOptions);
  } as Document['createElementNS'];
  Document.prototype.createElement = function (
    this: Document,
    name: string,
    options?: ElementCreationOptions,
  ) {
    if (name.toLowerCase() === 'style') return createElementNS.call(this, INERT, 'style');
    return createElement.call(this, name, options);
  } as Document['createElement'];
  // DOMPurify hands over a TrustedHTML where the browser has Trusted Types: its text is the markup.
  DOMParser.prototype.parseFromString = function (
    this: DOMParser,
    text: unknown,
    type: DOMParserSupportedType,
  ) {
    return parseFromString.call(this, hideStyles(String(text), css), type);
  } as DOMParser['parseFromString'];
  try {
    return await render();
  } finally {
    Element.prototype.setAttribute = setAttribute;
    Document.prototype.createElement = createElement;
    Document.prototype.createElementNS = createElementNS;
    DOMParser.prototype.parseFromString = parseFromString;
  }
}

/**
 * Puts mermaid's SVG into `host` with its styles applied through the CSSOM: the stylesheets as one
 * constructed stylesheet, the style attributes as `style.cssText`. Returns what removes the sheet.
 */
export function mountSvg(host: HTMLElement, svg: string, css: string[]): () => void {
  const all = [...css];
  const parsed = new DOMParser().parseFromString(hideStyles(svg, all), 'image/svg+xml').documentElement;
  const node = document.importNode(parsed, true);
  host.replaceChildren(node);
  for (const el of [node, ...node.querySelectorAll('[data-tafel-style]')]) {
    const text = el.getAttribute('data-tafel-style');
    if (text === null) continue;
    el.removeAttribute('data-tafel-style');
    (el as SVGElement).style.cssText = text;
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(all.join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
