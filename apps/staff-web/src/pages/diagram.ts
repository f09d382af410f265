/**
 * Mermaid's SVG as DOM that a strict CSP (`style-src 'self'`) lets through: its `<style>` elements
 * become a constructed stylesheet and its `style` attributes are set through the CSSOM.
 */
export function mountSvg(host: HTMLElement, svg: string): () => void {
  const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  const css = [...parsed.querySelectorAll('style')].map((style) => {
    style.remove();
    return style.textContent ?? '';
  });
  const styled = [...parsed.querySelectorAll<SVGElement>('[style]')].map((el) => {
    const text = el.getAttribute('style') ?? '';
    el.removeAttribute('style');
    return [el, text] as const;
  });
  const rootStyle = parsed.getAttribute('style') ?? '';
  parsed.removeAttribute('style');

  const node = document.importNode(parsed, true) as unknown as SVGSVGElement;
  host.replaceChildren(node);
  node.style.cssText = rootStyle;
  // importNode copied the elements in order; find each again by its path in the tree.
  const all = [...node.querySelectorAll<SVGElement>('*')];
  const originals = [...parsed.querySelectorAll('*')];
  for (const [el, text] of styled) {
    const copy = all[originals.indexOf(el)];
    if (copy) copy.style.cssText = text;
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css.join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
