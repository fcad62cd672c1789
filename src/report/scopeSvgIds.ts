/**
 * Rewrites every id defined in an SVG (`id="x"`) and every reference to it
 * (`url(#x)`, `href="#x"`, `xlink:href="#x"`) through `rename`. References to
 * ids the SVG does not define are left alone.
 */
export function renameSvgIds(svg: string, rename: (id: string, index: number) => string): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!map.has(m[1])) map.set(m[1], rename(m[1], map.size));
  const to = (id: string) => map.get(id) ?? id;
  return svg
    .replace(/(\sid)="([^"]+)"/g, (_, attr: string, id: string) => `${attr}="${to(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${to(id)})`)
    .replace(/(\s(?:xlink:)?href)="#([^"]+)"/g, (_, attr: string, id: string) => `${attr}="#${to(id)}"`);
}

/**
 * Makes the ids inside one SVG unique within an HTML page by prefixing them
 * (`id="x"` -> `id="p-x"`, and every reference). Vega names gradients and
 * clip paths `gradient_0`, `clip1`, ... in every SVG, so two inlined plots
 * would otherwise paint with each other's legend gradient. `prefix` must be
 * a valid id start (letters, digits, '-', '_').
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  return renameSvgIds(svg, (id) => `${prefix}-${id}`);
}

/**
 * Renames the ids of an SVG to `id0`, `id1`, ... in order of appearance.
 * Vega numbers gradients with a process-wide counter, so the same plot
 * rendered twice in one process would otherwise differ in its ids; with
 * this, the same metrics always give byte-identical SVGs (reference reports
 * diff cleanly).
 */
export function canonicalSvgIds(svg: string): string {
  return renameSvgIds(svg, (_, k) => `id${k}`);
}
