/**
 * Invalid configurations are rejected with a clear error naming the field
 * and the fix (InputError), never with a crash deep inside an engine or a
 * silent fallback. The valid arbitraries of this suite build valid
 * configurations by construction; these properties cover the other side.
 * (Scenario files have their own properties: properties/loadScenario.prop.test.ts.)
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { integrateFlow } from '../src/dynamics/flow/integrateFlow.ts';
import { InputError } from '../src/core/errors.ts';
import { sampleReducedProblem } from '../src/model/reducedSampling.ts';
import { initStudent, makeTeacher } from '../src/model/teacher.ts';
import { evaluateLoss } from '../src/population/methods.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { parseScenario } from '../src/scenario/loadScenario.ts';
import { arbClaimConfig } from '../test-support/claims/arbClaimConfig.ts';
import { arbInvalidSize } from '../test-support/arbitraries/arbInvalidSize.ts';
import { runs } from '../test-support/fcConfig.ts';
import { scenarioYaml } from '../test-support/claims/claimPoint.ts';
import { drawConfig } from '../test-support/drawConfig.ts';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('accepted an invalid input');
}

describe('invalid configurations are rejected with an InputError naming the field', () => {
  test.prop([arbInvalidSize(), fc.integer({ min: 8, max: 100 })], runs(20, 100))('a bad m* or m (zero, negative, fractional, not finite)', (bad, d) => {
    const rng = new SeedStreams(1).stream('teacher');
    const t = thrown(() => makeTeacher(bad.value, d, { kind: 'orthonormal' }, rng));
    expect(t).toBeInstanceOf(InputError);
    expect((t as InputError).where).toBe('teacher.experts (m*)');
    const s = thrown(() => initStudent(bad.value, d, rng));
    expect((s as InputError).where).toBe('student.experts (m)');
    expect((s as InputError).problem).toMatch(/must be an integer >= 1, found/);
  });

  test.prop([fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 11 })], runs(10, 50))('an orthonormal teacher in too small a d, drawn in full or in the span', (mStar, dRaw) => {
    const d = Math.min(dRaw, 2 * mStar - 1);
    const s = new SeedStreams(1);
    const full = thrown(() => makeTeacher(mStar, d, { kind: 'orthonormal' }, s.stream('teacher')));
    expect((full as InputError).where).toBe('teacher.geometry');
    expect((full as InputError).problem).toContain(`needs d >= ${2 * mStar}`);
    const span = thrown(() => sampleReducedProblem(mStar, 3, d, s.stream('teacher'), s.stream('student')));
    expect((span as InputError).where).toBe('d');
  });

  test.prop([fc.constantFrom('qudrature', 'montecarlo', 'exact', ''), fc.integer({ min: 0, max: 10 })], runs(5, 20))('an unknown loss method name, listing the known ones', (name, seed) => {
    const p = drawConfig({ mStar: 1, m: 2, d: 8, geometry: 'orthonormal', seed });
    const e = thrown(() => evaluateLoss(name, p.teacher, p.student));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problem).toMatch(/unknown method .*known methods: .*quadrature/);
  });

  test.prop([fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY)], runs(4, 8))('a flow horizon that is not a positive finite time', (time) => {
    const p = drawConfig({ mStar: 1, m: 2, d: 8, geometry: 'orthonormal', seed: 1 });
    const e = thrown(() => integrateFlow(p.teacher, p.student, { time }));
    expect((e as InputError).where).toBe('flow.time');
  });

  const space = {
    mStar: [1, 3], ratio: [1, 4], d: [8, 100], geometries: ['orthonormal'], flowMethods: ['dopri5', 'rkc'], pruning: ['cancel-groups', 'best-aligned'],
    horizon: { kind: 'settle', time: 10 }, fineTuneMaxTime: 10,
  } as const;
  test.prop([arbClaimConfig(space), arbInvalidSize()], runs(8, 40))(
    'a claim-check scenario with a bad student size: the loader names the file, the line and student.experts',
    (c, bad) => {
      const text = scenarioYaml(c).replace(`student:\n  experts: ${c.m}\n`, `student:\n  experts: ${Number.isFinite(bad.value) ? bad.value : '.nan'}\n`);
      expect(text).not.toBe(scenarioYaml(c));
      const e = thrown(() => parseScenario(text, 'claim-check.yaml'));
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).toMatch(/claim-check\.yaml:\d+:\d+/);
      expect((e as Error).message).toContain('student.experts');
    },
  );
});
