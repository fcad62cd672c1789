import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

/** Pixels per SVG unit of the PNG figures (2: sharp in a paper or on a high-density screen). */
export const PNG_SCALE = 2;

/** Renders an SVG to PNG bytes; null when no renderer is installed here (see pngRenderer). */
export type PngRenderer = (svg: string) => Uint8Array;

let png: Promise<{ render: PngRenderer | null; why?: string }> | undefined;

/**
 * The PNG renderer, @resvg/resvg-js (Rust resvg, shipped as prebuilt binaries
 * in npm packages per platform), loaded on first use. It is an optional
 * dependency: where its binary does not install or load, PNGs are left out
 * (with the reason) and everything else is written. Text uses the system's
 * fonts (generic sans-serif), so a machine without any font draws no text.
 */
export function pngRenderer(): Promise<{ render: PngRenderer | null; why?: string }> {
  png ??= import('@resvg/resvg-js').then(
    ({ Resvg }) => ({
      render: (svg: string) => new Resvg(svg, { fitTo: { mode: 'zoom', value: PNG_SCALE }, font: { loadSystemFonts: true } }).render().asPng(),
    }),
    (e: Error) => ({ render: null, why: `@resvg/resvg-js is not available here (${e.message.split('\n')[0]}); PNG figures were not written` }),
  );
  return png;
}

/**
 * Characters our figures use that the standard PDF fonts (WinAnsi) lack,
 * with plain replacements: vega writes negative tick labels with U+2212,
 * which would otherwise be dropped and turn -0.2 into 0.2.
 */
const PDF_TEXT: Record<string, string> = {
  '\u2212': '-', '\u27e8': '&lt;', '\u27e9': '&gt;', '\u2190': '&lt;-', '\u2192': '-&gt;',
  '\u221a': 'sqrt', '\u221d': '~', '\u2264': '&lt;=', '\u2265': '&gt;=',
};

/**
 * An SVG as a one-page vector PDF the size of the figure (pdfkit and
 * svg-to-pdfkit, pure JavaScript), text in Helvetica. `createdAt` is the
 * PDF's creation date (the run's start), so the same run gives the same bytes.
 * Any warning of the SVG reader (a tag it cannot parse, a path it cannot
 * draw) is an error: a PDF with a part silently missing is worse than none.
 */
export function svgToPdf(svg: string, createdAt: Date): Promise<Uint8Array> {
  const size = (name: string) => Number(new RegExp(`<svg[^>]*\\s${name}="([\\d.]+)"`).exec(svg)?.[1] ?? NaN);
  const [width, height] = [size('width'), size('height')];
  if (!(width > 0 && height > 0)) return Promise.reject(new Error('the SVG has no width and height'));
  const text = svg.replace(/[\u2190-\u27ff]/g, (c) => PDF_TEXT[c] ?? '?');
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { CreationDate: createdAt, Producer: 'moe-repro', Creator: 'moe-repro' } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const warnings: string[] = [];
  return new Promise((done, fail) => {
    doc.on('end', () => {
      if (warnings.length) fail(new Error(`the SVG to PDF conversion warned: ${warnings.slice(0, 3).join('; ')}`));
      else done(new Uint8Array(Buffer.concat(chunks)));
    });
    doc.on('error', fail);
    SVGtoPDF(doc, text, 0, 0, { assumePt: true, warningCallback: (w: string) => warnings.push(w) });
    doc.end();
  });
}

/**
 * A figure's Vega-Lite spec as JSON to restyle elsewhere (Altair, the Vega
 * editor): the same spec the SVG was drawn from, with each inline data set
 * moved once to the top-level `datasets` and named by reference (panels that
 * share data, e.g. router and expert alignment, then store it once), without
 * indentation (the data of an m = 25 run is tens of thousands of rows).
 */
export function vegaLiteJson(spec: object): string {
  const datasets: Record<string, unknown[]> = {};
  const names = new Map<string, string>();
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      const values = k === 'data' && x !== null && typeof x === 'object' ? (x as { values?: unknown }).values : undefined;
      if (Array.isArray(values) && Object.keys(x as object).length === 1) {
        const key = JSON.stringify(values);
        let name = names.get(key);
        if (!name) {
          name = `data-${names.size + 1}`;
          names.set(key, name);
          datasets[name] = values;
        }
        out[k] = { name };
      } else out[k] = walk(x);
    }
    return out;
  };
  const body = walk(spec) as Record<string, unknown>;
  return `${JSON.stringify(names.size ? { ...body, datasets: { ...(body.datasets as object), ...datasets } } : body)}\n`;
}
