import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../test-support/runCli.ts';
import { COMMANDS } from './main.ts';

/** Heavy modules, recorded when loaded: help and version must load none of them. */
const loaded = vi.hoisted(() => [] as string[]);
vi.mock('vega', async (orig) => (loaded.push('vega'), orig()));
vi.mock('vega-lite', async (orig) => (loaded.push('vega-lite'), orig()));
vi.mock('@tensorflow/tfjs-core', async (orig) => (loaded.push('@tensorflow/tfjs-core'), orig()));
vi.mock('../pipeline/runScenario.ts', async (orig) => (loaded.push('runScenario'), orig()));
vi.mock('../scenario/loadScenario.ts', async (orig) => (loaded.push('loadScenario'), orig()));

describe('the moe-repro command line', () => {
  it('lists every command module in commands/ (only the one that runs is loaded)', () => {
    const files = readdirSync(join(import.meta.dirname, 'commands')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(COMMANDS.map((c) => `${c.name}.ts`).sort()).toEqual(files.sort());
  });

  it('--help lists the commands and --version prints the version, loading no command, tfjs, vega or the pipeline', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.out).toMatch(new RegExp(`^  ${c.name} .*${c.summary.slice(0, 20).replace(/[()]/g, '\\$&')}`, 'm'));
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.out.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version);
    const run = await runCli(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('--shard <i/n|auto>');
    expect(run.out).toContain('Exit codes:');
    expect(loaded).toEqual([]);
  });
});
