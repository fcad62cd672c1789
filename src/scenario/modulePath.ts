import { dirname, isAbsolute, resolve } from 'node:path';

/**
 * True when a scenario value names a user module rather than a built-in:
 * a path starting with ./ or ../ and ending in .ts, .js or .mjs (the
 * `modulePath` definition of schemas/scenario.schema.json).
 */
export function isModulePath(value: string): boolean {
  return /^\.\.?\/.+\.(ts|js|mjs)$/.test(value);
}

/** Absolute path of a user module named in a scenario file, resolved against that file's folder. */
export function resolveModulePath(scenarioFile: string, spec: string): string {
  return isAbsolute(spec) ? spec : resolve(dirname(scenarioFile), spec);
}
