import type { Claim } from '../generated/metrics.ts';

/** A claim's id, C1-C6. */
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
  C4: { title: 'Pruning removes the redundant experts, keeping the function', short: 'pruning keeps the function' },
  C5: { title: 'Fine-tuning converges to the global optimum', short: 'fine-tuning to zero loss' },
  C6: { title: 'Feature-learning time scales like sqrt(d)', short: 'sqrt(d) time law' },
};
