import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { canonicalSvgIds } from './scopeSvgIds.ts';

/**
 * Renders a vega-lite spec to an SVG string in Node (no browser, no canvas):
 * vega-lite compiles it to vega, a headless vega View renders it. Text sizes
 * are estimated, which is fine for axis labels and titles. Data must be
 * inline (`data.values`): nothing is ever fetched. Ids are renumbered in
 * order of appearance, so the same spec always gives the same bytes.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return canonicalSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** Signature of an SVG renderer (renderSvg, or a stand-in in tests). */
export type SvgRenderer = (spec: TopLevelSpec) => Promise<string>;
