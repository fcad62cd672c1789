import fc from 'fast-check';

/** A scenario as a user might write it: any subset of the optional fields, all valid. */
export type ScenarioInput = Record<string, unknown>;

const positive = fc.double({ min: 1e-12, max: 1e6, noNaN: true, noDefaultInfinity: true });
const option = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/**
 * Valid scenario inputs, valid by construction (no filtering): a student of
 * m >= m* experts, an orthonormal
 * teacher gets d >= 2 m* (or >= m*), an explicit teacher m* non-zero rows of
 * length d, a sweep distinct fields with values valid at every point. Every
 * optional field is sometimes left out, so defaults are exercised too.
 * Undefined fields are removed, as a YAML file would not have them.
 */
export function arbScenarioInput(): fc.Arbitrary<ScenarioInput> {
  // Arbitraries that do not depend on the teacher are built once: building
  // them inside chain() for every sample is what makes generation slow.
  const free = fc.record(
    {
      name: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
      description: fc.string({ unit: 'grapheme', maxLength: 40 }),
      seed: fc.integer({ min: 0, max: 2 ** 40 }),
      featureLearning: featureLearningArb(),
      pruning: fc.record(
        { rule: fc.constantFrom('cancel-groups', 'best-aligned'), cancelTolerance: positive },
        { requiredKeys: [] },
      ),
      fineTuning: fc.record({ engine: fc.constantFrom('flow', 'sgd'), targetLoss: positive, maxTime: positive }, { requiredKeys: [] }),
      recording: fc.record({ uniformPoints: fc.integer({ min: 2, max: 1000 }), logPoints: fc.integer({ min: 0, max: 1000 }) }, { requiredKeys: [] }),
      claims: claimsArb(),
    },
    { requiredKeys: ['name', 'featureLearning'] },
  );
  const otherAxes = sweepAxes();
  const shaped = fc
    .record({ mStar: fc.integer({ min: 1, max: 4 }), geometry: fc.constantFrom('orthonormal', 'random', 'explicit', undefined), joint: option(fc.boolean()) })
    .chain(({ mStar, geometry, joint }) => {
      const need = geometry === 'explicit' || geometry === 'random' ? 2 : joint === false ? Math.max(2, mStar) : 2 * mStar;
      const dArb = geometry === 'explicit' ? fc.integer({ min: 2, max: 5 }) : fc.integer({ min: need, max: 2_000_000 });
      // A student has at least as many experts as the teacher (m >= m*), at every sweep point too.
      const m = fc.integer({ min: mStar, max: 64 });
      // Explicit rows have length d, so an explicit teacher never gets a d axis.
      const axes = { ...otherAxes, 'student.experts': m, ...(geometry === 'explicit' ? {} : { d: fc.integer({ min: need, max: 10_000_000 }) }) };
      return dArb.chain((d) =>
        fc.record({ d: fc.constant(d), teacher: teacherArb(mStar, d, geometry, joint), student: fc.record({ experts: m }), sweep: option(sweepArb(axes)) }),
      );
    });
  return fc.tuple(free, shaped).map(([a, b]) => JSON.parse(JSON.stringify(withUserEngineForOptions({ ...a, ...b }))) as ScenarioInput);
}

/** An external program as a user engine (its command is never run: loading a scenario does not start it). */
const USER_ENGINE = { command: ['python3', 'train.py'], timeout: 60 };

/**
 * Options are read only by a user engine (a built-in with options is
 * refused): a scenario that has options, or sweeps one, trains with one.
 */
function withUserEngineForOptions(s: Record<string, unknown>): Record<string, unknown> {
  const fl = s.featureLearning as Record<string, unknown>;
  const sweep = s.sweep as { over: { field: string }[] } | undefined;
  const swept = sweep?.over.some((a) => a.field.startsWith('featureLearning.options')) ?? false;
  const given = fl.options !== undefined && Object.keys(fl.options as object).length > 0;
  if (!swept && !given) return s;
  return { ...s, featureLearning: { ...fl, engine: USER_ENGINE } };
}

function teacherArb(mStar: number, d: number, geometry: string | undefined, joint: boolean | undefined) {
  const base = { experts: mStar, geometry, routersOrthogonalToExperts: joint };
  if (geometry !== 'explicit') return fc.constant(base);
  const row = fc
    .tuple(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: d, maxLength: d }), fc.integer({ min: 0, max: d - 1 }))
    .map(([r, k]) => r.map((x, i) => (i === k ? 1 + Math.abs(x) : x))); // one entry >= 1: never a zero row
  const rows = fc.array(row, { minLength: mStar, maxLength: mStar });
  return fc.record({ routerDirections: rows, expertDirections: rows }).map((r) => ({ ...base, ...r }));
}

function featureLearningArb() {
  return fc.record(
    {
      engine: fc.constantFrom<unknown>('flow', 'sgd', USER_ENGINE),
      time: positive,
      stopWhenRecovered: fc.boolean(),
      flow: fc.record(
        {
          method: fc.constantFrom('dopri5', 'rkc', 'rk4'),
          rtol: positive,
          atol: positive,
          quadratureNodes: fc.integer({ min: 2, max: 160 }),
          maxStep: positive,
          step: positive,
        },
        { requiredKeys: [] },
      ),
      sgd: fc.record(
        {
          learningRate: positive,
          batch: fc.integer({ min: 1, max: 1 << 16 }),
          backend: fc.constantFrom('auto', 'wasm', 'cpu', 'tensorflow'),
          evalSamples: fc.integer({ min: 1, max: 1 << 20 }),
        },
        { requiredKeys: [] },
      ),
      options: fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/), fc.oneof(fc.integer(), fc.string(), fc.boolean())),
    },
    { requiredKeys: ['time'] },
  );
}

function claimsArb() {
  return fc.record(
    {
      recoveryThreshold: fc.double({ min: 1e-6, max: 1, noNaN: true }),
      recoveryTimeBound: fc.option(positive, { nil: null }),
      pruneLossTolerance: fc.double({ min: 0, max: 1, noNaN: true }),
      fineTuneLoss: positive,
      fineTuneAlignmentGap: fc.double({ min: 1e-15, max: 0.5, noNaN: true }),
      timeLawExponent: fc.record({ expected: fc.double({ min: -5, max: 5, noNaN: true }), tolerance: positive }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );
}

/** Arbitraries of valid values for sweep axes that do not depend on the teacher (student.experts and d do: added per teacher). */
function sweepAxes(): Record<string, fc.Arbitrary<unknown>> {
  return {
    'featureLearning.sgd.learningRate': positive,
    'featureLearning.flow.method': fc.constantFrom('dopri5', 'rkc', 'rk4'),
    'featureLearning.flow': fc.record({ rtol: positive, method: fc.constantFrom('dopri5', 'rkc', 'rk4') }, { requiredKeys: [] }),
    'claims.recoveryThreshold': fc.double({ min: 1e-6, max: 1, noNaN: true }),
    'featureLearning.options.momentum': fc.double({ min: 0, max: 1, noNaN: true }),
  };
}

/** A sweep of 1-3 distinct, non-overlapping axes with values valid at every point. */
function sweepArb(axes: Record<string, fc.Arbitrary<unknown>>) {
  const fields = fc.shuffledSubarray(Object.keys(axes), { minLength: 1, maxLength: 3 }).filter(
    // 'featureLearning.flow' and 'featureLearning.flow.method' overlap: never both.
    (fs) => !(fs.includes('featureLearning.flow') && fs.includes('featureLearning.flow.method')),
  );
  return fields.chain((fs) =>
    fc.record(
      {
        over: fc.tuple(...fs.map((f) => fc.record({ field: fc.constant(f), values: fc.array(axes[f], { minLength: 1, maxLength: 3 }) }))),
        replicates: fc.integer({ min: 1, max: 3 }),
      },
      { requiredKeys: ['over'] },
    ),
  );
}
