import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CommandEngine } from '../../../generated/scenario.ts';
import { InputError } from '../../../core/errors.ts';
import type { TrainingEngine, TrainingInput, TrainingOutput } from '../engine.ts';
import { SnapshotRecorder, type SnapshotStop } from '../snapshotRecorder.ts';
import { ENGINE_PROTOCOL, problemMessage } from './problemMessage.ts';
import { readSnapshot, SnapshotLineError } from './readSnapshot.ts';

/** Seconds waited for each output line when the scenario sets no `timeout`. */
export const DEFAULT_COMMAND_TIMEOUT = 600;
/** Seconds a program may take to exit after SIGTERM (once a stop rule is met) before it is killed. */
const EXIT_GRACE_SECONDS = 5;
/** Characters of the program's stderr kept for error messages. */
const STDERR_TAIL = 2000;

/** A command engine's working folder and options-schema file, both relative to the scenario file's folder. */
export function commandPaths(spec: CommandEngine, scenarioFile: string): { cwd: string; optionsSchema?: string } {
  const base = dirname(resolve(scenarioFile));
  return { cwd: resolve(base, spec.cwd ?? '.'), ...(spec.optionsSchema ? { optionsSchema: resolve(base, spec.optionsSchema) } : {}) };
}

/**
 * A training engine that runs an external program (any language) speaking
 * protocol moe-repro-engine/1 (docs/engine-protocol.md): the problem goes
 * to the program's standard input as one JSON document (and to a temp file
 * named by MOE_REPRO_PROBLEM, removed afterwards); each line it prints on
 * standard output is a snapshot {t, student[, loss, step]}, read by
 * readSnapshot and judged by a SnapshotRecorder (exact loss, alignments,
 * events, stop rules), exactly as the built-in engines' states are. Once a
 * stop rule is met the program is sent SIGTERM. Bad output, a crash, or
 * silence longer than `timeout` seconds fails the stage with an InputError
 * naming the command, the output line and the fix; nothing is written.
 */
export function commandEngine(spec: CommandEngine, scenarioFile: string, where: string): TrainingEngine {
  const line = spec.command.join(' ');
  const label = line.length > 100 ? `${line.slice(0, 99)}…` : line;
  const paths = commandPaths(spec, scenarioFile);
  return {
    name: `command: ${label}`,
    train: (input) => runProgram(spec, paths.cwd, `${where} (${label})`, input),
    ...(paths.optionsSchema ? { optionsSchema: readSchema(paths.optionsSchema, `${where}.optionsSchema`) } : {}),
  };
}

function readSchema(file: string, where: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(where, `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e}); the path is relative to the scenario file`);
  }
  try {
    const schema = JSON.parse(text) as unknown;
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) throw new Error('not a JSON object');
    return schema as Record<string, unknown>;
  } catch (e) {
    throw new InputError(where, `${file} is not a JSON Schema (${(e as Error).message}); write a JSON Schema (draft-07) object for the options`);
  }
}

/** Temp folders of the problems of programs still running: removed on exit too (e.g. Ctrl-C exits while one runs). */
const live = new Set<string>();
let exitHook = false;

function problemFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'moe-engine-'));
  live.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => live.forEach((d) => rmSync(d, { recursive: true, force: true })));
  }
  return dir;
}

function runProgram(spec: CommandEngine, cwd: string, label: string, input: TrainingInput): Promise<TrainingOutput> {
  const timeout = spec.timeout ?? DEFAULT_COMMAND_TIMEOUT;
  const dir = problemFolder();
  const problemFile = join(dir, 'problem.json');
  const problem = JSON.stringify(problemMessage(input));
  writeFileSync(problemFile, problem);
  const recorder = new SnapshotRecorder(input);
  const m = input.student.routers.rows;
  const d = input.student.routers.cols;
  return new Promise<TrainingOutput>((done, fail) => {
    let settled = false;
    let stop: SnapshotStop | 'exit' = null;
    let lineNo = 0;
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const env = { ...process.env, MOE_REPRO_PROBLEM: problemFile };
    const child = spawn(spec.command[0], spec.command.slice(1), { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const finish = (err: Error | null, out?: TrainingOutput) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      live.delete(dir);
      if (err) {
        lines.close();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        fail(err);
      } else done(out!);
    };
    const tail = () => {
      if (!stderr.trim()) return '; it wrote nothing on stderr';
      return `; its last stderr lines:\n${stderr.trimEnd().split('\n').slice(-12).map((l) => `  ${l}`).join('\n')}`;
    };
    const armTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const after = lineNo ? `line ${lineNo} (t = ${recorder.lastTime})` : 'it started';
        const fix = "fix a hang, or raise the engine's timeout (seconds per line) if a snapshot legitimately takes longer";
        finish(new InputError(label, `no output for ${timeout} s after ${after}, so it was killed${tail()}; ${fix}`));
      }, timeout * 1000);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish(new InputError(label, e.code === 'ENOENT'
        ? `cannot start '${spec.command[0]}': no such program (in ${cwd}); check the command and PATH`
        : `cannot start the program (${e.code ?? e.message}); check the command`));
    });
    child.stdin.on('error', () => {
      // The program need not read stdin (it may read MOE_REPRO_PROBLEM): a closed pipe is fine.
    });
    child.stdin.end(`${problem}\n`);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (stderr = (stderr + s).slice(-STDERR_TAIL)));
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    armTimer();
    lines.on('line', (raw) => {
      lineNo++;
      if (settled || stop) return;
      armTimer();
      if (raw.trim() === '') return;
      try {
        const s = readSnapshot(raw, { m, d, time: input.time, previous: recorder.lastTime });
        stop = recorder.add(s);
        input.onProgress?.(Math.min(1, s.t / input.time), `t=${s.t.toPrecision(4)} snapshot ${recorder.snapshots}`);
      } catch (e) {
        if (!(e instanceof SnapshotLineError)) return finish(e as Error);
        return finish(new InputError(`${label}, output line ${lineNo}`, `${e.problem}; ${e.fix} (protocol: docs/engine-protocol.md)`));
      }
      if (stop) {
        clearTimeout(timer);
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_SECONDS * 1000);
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(killTimer);
      if (settled) return;
      if (!stop && (code !== 0 || signal)) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const n = recorder.snapshots;
        return finish(new InputError(label, `the program ${how} after ${n} snapshot${n === 1 ? '' : 's'}${tail()}; fix the error it reports`));
      }
      if (recorder.snapshots === 0) {
        const fix = 'print one JSON line {"t": ..., "student": {...}} per snapshot on stdout, the first at t = 0';
        return finish(new InputError(label, `the program exited without writing a snapshot${tail()}; ${fix}`));
      }
      stop ??= 'exit';
      const info = { protocol: ENGINE_PROTOCOL, snapshots: recorder.snapshots, stoppedBy: stop, ...(code !== null ? { exitCode: code } : {}) };
      finish(null, recorder.output({ method: `command ${spec.command.join(' ')}`, info }));
    });
  });
}
