import type { Claim } from '../generated/metrics.ts';

/** A claim's id: the paper's C1-C6 and the theory's C7-C11. */
export type ClaimId = Claim['id'];

/**
 * The one source of the claims' names: `title` is what metrics.json, the
 * report's claims table and the CLI print; `short` is the name of the claim
 * in the verification report's tables. docs/claims.md states each claim and
 * how it is decided.
 */
export const CLAIMS: Readonly<Record<ClaimId, { readonly title: string; readonly short: string }>> = {
  C1: { title: 'Recovery of the teacher', short: 'recovery' },
  C2: { title: 'Feature learning guided by the experts', short: 'experts before routers' },
  C3: { title: 'Sequential recovery, one teacher after another', short: 'sequential recovery' },
  C4: { title: 'Pruning keeps the function unchanged', short: 'pruning keeps the function' },
  C5: { title: 'Fine-tuning converges to the global optimum', short: 'fine-tuning to zero loss' },
  C6: { title: 'Feature-learning time scales like sqrt(d) / z', short: 'sqrt(d) / z time law' },
  C7: { title: 'Escape law: the first expert time from the one-pair closed form', short: 'escape law (one-pair)' },
  C8: { title: 'Guided by the experts, quantitatively: router small at the expert time, O(1) lag as predicted', short: 'router lag' },
  C9: { title: 'Every expert time from the multi-pair leading-order model', short: 'multi-pair model' },
  C10: { title: 'Fine-tuning rate equals 2 lambda_min of the Hessian at the optimum', short: 'fine-tuning rate' },
  C11: { title: 'Pruning leaves the recovered student of each teacher, and fine-tuning reaches the optimum', short: 'pruning as the paper states it' },
};
