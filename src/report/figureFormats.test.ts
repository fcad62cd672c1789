import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { renderSvg } from './renderSvg.ts';
import { pngRenderer, PNG_SCALE, svgToPdf, vegaLiteJson } from './figureFormats.ts';
import { planFigures } from './figures.ts';
import { syntheticMetrics, syntheticPoint } from '../../test-support/synthetic/syntheticMetrics.ts';

const plans = planFigures(syntheticMetrics([syntheticPoint({ m: 3, mStar: 2, records: 20 })]));

/** The decompressed content streams of a PDF (pdfkit deflates them). */
function contentStreams(pdf: Uint8Array): string {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    try {
      return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      return '';
    }
  }).join('\n');
}

describe('figure formats', () => {
  it('converts every figure to a one-page PDF of the SVG size without a warning, the same bytes twice', async () => {
    for (const p of plans) {
      const svg = await renderSvg(p.spec);
      const at = new Date('2026-01-02T03:04:05Z');
      const pdf = await svgToPdf(svg, at);
      expect(Buffer.from(await svgToPdf(svg, at)).equals(Buffer.from(pdf))).toBe(true);
      const text = Buffer.from(pdf).toString('latin1');
      expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
      const [w, h] = [/width="([\d.]+)"/, /height="([\d.]+)"/].map((r) => Number(r.exec(svg)![1]));
      expect(text).toMatch(new RegExp(`/MediaBox \\[0 0 ${w} ${h}\\]`));
      expect(contentStreams(pdf)).toMatch(/\b(re|l|c)\b/);
    }
  });

  it('writes each Vega-Lite spec with its data sets stored once, rendering to the same SVG', async () => {
    for (const p of plans) {
      const json = JSON.parse(vegaLiteJson(p.spec));
      const inline = JSON.stringify(p.spec).match(/"values":/g)?.length ?? 0;
      expect(JSON.stringify(json)).not.toMatch(/"values":/);
      expect(Object.keys(json.datasets ?? {}).length).toBeLessThanOrEqual(inline);
      expect(await renderSvg(json)).toBe(await renderSvg(p.spec));
    }
  });

  it('refuses an SVG the PDF writer cannot read instead of writing a PDF with parts missing', async () => {
    await expect(svgToPdf('<svg width="10" height="10"><text>a < b</text></svg>', new Date(0))).rejects.toThrow(/warned: parseXml/);
  });

  it('renders PNGs at twice the SVG size where @resvg/resvg-js loads', async () => {
    const { render, why } = await pngRenderer();
    if (!render) return expect(why).toMatch(/resvg/);
    const svg = await renderSvg(plans[0].spec);
    const png = Buffer.from(render(svg));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const [w, h] = [/width="([\d.]+)"/, /height="([\d.]+)"/].map((r) => Number(r.exec(svg)![1]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Math.ceil(w * PNG_SCALE), Math.ceil(h * PNG_SCALE)]);
  });
});
