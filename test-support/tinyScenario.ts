/**
 * The text of a scenario whose points take about 0.2 s each (m* = 1, m = 2,
 * d = 8 unless swept, flow times 10, 40 + 20 records), for CLI tests that
 * run whole pipelines: kill and resume, shards, checks. `sweep` is the YAML
 * of a `sweep:` block, if any. Its C4 and C5 fail (too short a run for
 * pruning to keep the function), which `--check` tests rely on.
 */
export function tinyScenario(name: string, sweep = ''): string {
  return `name: ${name}
seed: 3
d: 8
teacher: { experts: 1, geometry: orthonormal }
student: { experts: 2 }
featureLearning: { engine: flow, time: 10 }
fineTuning: { engine: flow, maxTime: 10 }
recording: { uniformPoints: 40, logPoints: 20 }
${sweep}`;
}

/** A `sweep:` block over d with `replicates` seeds per value. */
export function sweepOverD(values: number[], replicates: number): string {
  return `sweep:\n  over:\n    - { field: d, values: [${values.join(', ')}] }\n  replicates: ${replicates}\n`;
}
