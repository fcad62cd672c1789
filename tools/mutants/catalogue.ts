/**
 * The known mutations `npm run mutants` applies, one at a time, to a copy of
 * the source. Each is a precise search/replace on a named file that must
 * match exactly once (`applyMutant` in tools/mutants/workspace.ts fails loudly when the
 * source has changed so that it no longer applies: update the search text,
 * never drop the mutant). `tests` are the test files run against the mutant:
 * the property files that should catch it (the whole property suite is the
 * safety net; listing fewer files only saves time).
 */
export interface Mutant {
  /** Short id, used in the table. */
  readonly id: string;
  /** What is wrong, in words (where, and what a user would see). */
  readonly description: string;
  /** File, relative to the repository root. */
  readonly file: string;
  /** Exact text to find (once) and its replacement. */
  readonly search: string;
  readonly replace: string;
  /** Further edits of the same mutant, each applied like the first (a change made consistently in several files). */
  readonly more?: readonly { readonly file: string; readonly search: string; readonly replace: string }[];
  /** Test files (relative paths) to run against it. */
  readonly tests: readonly string[];
}

const ENGINES = ['properties/lossEngines.prop.test.ts', 'properties/crossChecks.prop.test.ts'];
const FLOW = ['properties/flow.prop.test.ts'];
const SGD = ['properties/sgd.prop.test.ts', 'properties/crossChecks.prop.test.ts'];
const PRUNING = ['properties/pruning.prop.test.ts'];
const CLAIMS = ['properties/claims.prop.test.ts'];
const GOLDEN = ['src/population/golden.test.ts'];
const SPAN = ['properties/spanSgd.prop.test.ts', 'src/dynamics/sgd/spanSgdStep.test.ts', 'src/core/bartlett.test.ts'];

export const MUTANTS: readonly Mutant[] = [
  {
    id: 'he3-coefficient',
    description: 'He3(z) = z^3 - 2z instead of z^3 - 3z in the float64 activation (src/model/activations.ts: forward pass, batch gradient, Monte Carlo)',
    file: 'src/model/activations.ts',
    search: 'return z * (z * z - 3);',
    replace: 'return z * (z * z - 2);',
    tests: ENGINES,
  },
  {
    id: 'he3-coefficient-quadrature',
    description: 'He3 coefficient z^3 - 2z in the Gauss-Hermite kernel\'s conditional Hermite parts (src/population/kernel/hermiteProducts.ts)',
    file: 'src/population/kernel/hermiteProducts.ts',
    search: 'out[0] = P * (P2 - 3);',
    replace: 'out[0] = P * (P2 - 2);',
    tests: ENGINES,
  },
  {
    id: 'softmax-forward',
    description: 'softmax across experts instead of the entry-wise sigmoid gate in the float64 forward loop (src/model/forward.ts `outputAt`: the batch ' +
      'forward pass and gradient, Monte Carlo; the quadrature has no gate to swap: its kernel is built on the sigmoid)',
    file: 'src/model/forward.ts',
    search: 'f += sigmoid(ui) * he3(wi);',
    // exp(u_i) / sum_j exp(u_j) in place of sigmoid(u_i): the gate of a softmax router.
    replace: 'f += (Math.exp(ui) / Array.from({ length: a.rows }, (_, j) => Math.exp(dotAt(a.data, j * d, x, xo, d))).reduce((s, e) => s + e, 0)) * he3(wi);',
    tests: ENGINES,
  },
  {
    id: 'missing-normalisation',
    description: 'directions not normalised before the Gram matrix of the exact engine (src/population/gram.ts): the loss then depends on row lengths',
    file: 'src/population/gram.ts',
    search: 'const parts = [student.routers, student.experts, teacher.routers, teacher.experts].map(normalizeRows);',
    replace: 'const parts = [student.routers, student.experts, teacher.routers, teacher.experts];',
    tests: ENGINES,
  },
  {
    id: 'dropped-tangent-projection',
    description: 'gradient pulled back through the normalisation without the tangent projection (I - u u^T) (src/model/forward.ts `pullBack`, used by the exact and the batch gradient)',
    file: 'src/model/forward.ts',
    search: 'g.data[o + k] = (g.data[o + k] - gu * unit.data[o + k]) / norms[i];',
    replace: 'g.data[o + k] = g.data[o + k] / norms[i];',
    tests: ENGINES,
  },
  {
    id: 'dropped-tangent-projection-tfjs',
    description: 'tfjs SGD gradient not projected on the tangent space of the spheres (src/dynamics/sgd/tfLossGrad.ts)',
    file: 'src/dynamics/sgd/tfLossGrad.ts',
    search: 'const grad = tf.sub(g, tf.mul(radial, student)) as tf.Tensor2D;',
    replace: 'const grad = g as tf.Tensor2D;',
    tests: ENGINES,
  },
  {
    id: 'router-gradient-sign',
    description: 'sign error in the router gradient of the exact engine (src/population/quadrature.ts): the flow then ascends in the routers',
    file: 'src/population/quadrature.ts',
    search: 'const routersUnit = { rows: m, cols: dim, data: gUnit.data.subarray(0, m * dim) };',
    replace: 'const routersUnit = { rows: m, cols: dim, data: gUnit.data.subarray(0, m * dim).map((v) => -v) };',
    tests: [...ENGINES, ...FLOW],
  },
  {
    id: 'router-gradient-sign-tfjs',
    description: 'sign error in the router gradient of the tfjs SGD step (src/dynamics/sgd/tfLossGrad.ts)',
    file: 'src/dynamics/sgd/tfLossGrad.ts',
    search: 'const cv = tf.mul(r, tf.mul(tf.mul(s, tf.sub(1, s)), h));',
    replace: 'const cv = tf.neg(tf.mul(r, tf.mul(tf.mul(s, tf.sub(1, s)), h)));',
    tests: ENGINES,
  },
  {
    id: 'moment-kernel-coefficient',
    description: 'a wrong coefficient in the tabulated-moment kernel\'s E[He3 He3 | g0, g1] (src/population/kernel/momentKernel.ts: 3 c22 - 2 for the ' +
      'mu1^3 mu2 term), the default pair kernel',
    file: 'src/population/kernel/momentKernel.ts',
    search: 'const h31 = 3 * c22 - 3,',
    replace: 'const h31 = 3 * c22 - 2,',
    tests: ENGINES,
  },
  {
    id: 'moment-kernel-no-fold',
    description: 'the tabulated-moment kernel reads routers at an obtuse angle as if acute, without the g1 -> -g1 symmetry\'s signs ' +
      '(src/population/kernel/momentKernel.ts)',
    file: 'src/population/kernel/momentKernel.ts',
    search: 'const sT = flip ? -1 : 1;',
    replace: 'const sT = 1;',
    tests: ENGINES,
  },
  {
    id: 'exprb43-coefficient',
    description: 'a wrong coefficient in the exponential Rosenbrock step (src/dynamics/flow/exprb43.ts: 15 phi_3 instead of 16 phi_3 on D(U2))',
    file: 'src/dynamics/flow/exprb43.ts',
    search: 'yNew[i] = y[i] + h * (p1[i] + 16 * q3[i] - 48 * q4[i] - 2 * s3[i] + 12 * s4[i]);',
    replace: 'yNew[i] = y[i] + h * (p1[i] + 15 * q3[i] - 48 * q4[i] - 2 * s3[i] + 12 * s4[i]);',
    tests: ['src/dynamics/flow/exprb43.test.ts', 'src/dynamics/flow/integrateFlow.test.ts'],
  },
  {
    id: 'event-time-linear',
    description: 'event times from the straight line between the end points of a step instead of its Hermite dense output ' +
      '(src/dynamics/flow/integrateFlow.ts): threshold crossings off by ~h^2',
    file: 'src/dynamics/flow/integrateFlow.ts',
    search: 'const a = 2 * x3 - 3 * x2 + 1, b = (x3 - 2 * x2 + x) * h, c = 3 * x2 - 2 * x3, e = (x3 - x2) * h;',
    replace: 'const a = 1 - x, b = 0 * h, c = x, e = 0 * x3 * x2;',
    tests: ['src/dynamics/flow/integrateFlow.test.ts'],
  },
  {
    id: 'quadrature-weight-off-by-one',
    description: 'off-by-one in the Gauss-Hermite weights: each positive node takes its inner neighbour\'s weight (src/population/kernel/foldedRule.ts)',
    file: 'src/population/kernel/foldedRule.ts',
    search: 'w[j] = weights[k];',
    replace: 'w[j] = weights[k - 1];',
    tests: ENGINES,
  },
  {
    id: 'pruning-keeps-pair',
    description: 'cancel-groups matches teachers among all students, not only those left after removing cancelling pairs: a pair member aligned ' +
      'with a teacher is kept (src/pipeline/pruning/cancelGroups.ts)',
    file: 'src/pipeline/pruning/cancelGroups.ts',
    search: 'const rest = [...alive].sort((a, b) => a - b);',
    replace: 'const rest = Array.from({ length: m }, (_, i) => i);',
    tests: PRUNING,
  },
  {
    id: 'flow-ascends',
    description: 'the flow integrates +grad instead of -grad for the routers (src/dynamics/flow/integrateFlow.ts)',
    file: 'src/dynamics/flow/integrateFlow.ts',
    search: 'out[i] = -gr[i];',
    replace: 'out[i] = gr[i];',
    tests: FLOW,
  },
  {
    id: 'reduced-basis-swap',
    description: 'the span-reduced flow swaps the teacher\'s router and expert coordinates (src/dynamics/flow/reducedFlow.ts)',
    file: 'src/dynamics/flow/reducedFlow.ts',
    search: 'const [tr, te, sr, se] = coords;',
    replace: 'const [te, tr, sr, se] = coords;',
    tests: FLOW,
  },
  {
    id: 'unseeded-stream',
    description: 'a random stream no longer determined by the root seed (src/core/streams.ts): same seed, different result',
    file: 'src/core/streams.ts',
    search: 'return new Rng(`moe-repro:${this.root}:${name}`);',
    replace: 'return new Rng(`moe-repro:${this.root}:${name}:${Math.random()}`);',
    tests: SGD,
  },
  {
    id: 'sigmoid-flipped',
    description: 'the router gate is sigmoid(-z) instead of sigmoid(z) in the float64 activation (src/model/activations.ts: forward pass, batch ' +
      'gradient, Monte Carlo); the exact engine keeps the right gate',
    file: 'src/model/activations.ts',
    search: 'return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));',
    replace: 'return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));',
    tests: ENGINES,
  },
  {
    id: 'recovery-one-teacher',
    description: 'recovery (C1, and the stop of feature learning at recovery) declared once any one teacher is recovered instead of every teacher (src/measure/events.ts `recoveredNow`)',
    file: 'src/measure/events.ts',
    search: 'return matches.every((mt) => mt.expert >= threshold && mt.router >= threshold);',
    replace: 'return matches.some((mt) => mt.expert >= threshold && mt.router >= threshold);',
    tests: CLAIMS,
  },
  {
    id: 'claim-c2-inverted',
    description: 'claim C2 evaluated the wrong way round: "router before expert" counted as guided (src/claims/pointClaims.ts)',
    file: 'src/claims/pointClaims.ts',
    search: 'const bad = both.filter((r) => !(r.expert! < r.router!));',
    replace: 'const bad = both.filter((r) => !(r.expert! > r.router!));',
    tests: CLAIMS,
  },
  {
    id: 'cancel-tolerance-1e6',
    description: 'cancel-groups uses 10^6 times the scenario\'s cancel tolerance (src/pipeline/pruning/cancelGroups.ts): pairs and groups whose outputs do not cancel are removed as if they did',
    file: 'src/pipeline/pruning/cancelGroups.ts',
    search: 'const { kernel: K, cancelTolerance } = input;',
    replace: 'const { kernel: K } = input;\n    const cancelTolerance = 1e6 * input.cancelTolerance;',
    tests: [...PRUNING, 'src/pipeline/pruning/cancelGroups.test.ts'],
  },
  {
    id: 'claim-c3-gap-20pct',
    description: 'claim C3 counts two recoveries as simultaneous when they are within 20% of the last recovery time instead of 1% (src/claims/pointClaims.ts)',
    file: 'src/claims/pointClaims.ts',
    search: 'export const SEQUENTIAL_GAP = 0.01;',
    replace: 'export const SEQUENTIAL_GAP = 0.2;',
    tests: ['src/claims/pointClaims.test.ts'],
  },
  {
    id: 'claim-c4-two-sided',
    description: 'claim C4 fails when pruning lowers the loss by more than the tolerance (|change| instead of the increase; src/claims/pointClaims.ts)',
    file: 'src/claims/pointClaims.ts',
    search: 'p.kept.length === mStar && p.lossChange <= th.pruneLossTolerance',
    replace: 'p.kept.length === mStar && Math.abs(p.lossChange) <= th.pruneLossTolerance',
    tests: ['src/claims/pointClaims.test.ts'],
  },
  {
    id: 'claim-c6-r2-ignored',
    description: 'claim C6 accepts a slope whatever the fit\'s r^2 (src/claims/runClaims.ts)',
    file: 'src/claims/runClaims.ts',
    search: 'Math.abs(fit.slope - expected) <= tolerance && fit.r2 >= MIN_TIME_LAW_R2',
    replace: 'Math.abs(fit.slope - expected) <= tolerance',
    tests: ['src/claims/runClaims.test.ts'],
  },
  {
    id: 'loss-without-half',
    description: 'the population loss without its 1/2, L = E[(f - f*)^2], in both population engines alike (src/population/quadrature.ts and monteCarlo.ts): '
      + 'they still agree with each other and every contract holds; only values computed elsewhere tell',
    file: 'src/population/quadrature.ts',
    search: 'coef[k] = p === q ? 0.5 * sign : sign;',
    replace: 'coef[k] = p === q ? sign : 2 * sign;',
    more: [{ file: 'src/population/monteCarlo.ts', search: 'const h = 0.5 * diff * diff;', replace: 'const h = diff * diff;' }],
    tests: [...ENGINES, ...GOLDEN],
  },
  {
    id: 'span-sgd-out-of-span-dropped',
    description: 'span-SGD steps without the out-of-span part of the batch gradient (src/dynamics/sgd/spanSgdStep.ts): the directions stay in their ' +
      'span, like the flow, and the noise of online SGD in R^d is missing',
    file: 'src/dynamics/sgd/spanSgdStep.ts',
    search: 'const q = outOfSpan(n2, state.d - K, rng, work.bartlett);',
    replace: 'const q = 0;',
    tests: SPAN,
  },
  {
    id: 'span-sgd-degrees-of-freedom',
    description: 'span-SGD draws the out-of-span noise as if the span had dimension 0: chi variates with d - i degrees of freedom instead of d - K - i ' +
      '(src/dynamics/sgd/spanSgdStep.ts), too much noise by ~d / (d - K)',
    file: 'src/dynamics/sgd/spanSgdStep.ts',
    search: 'const q = outOfSpan(n2, state.d - K, rng, work.bartlett);',
    replace: 'const q = outOfSpan(n2, state.d, rng, work.bartlett);',
    tests: SPAN,
  },
  {
    id: 'span-sgd-no-tangent-projection',
    description: 'span-SGD moves each direction along the whole batch gradient instead of its tangent part g - <g, u> u (src/dynamics/sgd/spanSgdStep.ts `move`)',
    file: 'src/dynamics/sgd/spanSgdStep.ts',
    search: 'const v = u - lr * (gradIn[go + k] - radial * u);',
    replace: 'const v = u - lr * gradIn[go + k];',
    tests: SPAN,
  },
  {
    id: 'bartlett-chi-off-by-one',
    description: 'the Bartlett factor\'s diagonal drawn as chi_{n - i + 1} instead of chi_{n - i} (src/core/bartlett.ts): every out-of-span row one degree of freedom too noisy',
    file: 'src/core/bartlett.ts',
    search: 'if (i < q) out[o + i] = chiVariate(n - i, rng);',
    replace: 'if (i < q) out[o + i] = chiVariate(n - i + 1, rng);',
    tests: SPAN,
  },
];
