/**
 * `npm run mutants`: shows that the property suite catches known bugs.
 *
 * For each mutant of tools/mutants/catalogue.ts, one at a time: copy the
 * sources to a temp folder (node_modules linked), apply the mutation (a
 * search/replace that must match exactly once), type-check the copy, run the
 * mutant's test files there, and record which tests failed. First the same
 * files run on an unmutated copy: they must pass, or a "caught" would mean
 * nothing. A mutant is caught only when tests fail on their checks; one that
 * does not compile, or whose run crashes (no report, a suite that cannot
 * load, a TypeError or other runtime error thrown by the mutated code:
 * tools/mutants/runTests.ts) is INVALID: it shows nothing about the tests,
 * and the catalogue must be fixed. Prints a table, writes
 * reports/mutants/mutants.json and exits 1 if any mutant survives or is
 * invalid (2 if the baseline fails or a mutant no longer applies).
 *
 * Options: `--only id,id` runs a subset; `--keep` keeps the temp folders.
 * The fast-check seed is pinned (FC_SEED, default the CI seed) so that a
 * run is reproducible.
 */
import { writeFilesAtomically } from '../../src/output/atomicWrite.ts';
import { CI_SEED } from '../../test-support/ciSeed.ts';
import { MUTANTS, type Mutant } from './catalogue.ts';
import { runTests, typecheck, type TestRun } from './runTests.ts';
import { applyMutant, copyWorkspace, removeWorkspace } from './workspace.ts';

/** caught: tests failed on their checks; survived: every test passed; invalid: it did not compile or its run crashed. */
type Verdict = 'caught' | 'survived' | 'invalid';

interface MutantResult {
  id: string;
  description: string;
  file: string;
  verdict: Verdict;
  caughtBy: string[];
  /** Why the mutant is invalid ('' otherwise). */
  invalid: string;
  seconds: number;
}

const root = process.cwd();
const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const keep = argv.includes('--keep');
const env = { FC_SEED: process.env.FC_SEED ?? String(CI_SEED) };

async function main(): Promise<number> {
  const chosen = only ? MUTANTS.filter((m) => only.includes(m.id)) : MUTANTS;
  if (only && chosen.length !== only.length) {
    console.error(`unknown mutant id(s): ${only.filter((id) => !MUTANTS.some((m) => m.id === id)).join(', ')}; known: ${MUTANTS.map((m) => m.id).join(', ')}`);
    return 2;
  }
  const files = [...new Set(chosen.flatMap((m) => m.tests))].sort();
  console.log(`baseline: ${files.length} test file(s) on an unmutated copy (FC_SEED=${env.FC_SEED}) ...`);
  const base = await inWorkspace(null, files);
  if (base.status !== 'passed') {
    const why = base.failed.map((name, k) => `${name}\n    ${base.reasons[k]}`);
    console.error(`baseline fails, so mutants cannot be judged:\n  ${why.join('\n  ') || base.note}`);
    return 2;
  }
  console.log(`baseline: ${base.passed} tests pass (${base.seconds.toFixed(0)} s)`);
  const results: MutantResult[] = [];
  for (const [k, m] of chosen.entries()) {
    process.stdout.write(`[${k + 1}/${chosen.length}] ${m.id} (${m.file}) ... `);
    const run = await inWorkspace(m, m.tests);
    const verdict: Verdict = run.status === 'invalid' ? 'invalid' : run.status === 'failed' ? 'caught' : 'survived';
    results.push({ id: m.id, description: m.description, file: m.file, verdict, caughtBy: run.failed, invalid: run.note, seconds: run.seconds });
    const detail = verdict === 'caught' ? `: ${run.failed.length} failing test(s)` : verdict === 'invalid' ? `: ${run.note.split('\n')[0]}` : '';
    console.log(`${verdict === 'caught' ? 'caught' : verdict.toUpperCase()} (${run.seconds.toFixed(0)} s)${detail}`);
  }
  printTable(results);
  await writeFilesAtomically('reports/mutants', [{ name: 'mutants.json', content: JSON.stringify({ fcSeed: env.FC_SEED, baselinePassed: base.passed, results }, null, 2) + '\n' }]);
  const survivors = results.filter((r) => r.verdict === 'survived');
  const invalid = results.filter((r) => r.verdict === 'invalid');
  const caught = results.length - survivors.length - invalid.length;
  console.log(
    `\n${caught} of ${results.length} mutants caught` +
      `${survivors.length ? `; SURVIVED: ${survivors.map((r) => r.id).join(', ')}` : ''}` +
      `${invalid.length ? `; INVALID (did not compile or crashed; fix the catalogue): ${invalid.map((r) => r.id).join(', ')}` : ''}` +
      '. Details: reports/mutants/mutants.json',
  );
  return survivors.length || invalid.length ? 1 : 0;
}

/** Type-checks and runs `files` in a fresh copy, mutated by `m` unless null; a copy that does not compile is an invalid run. */
async function inWorkspace(m: Mutant | null, files: readonly string[]): Promise<TestRun> {
  const dir = await copyWorkspace(root);
  try {
    if (m) await applyMutant(dir, m);
    const started = performance.now();
    const typeErrors = await typecheck(dir);
    if (typeErrors) return { status: 'invalid', failed: [], reasons: [], passed: 0, note: `does not compile: ${typeErrors}`, seconds: (performance.now() - started) / 1000 };
    return await runTests(dir, files, env);
  } finally {
    if (keep) console.log(`  (kept ${dir})`);
    else await removeWorkspace(dir);
  }
}

function printTable(results: MutantResult[]): void {
  console.log('\n| mutant | file | verdict | caught by |');
  console.log('|---|---|---|---|');
  for (const r of results) {
    const by = r.verdict === 'invalid'
      ? r.invalid.split('\n')[0]
      : r.caughtBy.length ? r.caughtBy.slice(0, 3).join('; ') + (r.caughtBy.length > 3 ? `; +${r.caughtBy.length - 3} more` : '') : '—';
    console.log(`| ${r.id} | ${r.file} | ${r.verdict === 'caught' ? 'caught' : r.verdict.toUpperCase()} | ${by} |`);
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.message);
    process.exit(2);
  },
);
