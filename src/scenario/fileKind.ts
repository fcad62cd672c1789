import { parseYamlSource } from './yamlSource.ts';

/** What an input file holds: a scenario or a parameter file. */
export type FileKind = 'scenario' | 'params';

/**
 * Tells a parameter file from a scenario by content: a `$schema` naming
 * params.schema.json, or a teacher/student whose routers or experts are
 * lists of rows (in a scenario `experts` is a count). Anything else,
 * including unparseable text, is treated as a scenario (whose loader then
 * reports the syntax errors).
 */
export function fileKind(text: string): FileKind {
  return looksLikeParams(parseLoosely(text)) ? 'params' : 'scenario';
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYamlSource(text).doc.toJS();
    } catch {
      return undefined;
    }
  }
}

/** The content test of fileKind, on parsed data. */
export function looksLikeParams(data: unknown): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const o = data as Record<string, unknown>;
  if (typeof o.$schema === 'string') return o.$schema.includes('params.schema');
  return ['teacher', 'student'].some((k) => {
    const moe = o[k] as Record<string, unknown> | null | undefined;
    return typeof moe === 'object' && moe !== null && (Array.isArray(moe.routers) || Array.isArray(moe.experts));
  });
}
