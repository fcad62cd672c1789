import type { Scenario } from '../generated/scenario.ts';
import { InputError } from '../core/errors.ts';
import { fromRows } from '../core/mat.ts';
import type { MoeParams } from '../model/params.ts';
import { sampleReducedProblem } from '../model/reducedSampling.ts';
import { initStudent, makeTeacher } from '../model/teacher.ts';
import type { SeedStreams } from '../core/streams.ts';

/**
 * Largest d for which the teacher and student are drawn as explicit d-vectors.
 * Above it (engines that work in the span only: the exact flow, span-SGD)
 * they are drawn in the span directly, exactly in distribution
 * (src/model/reducedSampling.ts), since those engines never need more.
 */
export const FULL_D_LIMIT = 20_000;

/** A scenario point's teacher and initial student. */
export interface Problem {
  teacher: MoeParams;
  student: MoeParams;
  /** 'full' (rows in R^d) or 'span' (rows in an r-dimensional basis of the relevant span). */
  representation: 'full' | 'span';
}

/** Draws the teacher (stream 'teacher') and initial student (stream 'student') of a scenario point. */
export function buildProblem(s: Scenario, streams: SeedStreams, engineNeedsVectors: boolean): Problem {
  const { d } = s;
  const t = s.teacher;
  if (d > FULL_D_LIMIT) {
    if (engineNeedsVectors) {
      throw new InputError('d', `d = ${d} is above ${FULL_D_LIMIT}, which only engines working in the span support; use engine 'flow', engine 'sgd' with sgd.space 'span' (or 'auto'), or a smaller d`);
    }
    if (t.geometry !== 'orthonormal' || !t.routersOrthogonalToExperts) {
      const why = `d = ${d} > ${FULL_D_LIMIT} is drawn in the span and supports only geometry 'orthonormal' with routersOrthogonalToExperts: true`;
      throw new InputError('teacher.geometry', `${why}; lower d or change the geometry`);
    }
    const p = sampleReducedProblem(t.experts, s.student.experts, d, streams.stream('teacher'), streams.stream('student'));
    return { teacher: p.teacher, student: p.student, representation: 'span' };
  }
  const geometry = t.geometry === 'explicit'
    ? { kind: 'explicit' as const, routers: fromRows(t.routerDirections!), experts: fromRows(t.expertDirections!) }
    : t.geometry === 'random'
      ? { kind: 'random' as const }
      : { kind: 'orthonormal' as const, routersOrthogonalToExperts: t.routersOrthogonalToExperts };
  const teacher = makeTeacher(t.experts, d, geometry, streams.stream('teacher'));
  const student = initStudent(s.student.experts, d, streams.stream('student'));
  return { teacher, student, representation: 'full' };
}
