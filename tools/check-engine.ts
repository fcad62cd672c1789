/**
 * `npm run check-engine -- ./path/to/engine.ts` or
 * `npm run check-engine -- --command "python3 train.py"`: the theory check of
 * a user's training engine, a module exporting a TrainingEngine as `engine`
 * or `default` (like scenarios/examples/momentum-engine.ts) or an external
 * program speaking the engine protocol (docs/engine-protocol.md, like
 * examples/python-engine/train.py). Runs the claim properties
 * (properties/claims.prop.test.ts) with the engine doing feature learning, in
 * their measured regimes, and writes a JUnit report (reports/junit.xml) for
 * CI systems. Exit code: vitest's (0 = every claim held), 2 for an engine
 * that cannot be loaded or a bad option.
 *
 * Options: --deep (the deep tier: the whole regimes, more runs), --junit FILE
 * (default reports/junit.xml), --only PATTERN (only the properties whose
 * name matches, e.g. 'experts before routers'), --runs N (runs per property,
 * for a smoke test; a rate is then judged on N runs), --test-timeout SECONDS
 * (time limit of one claim property, default 300 s, twice that for a batch
 * judged as a rate: raise it for an engine slower than the flow). A command is split
 * into words like a shell would (quotes group, no expansion) and runs in the
 * current folder.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandEngine } from '../src/generated/scenario.ts';
import { InputError } from '../src/core/errors.ts';
import { registerUserModuleHooks } from '../src/loader/userModules.mjs';
import { resolveEngine } from '../src/pipeline/resolve.ts';
import { splitCommand } from './splitCommand.ts';

registerUserModuleHooks();

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        command: { type: 'string' }, deep: { type: 'boolean' }, junit: { type: 'string' }, only: { type: 'string' }, runs: { type: 'string' },
        'test-timeout': { type: 'string' },
      },
    });
  } catch (e) {
    throw new InputError(
      'check-engine',
      `${(e as Error).message}; options: --command CMD, --deep, --junit FILE, --only PATTERN, --runs N, --test-timeout SECONDS`,
    );
  }
  const { values, positionals } = parsed;
  const junit = values.junit ?? 'reports/junit.xml';
  const env: Record<string, string> = { MOE_ENGINE: await engineToCheck(values.command, positionals) };
  if (values.deep) env.MOE_TIER = 'deep';
  if (values.runs !== undefined) {
    if (!/^[1-9]\d*$/.test(values.runs)) throw new InputError('--runs', `expected a positive integer, found '${values.runs}'`);
    env.FC_RUNS = values.runs;
  }
  const timeout = values['test-timeout'];
  if (timeout !== undefined) {
    if (!(Number(timeout) > 0)) throw new InputError('--test-timeout', `expected a number of seconds > 0, found '${timeout}'`);
    env.MOE_CLAIM_TIMEOUT = timeout;
  }
  const tier = [`${values.deep ? 'deep' : 'quick'} tier`];
  if (values.runs) tier.push(`${values.runs} run(s) per property`);
  if (values.only) tier.push(`properties matching /${values.only}/`);
  console.log(`check-engine: claim properties in their measured regimes (${tier.join(', ')}); JUnit report: ${junit}`);
  const vitest = ['node_modules/vitest/vitest.mjs', 'run', 'properties/claims.prop.test.ts'];
  env.MOE_JUNIT_FILE = junit; // read by vitest.config.ts (a reporter given there wins over the command line's under CI)
  if (values.only) vitest.push('-t', values.only);
  return new Promise((done) => {
    const child = spawn(process.execPath, vitest, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code) => done(code ?? 1));
  });
}

/** MOE_ENGINE for the engine named on the command line, loaded once here so a bad one fails with one clear message. */
async function engineToCheck(command: string | undefined, positionals: string[]): Promise<string> {
  if (command !== undefined) {
    if (positionals.length) throw new InputError('check-engine', 'give either a module path or --command, not both');
    const spec: CommandEngine = { command: splitCommand(command), cwd: process.cwd() };
    const engine = await resolveEngine(spec, resolve('check-engine.yaml'), '--command');
    console.log(`check-engine: '${engine.name}' (external program, run in ${spec.cwd})`);
    return JSON.stringify(spec);
  }
  const path = positionals[0];
  if (!path) {
    throw new InputError(
      'check-engine',
      'give the path of your engine module (npm run check-engine -- ./my-engine.ts) or a program (npm run check-engine -- --command "python3 train.py")',
    );
  }
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new InputError(
      path,
      'no such file; give the path of a .ts or .js module exporting a TrainingEngine (see scenarios/examples/momentum-engine.ts)',
    );
  }
  const engine = await resolveEngine(`./${abs.split('/').pop()}`, resolve(abs, '..', 'check-engine.yaml'), 'engine');
  console.log(`check-engine: '${engine.name}' from ${abs}`);
  return abs;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e instanceof InputError ? e.message : e.stack);
    process.exit(e instanceof InputError ? 2 : 1);
  },
);
