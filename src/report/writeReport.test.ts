import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.ts';
import { renderSvg } from './renderSvg.ts';
import { syntheticMetrics, syntheticPoint } from '../../test-support/synthetic/syntheticMetrics.ts';
import { markItems } from '../../test-support/svgMarks.ts';
import { ALIGNMENT_MARKS } from './plots/alignmentCurves.ts';
import { MetricsValidationError } from './validateMetrics.ts';
import { writeReport } from './writeReport.ts';

const root = mkdtempSync(join(tmpdir(), 'moe-report-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `out-${n++}`);
const small = () => syntheticMetrics([syntheticPoint({ m: 3, mStar: 2, records: 40 })]);
/** For tests about the text, HTML and SVGs: the other figure formats are checked by the first, the same-bytes and the stale-figure tests. */
const SVG_ONLY = { paperFormats: false };

describe('writeReport', () => {
  it('writes metrics.json, report.md, report.html, each figure as SVG, PNG, PDF and Vega-Lite spec, the tidy tables, and no temp file', async () => {
    const dir = fresh();
    const paths = await writeReport(small(), dir);
    const names = readdirSync(dir).sort();
    const figures = ['alignment', 'loss', 'predicted-vs-measured', 'pruning-heatmaps'].flatMap((f) => ['svg', 'png', 'pdf', 'vl.json'].map((x) => `${f}.${x}`));
    const tables = ['alignments', 'events', 'claims'].flatMap((t) => [`${t}.csv`, `${t}.parquet`]);
    expect(names).toEqual([...figures, ...tables, 'metrics.json', 'report.html', 'report.md'].sort());
    for (const f of names.filter((x) => x.endsWith('.png'))) expect(readFileSync(join(dir, f)).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    for (const f of names.filter((x) => x.endsWith('.pdf'))) expect(readFileSync(join(dir, f), 'latin1')).toMatch(/^%PDF-1\.\d[\s\S]*%%EOF\s*$/);
    for (const f of names.filter((x) => x.endsWith('.vl.json'))) expect(JSON.parse(readFileSync(join(dir, f), 'utf8')).$schema).toMatch(/vega-lite/);
    expect(paths.map((p) => p.slice(dir.length + 1)).sort()).toEqual(names);
    expect(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(small())));
    for (const f of names.filter((x) => x.endsWith('.svg'))) expect(readFileSync(join(dir, f), 'utf8').startsWith('<svg')).toBe(true);
    const svg = readFileSync(join(dir, 'alignment.svg'), 'utf8');
    const curves = (['router', 'expert'] as const).map((k) => markItems(svg, ALIGNMENT_MARKS[k].matched).items + markItems(svg, ALIGNMENT_MARKS[k].others).items);
    expect(curves).toEqual([6, 6]);
  });

  it('makes a self-contained HTML that opens with the claims table', async () => {
    const dir = fresh();
    await writeReport(small(), dir, SVG_ONLY);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    const body = html.slice(html.indexOf('<body>') + 6).trimStart();
    expect(body).toMatch(/^<h1>[^<]*<\/h1>\s*<table class="claims">/);
    const claims = body.slice(0, body.indexOf('</table>'));
    for (const id of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6']) expect(claims).toContain(`<td>${id}</td>`);
    expect(claims).toContain('<th>evidence</th>');
    expect((html.match(/<svg\b/g) ?? []).length).toBe(4);
  });

  it('keeps the ids of several inlined SVGs apart (each heatmap has a legend gradient)', async () => {
    const dir = fresh();
    const sweep = syntheticMetrics([100, 400].map((d) => syntheticPoint({ d, id: `d=${d}`, records: 20 })), ['teacher.d']);
    await writeReport(sweep, dir, SVG_ONLY);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const gradients = [...html.matchAll(/<linearGradient id="([^"]+)"/g)].map((m) => m[1]);
    expect(gradients.length).toBe(2);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of gradients) expect(html).toContain(`url(#${g})`);
  });

  it('opens report.md with the claims table and links the SVGs', async () => {
    const dir = fresh();
    await writeReport(small(), dir, SVG_ONLY);
    const md = readFileSync(join(dir, 'report.md'), 'utf8').split('\n');
    expect(md[0]).toBe('# moe-repro report: synthetic');
    expect(md[2]).toBe('| id | claim | kind | verdict | evidence |');
    expect(md.slice(4, 10).map((l) => l.split(' | ')[0])).toEqual(['| C1', '| C2', '| C3', '| C4', '| C5', '| C6']);
    for (const f of ['predicted-vs-measured.svg', 'alignment.svg', 'loss.svg', 'pruning-heatmaps.svg']) expect(md.join('\n')).toContain(`](${f})`);
    expect(md.join('\n')).toContain('## How to read this report');
  });

  it('puts the numbers of the metrics in the text', async () => {
    const m = small();
    const dir = fresh();
    await writeReport(m, dir, SVG_ONLY);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain(`Seed: ${m.seed}`);
    expect(md).toContain(m.claims[0].evidence.replace(/[*_]/g, (c) => `\\${c}`));
    expect(md).toContain(`kept s0, s1, removed 1`);
    expect(md).toContain('Backend: none (float64 exact engine)');
  });

  it('describes an online-SGD stage and its reference flow, and over a sweep fits ln(samples to the first escape) on ln d', async () => {
    // SGD stages at d = 100 and 400 whose first expert events (made up) come after 12.5 and 25 flow-time units
    // at lr 0.01 and 0.0025, batch 64: 1250 x 64 and 10000 x 64 samples, so ln n rises by ln 8 over ln 4: slope 1.5.
    const withSgd = (d: number, lr: number, escape: number) => {
      const p = syntheticPoint({ d, m: 3, mStar: 2, records: 30, id: `d=${d}` });
      const fl = p.featureLearning;
      fl.events = [{ teacher: 0, student: 0, kind: 'expert', threshold: 0.9, t: escape }, ...fl.events.filter((e) => e.kind === 'router')];
      fl.sgd = { learningRate: lr, batch: 64, space: 'span', samples: 123456 };
      fl.steps = 2000;
      fl.reference = { ...structuredClone(fl), recoveryTime: 7.5 };
      delete fl.reference.sgd;
      return p;
    };
    const one = syntheticMetrics([withSgd(100, 0.01, 12.5)]);
    const dir = fresh();
    await writeReport(one, dir);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain(
      'Online SGD in the span of the directions (exact in distribution, float64): learning rate 0.01, batch 64, 2000 steps, 1.23e5 samples; ' +
        'first escape at t = 12.5 after 80000 samples.',
    );
    expect(md).toContain('all teachers recovered at T = 7.5');
    expect(md).toContain('Dashed curves: the exact gradient flow from the same initialisation');
    const svg = readFileSync(join(dir, 'alignment.svg'), 'utf8');
    expect(markItems(svg, ALIGNMENT_MARKS.expert.reference).items).toBe(2);
    const sweep = syntheticMetrics([withSgd(100, 0.01, 12.5), withSgd(400, 0.0025, 25)], ['d']);
    const dir2 = fresh();
    await writeReport(sweep, dir2);
    const md2 = readFileSync(join(dir2, 'report.md'), 'utf8');
    expect(md2).toContain('| lr | first escape t | samples to it | flow: first escape t | flow: T |');
    expect(md2).toContain('ln(samples) = ');
    expect(md2).toMatch(/\+ 1\.5 ln d \(r² 1\)/);
  });

  it('gives the same bytes for the same metrics', async () => {
    const [a, b] = [fresh(), fresh()];
    await writeReport(small(), a);
    await writeReport(small(), b);
    const differ = readdirSync(a).filter((f) => readFileSync(join(b, f), 'utf8') !== readFileSync(join(a, f), 'utf8'));
    expect(differ).toEqual([]);
  });

  it('writes nothing when a plot fails to render, and leaves no temp file', async () => {
    const dir = fresh();
    let calls = 0;
    const failing = async (spec: Parameters<typeof renderSvg>[0]) => {
      if (++calls === 3) throw new Error('boom');
      return renderSvg(spec);
    };
    await expect(writeReport(small(), dir, { render: failing })).rejects.toThrow(/rendering loss.svg .* failed: boom/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('keeps the previous report whole when a new render fails', async () => {
    const dir = fresh();
    await writeReport(small(), dir, SVG_ONLY);
    const before = readFileSync(join(dir, 'report.html'), 'utf8');
    const changed = small();
    changed.seed = 99;
    await expect(writeReport(changed, dir, { render: async () => 'not svg' })).rejects.toThrow(/did not produce an SVG/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('rejects invalid metrics with the path before writing anything', async () => {
    const dir = fresh();
    const m = small() as unknown as { points: { d: unknown }[] };
    m.points[0].d = 'many';
    const err = await writeReport(m, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetricsValidationError);
    expect((err as MetricsValidationError).path).toBe('/points/0/d');
    expect(existsSync(dir)).toBe(false);
  });

  it('turns NaN into null and so rejects it', async () => {
    const m = small();
    m.points[0].pruning!.lossAfter = NaN;
    await expect(writeReport(m, fresh())).rejects.toThrow(/\/points\/0\/pruning\/lossAfter: must be number/);
  });

  it('reports an output folder that cannot be created as an InputError naming it', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const err = await writeReport(small(), join(file, 'report'), SVG_ONLY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where).toBe(join(file, 'report'));
    expect((err as Error).message).toContain(`is inside '${file}', which is a file, not a folder`);
  });

  it('removes figures of an earlier run that this run does not draw', async () => {
    const dir = fresh();
    const sweep = syntheticMetrics([100, 400].map((d) => syntheticPoint({ d, id: `d=${d}`, records: 20 })), ['teacher.d']);
    await writeReport(sweep, dir);
    expect(readdirSync(dir)).toContain('recovery-time-vs-d.svg');
    writeFileSync(join(dir, 'notes.svg'), '<svg/>');
    await writeReport(small(), dir);
    expect(readdirSync(dir).filter((f) => f.endsWith('.svg')).sort()).toEqual(['alignment.svg', 'loss.svg', 'notes.svg', 'predicted-vs-measured.svg', 'pruning-heatmaps.svg']);
    expect(readdirSync(dir).filter((f) => f.startsWith('recovery-time-vs-d'))).toEqual([]);
  });
});
