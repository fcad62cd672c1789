import { fromRows } from '../src/core/mat.ts';
import type { TeacherStudent } from '../src/model/params.ts';

/**
 * The one-pair configuration of src/theory/onePairRates.ts in R^4: teacher
 * router e1 and expert e2, student router rho e1 + sqrt(1 - rho^2) e3 and
 * expert e e2 + sqrt(1 - e^2) e4, so every router is orthogonal to every
 * expert and the only overlaps are rho and e.
 */
export function orthogonalPair(e: number, rho: number): TeacherStudent {
  return {
    d: 4,
    teacher: { routers: fromRows([[1, 0, 0, 0]]), experts: fromRows([[0, 1, 0, 0]]) },
    student: {
      routers: fromRows([[rho, 0, Math.sqrt(1 - rho * rho), 0]]),
      experts: fromRows([[0, e, 0, Math.sqrt(1 - e * e)]]),
    },
  };
}
