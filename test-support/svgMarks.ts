/**
 * What a vega SVG drew for one named vega-lite unit (`name` in the spec):
 * vega writes each mark as `<g class="mark-TYPE role-mark NAME_marks">`
 * holding one `<path>`/`<text>` per item; a line mark with a `detail` field
 * writes one such group per curve. For tests of the plots.
 */
export function markItems(svg: string, name: string): { groups: number; items: number } {
  const open = new RegExp(`<g class="mark-\\w+ role-mark ${name}_marks"`, 'g');
  let groups = 0;
  let items = 0;
  for (const m of svg.matchAll(open)) {
    const end = svg.indexOf('</g>', m.index);
    const body = svg.slice(m.index + m[0].length, end);
    groups += 1;
    items += (body.match(/<(path|text)\b/g) ?? []).length;
  }
  return { groups, items };
}

/** Number of vertices of an SVG path `d` made of M/L commands (as vega writes lines). */
export function pathVertices(d: string): number {
  return (d.match(/[ML]/g) ?? []).length;
}
