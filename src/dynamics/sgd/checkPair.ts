import { InputError } from '../../core/errors.ts';
import type { MoeParams } from '../../model/params.ts';
import { checkDirections } from '../../model/validate.ts';

/**
 * Checks that a teacher and a student are valid MoEs in the same dimension d
 * (finite, non-zero rows; as many routers as experts) and returns d, m, m*.
 */
export function checkPair(teacher: MoeParams, student: MoeParams): { d: number; m: number; mStar: number } {
  const d = teacher.routers.cols;
  for (const [name, p] of [['teacher', teacher], ['student', student]] as const) {
    checkDirections(`${name}.routers`, p.routers, d);
    checkDirections(`${name}.experts`, p.experts, d);
    if (p.routers.rows !== p.experts.rows) {
      throw new InputError(name, `has ${p.routers.rows} routers but ${p.experts.rows} experts; give one router per expert`);
    }
  }
  return { d, m: student.routers.rows, mStar: teacher.routers.rows };
}
