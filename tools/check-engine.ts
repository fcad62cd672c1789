/**
 * `npm run check-engine -- ./path/to/engine.ts`: the theory check of a
 * user's training engine (a module exporting a TrainingEngine as `engine` or
 * `default`, like scenarios/examples/momentum-engine.ts). Runs the claim
 * properties (properties/claims.prop.test.ts) with the engine doing feature
 * learning, in their measured regimes, and writes a JUnit report
 * (reports/junit.xml) for CI systems. Exit code: vitest's (0 = every claim
 * held), 2 for an engine that cannot be loaded.
 *
 * Options after the path: --deep (the deep tier: the whole regimes, more
 * runs), --junit FILE (default reports/junit.xml).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../src/core/errors.ts';
import { resolveEngine } from '../src/pipeline/resolve.ts';

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--junit');
const junit = args.includes('--junit') ? args[args.indexOf('--junit') + 1] : 'reports/junit.xml';

async function main(): Promise<number> {
  if (!path) throw new InputError('check-engine', 'give the path of your engine module, e.g. npm run check-engine -- ./my-engine.ts');
  const abs = resolve(path);
  if (!existsSync(abs)) throw new InputError(path, 'no such file; give the path of a .ts or .js module exporting a TrainingEngine (see scenarios/examples/momentum-engine.ts)');
  // Load it once here, so that a bad module fails with one clear message instead of one per property.
  const engine = await resolveEngine(`./${abs.split('/').pop()}`, resolve(abs, '..', 'check-engine.yaml'), 'engine');
  console.log(`check-engine: '${engine.name}' from ${abs}; claim properties in their measured regimes (${args.includes('--deep') ? 'deep' : 'quick'} tier); JUnit report: ${junit}`);
  return new Promise((done) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'properties/claims.prop.test.ts', '--reporter=default', '--reporter=junit', `--outputFile.junit=${junit}`], {
      stdio: 'inherit',
      env: { ...process.env, MOE_ENGINE: abs, ...(args.includes('--deep') ? { MOE_TIER: 'deep' } : {}) },
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e instanceof InputError ? e.message : e.stack);
    process.exit(e instanceof InputError ? 2 : 1);
  },
);
