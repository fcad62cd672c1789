/**
 * The public API for writing a pruning rule: `import ... from 'moe-repro/pruning'`
 * in a module anywhere on disk. A rule exports a {@link PruningRule} as
 * `pruningRule` or `default`: a name and `prune(input)` returning which
 * students stay; the pipeline measures the loss before and after and judges
 * claim C4. The built-in rules are exported to build on, with the helpers
 * they use (alignments, the one-to-one matching, the output kernel
 * K_ij = E[f_i f_j] and the squared norm of a group's summed output).
 */
export type { PruningDecision, PruningInput, PruningRule, Removal } from '../pipeline/pruning/rule.ts';
export type { MoeParams } from '../model/params.ts';
export type { Mat } from '../core/mat.ts';
export type { Alignments } from '../measure/alignment.ts';
export type { TeacherMatch } from '../measure/matching.ts';
export { cancelGroups } from '../pipeline/pruning/cancelGroups.ts';
export { bestAligned } from '../pipeline/pruning/bestAligned.ts';
export { alignments } from '../measure/alignment.ts';
export { matchStudents } from '../measure/matching.ts';
export { groupNormSquared, kernelMatrix } from '../population/kernelMatrix.ts';
export { populationLoss } from '../population/quadrature.ts';
export { fromRows, toRows } from '../core/mat.ts';
