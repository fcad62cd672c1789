import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { DataPath, Problem } from './problems.ts';
import { formatPath } from './problems.ts';

/** A parsed YAML (or JSON) text that can map data paths back to line:column. */
export interface YamlSource {
  readonly doc: Document;
  readonly lines: LineCounter;
  /** Syntax errors and warnings, located, in file order. */
  readonly syntaxProblems: Problem[];
}

/**
 * Parses YAML 1.2 text (JSON is YAML too) keeping node ranges. Duplicate keys,
 * several documents and bad indentation are syntax problems.
 */
export function parseYamlSource(text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const syntaxProblems = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = e.linePos?.[0];
    const duplicate = e.code === 'DUPLICATE_KEY';
    return {
      path: '(syntax)',
      message: duplicate
        ? 'this key appears twice in the same mapping'
        : firstLine(e.message).replace(/ at line \d+, column \d+:?$/, ''),
      hint: duplicate ? 'keep one of them' : 'fix the syntax here (indentation, a missing ":", "]" or "}")',
      line: pos?.line,
      column: pos?.col,
    } satisfies Problem;
  });
  return { doc, lines, syntaxProblems };
}

/**
 * 1-based line and column of the value at `path` (or of its key when
 * `part` is 'key'); falls back to the deepest ancestor that exists in the
 * text (a field filled by a default has no position of its own).
 */
export function positionOf(src: YamlSource, path: DataPath, part: 'key' | 'value' = 'value'): { line: number; column: number } {
  let node: unknown = src.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(src.doc);
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      const last = i === path.length - 1;
      if (last && part === 'key') {
        offset = keyStart ?? offset;
        break;
      }
      node = pair.value;
      offset = rangeStart(node) ?? keyStart ?? offset;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  const { line, col } = src.lines.linePos(offset);
  return { line, column: col };
}

/** A problem at `path`, positioned in the source. */
export function locatedProblem(
  src: YamlSource | undefined,
  path: DataPath,
  message: string,
  hint?: string,
  part: 'key' | 'value' = 'value',
  at: DataPath = path,
): Problem {
  const pos = src ? positionOf(src, at, part) : undefined;
  return { path: formatPath(path), message, hint, line: pos?.line, column: pos?.column };
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? r[0] : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
