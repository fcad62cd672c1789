import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Metrics } from '../generated/metrics.ts';
import { writeFilesAtomically, type OutputFile } from '../output/atomicWrite.ts';
import { compactJson } from './compactJson.ts';
import { buildReportDocument, type Block, type RenderedFigure } from './document.ts';
import { FIGURE_FILE_PATTERN, planFigures } from './figures.ts';
import { renderSvg, type SvgRenderer } from './renderSvg.ts';
import { toHtml } from './toHtml.ts';
import { toMarkdown } from './toMarkdown.ts';
import { METRICS_SCHEMA_FILE, validateMetrics, type MetricsValidationError } from './validateMetrics.ts';
import { pngRenderer, svgToPdf, vegaLiteJson } from './figureFormats.ts';
import { tidyTables } from './tidy/tidyTables.ts';
import { toCsv } from './tidy/toCsv.ts';
import { toParquet } from './tidy/toParquet.ts';

/** Options of writeReport. */
export interface WriteReportOptions {
  /** SVG renderer (default renderSvg: vega-lite -> vega -> SVG, headless). */
  render?: SvgRenderer;
  /** Receives what was left out and why (PNGs where @resvg/resvg-js cannot load). */
  onNote?: (note: string) => void;
  /** Also write each figure as PNG, PDF and Vega-Lite JSON (default true; false writes the SVGs alone, about 1/3 of the rendering time). */
  paperFormats?: boolean;
}

/**
 * Writes the report of one run into `outDir` (reports/<scenario>/):
 * metrics.json (validated against schemas/metrics.schema.json first: an
 * invalid object throws MetricsValidationError with the JSON path, and nothing
 * is written), every figure as SVG, PNG (where @resvg/resvg-js loads), PDF
 * and its Vega-Lite spec (`.vl.json`, data inline, for restyling in Altair),
 * the tidy tables (alignments, events, claims) as CSV and Parquet, report.md
 * and a self-contained report.html, both opening with the claims table. Everything is rendered in memory first
 * and then written through temp files and renames, so a failed render or an
 * interrupted run leaves no half-written or partial report. SVGs of an earlier
 * run that this run no longer draws are removed, and so is the
 * metrics.invalid.json of an earlier run (see writeFlaggedReport). Returns the written paths.
 */
export async function writeReport(metrics: Metrics | unknown, outDir: string, options: WriteReportOptions = {}): Promise<string[]> {
  const json = compactJson(metrics);
  // Validate what is written (NaN has become null there), not the live object.
  const written: unknown = JSON.parse(json);
  validateMetrics(written);
  const figures = await renderFigures(written, options.render ?? renderSvg);
  const blocks = buildReportDocument(written, figures);
  const title = `moe-repro report: ${written.scenario.name}`;
  const files: OutputFile[] = [
    ...(options.paperFormats === false
      ? figures.map((f) => ({ name: f.file, content: f.svg }))
      : await figureFiles(figures, new Date(written.environment.startedAt), options.onNote)),
    ...tidyTables(written).flatMap((t) => [{ name: `${t.name}.csv`, content: toCsv(t) }, { name: `${t.name}.parquet`, content: toParquet(t) }]),
    { name: 'metrics.json', content: json },
    { name: 'report.md', content: toMarkdown(blocks) },
    { name: 'report.html', content: toHtml(blocks, title) },
  ];
  const paths = await writeFilesAtomically(outDir, files);
  await rm(join(outDir, INVALID_METRICS_FILE), { force: true });
  await removeStaleFigures(outDir, new Set(files.map((f) => f.name)));
  return paths;
}

/** File name of the metrics of a run that failed validation (never named metrics.json, so no tool takes them for valid). */
export const INVALID_METRICS_FILE = 'metrics.invalid.json';

/**
 * Writes what a run computed when its metrics failed validation (`error`,
 * from writeReport), so that nothing computed is lost: metrics.invalid.json
 * (the metrics as computed, with a leading `validation` entry naming the
 * schema and every problem) and, as far as they can be drawn from such
 * metrics, the figures, report.md and report.html, each opening with the
 * same warning. A metrics.json of an earlier run in the folder is removed:
 * it does not describe this run. Returns the written paths and whether the
 * report could be rendered (if not, only the metrics file and a report.md
 * holding the warning are written).
 */
export async function writeFlaggedReport(
  metrics: unknown, outDir: string, error: MetricsValidationError, options: WriteReportOptions = {},
): Promise<{ files: string[]; rendered: boolean }> {
  const validation = { valid: false, schema: METRICS_SCHEMA_FILE, problems: error.problems };
  const json = compactJson({ validation, ...(metrics as object) });
  const written = JSON.parse(json) as Metrics;
  const warning: Block[] = [
    { kind: 'heading', level: 1, text: 'These metrics failed validation' },
    {
      kind: 'paragraph',
      text: `The run finished, but its metrics do not match \`${METRICS_SCHEMA_FILE}\` (a bug in moe-repro or in a user module); `
        + `everything computed is kept in \`${INVALID_METRICS_FILE}\`. Problems:`,
    },
    { kind: 'list', items: error.problems },
  ];
  let rendered = true;
  let figures: RenderedFigure[] = [];
  let blocks: Block[];
  try {
    figures = await renderFigures(written, options.render ?? renderSvg);
    blocks = [...warning, ...buildReportDocument(written, figures)];
  } catch (e) {
    rendered = false;
    figures = [];
    blocks = [...warning, { kind: 'paragraph', text: `The report itself could not be drawn from these metrics: ${(e as Error).message.split('\n')[0]}` }];
  }
  const title = `moe-repro report (metrics failed validation): ${written.scenario?.name ?? 'unnamed'}`;
  const files: OutputFile[] = [
    ...figures.map((f) => ({ name: f.file, content: f.svg })),
    { name: INVALID_METRICS_FILE, content: json },
    { name: 'report.md', content: toMarkdown(blocks) },
    ...(rendered ? [{ name: 'report.html', content: toHtml(blocks, title) }] : []),
  ];
  const paths = await writeFilesAtomically(outDir, files);
  await rm(join(outDir, 'metrics.json'), { force: true });
  if (!rendered) await rm(join(outDir, 'report.html'), { force: true });
  await removeStaleFigures(outDir, new Set(figures.map((f) => f.file)));
  return { files: paths, rendered };
}

async function renderFigures(metrics: Metrics, render: SvgRenderer): Promise<RenderedFigure[]> {
  const out: RenderedFigure[] = [];
  for (const plan of planFigures(metrics)) {
    let svg: string;
    try {
      svg = await render(plan.spec);
    } catch (e) {
      throw new Error(`rendering ${plan.file} (${plan.title}) failed: ${(e as Error).message}`, { cause: e });
    }
    if (!svg.startsWith('<svg')) throw new Error(`rendering ${plan.file} did not produce an SVG (starts with '${svg.slice(0, 20)}')`);
    out.push({ ...plan, svg });
  }
  return out;
}

/** Each figure as SVG, PNG (when a renderer loads), PDF and Vega-Lite spec, named after its SVG. */
async function figureFiles(figures: RenderedFigure[], createdAt: Date, onNote?: (note: string) => void): Promise<OutputFile[]> {
  const png = await pngRenderer();
  if (!png.render && figures.length) onNote?.(png.why!);
  const out: OutputFile[] = [];
  for (const f of figures) {
    const stem = f.file.replace(/\.svg$/, '');
    out.push({ name: f.file, content: f.svg }, { name: `${stem}.vl.json`, content: vegaLiteJson(f.spec) });
    try {
      if (png.render) out.push({ name: `${stem}.png`, content: png.render(f.svg) });
      out.push({ name: `${stem}.pdf`, content: await svgToPdf(f.svg, createdAt) });
    } catch (e) {
      throw new Error(`converting ${f.file} (${f.title}) to PNG/PDF failed: ${(e as Error).message}`, { cause: e });
    }
  }
  return out;
}

async function removeStaleFigures(dir: string, keep: Set<string>): Promise<void> {
  const stale = (await readdir(dir)).filter((f) => FIGURE_FILE_PATTERN.test(f) && !keep.has(f));
  await Promise.all(stale.map((f) => rm(join(dir, f), { force: true })));
}
