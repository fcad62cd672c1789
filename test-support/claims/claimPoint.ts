import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Point } from '../../src/generated/metrics.ts';
import type { CommandEngine } from '../../src/generated/scenario.ts';
import { runPoint } from '../../src/pipeline/runPoint.ts';
import { parseScenario } from '../../src/scenario/loadScenario.ts';

/** The claims judged on one scenario point: the paper's and the theory's (C6 needs a sweep over d: see timeLaw.ts). */
export const POINT_CLAIMS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C7', 'C8', 'C9', 'C10', 'C11'] as const;
export type PointClaimId = (typeof POINT_CLAIMS)[number];
export type Verdict = 'holds' | 'fails' | 'not-evaluated';

/**
 * One configuration of the whole pipeline (feature learning -> pruning ->
 * fine-tuning) as the claim properties and the verification sweep run it.
 * Every field becomes a field of a scenario file (see {@link scenarioYaml}),
 * so a failing configuration can be re-run with `moe-repro run`.
 */
export interface ClaimConfig {
  /** m*, teacher experts. */
  readonly mStar: number;
  /** m, student experts. */
  readonly m: number;
  /** Input dimension. */
  readonly d: number;
  /** Root seed of the scenario. */
  readonly seed: number;
  /** Teacher geometry ('random' needs d <= 20000: above, problems are drawn in the span, orthonormal only). */
  readonly geometry: 'orthonormal' | 'random';
  /** Feature-learning engine: 'flow', 'sgd', a path to a user module (absolute or relative to the working directory) or an external program. */
  readonly engine: ClaimEngine;
  /** Integrator of the exact flow (feature learning and fine-tuning). */
  readonly flowMethod: 'auto' | 'dopri5' | 'exprb43' | 'rkc';
  /** Largest integrator step (flow time; default the scenario's): long horizons at large d may need larger ones. */
  readonly maxStep?: number;
  /** Pruning rule. */
  readonly pruning: 'cancel-groups' | 'best-aligned';
  /** Feature-learning horizon (flow time). */
  readonly time: number;
  /** Stop feature learning at recovery (C1-C3 only; C4 then sees unsettled surplus students). */
  readonly stopWhenRecovered?: boolean;
  /** Fine-tuning horizon (flow time; default 2000). */
  readonly fineTuneMaxTime?: number;
  /** Free-form options for a user engine. */
  readonly options?: Record<string, unknown>;
}

/** A feature-learning engine of the claim runs: 'flow', 'sgd', a module path, or an external program (`cwd` absolute). */
export type ClaimEngine = string | CommandEngine;

/**
 * The engine named by MOE_ENGINE (`npm run check-engine` sets it): a module
 * path, or a JSON object `{"command": [...], "cwd": ...}` for an external
 * program; 'flow' when unset.
 */
export function claimEngineFromEnv(value = process.env.MOE_ENGINE): ClaimEngine {
  if (!value) return 'flow';
  return value.trimStart().startsWith('{') ? (JSON.parse(value) as CommandEngine) : value;
}

/** A short name of a claim engine for titles and reports. */
export function engineLabel(engine: ClaimEngine): string {
  return typeof engine === 'string' ? engine : `command ${engine.command.join(' ')}`;
}

/** What one pipeline run says about the claims, with the numbers behind the verdicts. */
export interface ClaimOutcome {
  readonly config: ClaimConfig;
  readonly verdicts: Record<PointClaimId, Verdict>;
  readonly evidence: Record<PointClaimId, string>;
  /** Recovery time T (C1), or null. */
  readonly T: number | null;
  /** Loss at the end of feature learning. */
  readonly flLoss: number;
  /** Loss after pruning - loss before (signed: C4 accepts any decrease) and the number of students kept. */
  readonly pruneLossChange: number | null;
  readonly kept: number | null;
  /** Loss at the end of fine-tuning (C5), or null without fine-tuning. */
  readonly ftLoss: number | null;
  readonly wallSeconds: number;
  /** The point's metrics as the pipeline wrote them (for C6, which is judged over several points). */
  readonly point: Point;
}

/** Where virtual scenario files live: user-module paths are written relative to it. */
const SCENARIO_FILE = resolve(process.cwd(), 'properties', 'claim-check.yaml');

/**
 * The scenario file text of a configuration (YAML; every value the claims
 * depend on is written out, the rest takes the schema's defaults).
 */
export function scenarioYaml(c: ClaimConfig, scenarioFile = SCENARIO_FILE): string {
  const engine = typeof c.engine === 'object' || c.engine === 'flow' || c.engine === 'sgd' ? c.engine : modulePathFrom(scenarioFile, c.engine);
  const lines = [
    `name: claim-check`,
    `seed: ${c.seed}`,
    `d: ${c.d}`,
    `teacher:`,
    `  experts: ${c.mStar}`,
    `  geometry: ${c.geometry}`,
    `student:`,
    `  experts: ${c.m}`,
    `featureLearning:`,
    `  engine: ${JSON.stringify(engine)}`,
    `  time: ${c.time}`,
    `  stopWhenRecovered: ${c.stopWhenRecovered ?? false}`,
    `  flow:`,
    `    method: ${c.flowMethod}`,
    ...(c.maxStep !== undefined ? [`    maxStep: ${c.maxStep}`] : []),
    ...(c.options ? [`  options: ${JSON.stringify(c.options)}`] : []),
    `pruning:`,
    `  rule: ${c.pruning}`,
    `fineTuning:`,
    `  engine: flow`,
    `  maxTime: ${c.fineTuneMaxTime ?? 2000}`,
  ];
  return lines.join('\n') + '\n';
}

/** Runs the pipeline on one configuration (through the scenario loader, as `moe-repro run` would). */
export async function runClaimPoint(c: ClaimConfig): Promise<ClaimOutcome> {
  const clock = performance.now();
  const { scenario } = parseScenario(scenarioYaml(c), SCENARIO_FILE);
  const { point } = await runPoint(scenario, `claim-check`, {}, SCENARIO_FILE);
  return outcomeOf(c, point, (performance.now() - clock) / 1000);
}

/** The verdicts and numbers of a finished point. */
export function outcomeOf(config: ClaimConfig, point: Point, wallSeconds: number): ClaimOutcome {
  const verdicts = {} as Record<PointClaimId, Verdict>;
  const evidence = {} as Record<PointClaimId, string>;
  for (const id of POINT_CLAIMS) {
    const c = point.claims.find((x) => x.id === id);
    verdicts[id] = c?.verdict ?? 'not-evaluated';
    evidence[id] = c?.evidence ?? 'absent';
  }
  const c1 = point.claims.find((x) => x.id === 'C1')?.details as { T?: number | null } | undefined;
  return {
    config, verdicts, evidence, T: c1?.T ?? null,
    flLoss: point.featureLearning.final.loss,
    pruneLossChange: point.pruning ? point.pruning.lossChange : null,
    kept: point.pruning ? point.pruning.kept.length : null,
    ftLoss: point.fineTuning ? point.fineTuning.final.loss : null,
    wallSeconds,
    point,
  };
}

/** A user-module path as a scenario names it: relative to the scenario file, starting with ./ or ../. */
function modulePathFrom(scenarioFile: string, path: string): string {
  const abs = isAbsolute(path) ? path : resolve(process.cwd(), path);
  const rel = relative(dirname(scenarioFile), abs).split('\\').join('/');
  return rel.startsWith('../') ? rel : `./${rel}`;
}
