/* eslint-disable */
/**
 * generated, do not edit: compiled from schemas/params.schema.json by tools/gen-types.ts
 * (run `npm run gen:types` after changing the schema).
 * Properties with a default are required here: loaders fill every default.
 */

/**
 * Parameters of a teacher and a student soft-routed MoE in one input dimension d, as read by the CLI (e.g. `moe-repro loss PARAMS.json`). One row per expert;
 * rows have length d and are normalised on read (the model only uses directions). Unknown keys are errors.
 */
export interface ParamsFile {
  /**
   * Optional pointer to this schema, for editors. Ignored by moe-repro.
   */
  $schema?: string;
  /**
   * Input dimension d: every row has d entries.
   */
  d: number;
  teacher: MoeRows;
  student: MoeRows;
}
/**
 * A soft-routed MoE f(x) = sum_i sigmoid(<v_i/|v_i|, x>) He3(<w_i/|w_i|, x>): the teacher (m* experts) or the student (m experts). Row i of routers is v_i, row
 * i of experts is w_i; both have the same number of rows.
 */
export interface MoeRows {
  /**
   * Router directions v_i, one row per expert. One row per expert, each a non-zero vector of d finite numbers.
   *
   * @minItems 1
   */
  routers: number[][];
  /**
   * Expert directions w_i, one row per expert. One row per expert, each a non-zero vector of d finite numbers.
   *
   * @minItems 1
   */
  experts: number[][];
}
