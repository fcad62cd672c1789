/**
 * Generates the TypeScript types of every `schemas/<name>.schema.json` into
 * `src/generated/<name>.ts` with json-schema-to-typescript (`npm run gen:types`).
 * The types are never edited by hand; `tools/gen-types.test.ts` fails
 * when a committed file differs from what this script would write.
 *
 * One rule goes beyond the schema: a property with a `default` is required in
 * the generated type, because the loaders fill every default (ajv
 * `useDefaults`), so consumers see the resolved value and never `undefined`.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

/** Repository root (this file lives in `tools/`). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = join(ROOT, 'schemas');
const GENERATED = join(ROOT, 'src', 'generated');

/** The schema files, sorted so the output order never depends on the file system. */
export function schemaFiles(): string[] {
  return readdirSync(SCHEMAS)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => join(SCHEMAS, f));
}

/** `src/generated/<name>.ts` for `schemas/<name>.schema.json`. */
export function generatedPathFor(schemaFile: string): string {
  return join(GENERATED, `${basename(schemaFile, '.schema.json')}.ts`);
}

/**
 * Compiles every schema; returns absolute output path -> file text. Pure and
 * deterministic: same schemas, same bytes (fixed options, no dates, sorted).
 */
export async function generateAll(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of schemaFiles()) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as JSONSchema;
    const rel = relative(ROOT, file).split('\\').join('/');
    const text = await compile(defaultsRequired(schema) as never, basename(file, '.schema.json'), {
      bannerComment: banner(rel),
      cwd: SCHEMAS,
      additionalProperties: false,
      strictIndexSignatures: true,
      unknownAny: true,
      ignoreMinAndMaxItems: true,
      format: true,
    });
    out.set(generatedPathFor(file), wrapComments(text));
  }
  return out;
}

/** Longest line of a generated file: doc-comment lines above it are wrapped at spaces. */
export const MAX_LINE = 160;

/** The text with every doc-comment line (` * ...`) longer than {@link MAX_LINE} wrapped at spaces, indentation kept. */
export function wrapComments(text: string): string {
  return text.split('\n').flatMap((line) => {
    const m = /^(\s*\* )(.*)$/.exec(line);
    if (!m || line.length <= MAX_LINE) return [line];
    const out: string[] = [];
    let cur = '';
    for (const word of m[2].split(' ')) {
      if (cur && m[1].length + cur.length + 1 + word.length > MAX_LINE) {
        out.push(m[1] + cur);
        cur = word;
      } else cur = cur ? `${cur} ${word}` : word;
    }
    out.push(m[1] + cur);
    return out;
  }).join('\n');
}

function banner(rel: string): string {
  return [
    '/* eslint-disable */',
    `/**`,
    ` * generated, do not edit: compiled from ${rel} by tools/gen-types.ts`,
    ` * (run \`npm run gen:types\` after changing the schema).`,
    ` * Properties with a default are required here: loaders fill every default.`,
    ` */`,
  ].join('\n');
}

/**
 * A deep copy of the schema where every object lists its defaulted properties
 * as required (they are always present after loading with ajv useDefaults).
 */
export function defaultsRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(defaultsRequired);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    // `default` and `examples` are data, not schemas: copy them untouched.
    copy[k] = k === 'default' || k === 'examples' || k === 'const' || k === 'enum' ? v : defaultsRequired(v);
  }
  const props = copy.properties as Record<string, Record<string, unknown>> | undefined;
  if (props && typeof props === 'object') {
    const withDefault = Object.keys(props).filter((k) => props[k] && 'default' in props[k]);
    const required = new Set([...((copy.required as string[] | undefined) ?? []), ...withDefault]);
    if (required.size) copy.required = [...required];
  }
  return copy;
}

/** Writes every generated file (temp file + rename, so none is half-written). */
export async function writeAll(): Promise<string[]> {
  const files = await generateAll();
  for (const [path, text] of files) {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  }
  return [...files.keys()].map((p) => relative(ROOT, p));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await writeAll();
  for (const f of written) process.stdout.write(`wrote ${f}\n`);
}
