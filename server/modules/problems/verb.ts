/** The shape every problem verb file exports: its effects only; the kernel (platform/workflow.ts) runs the recipe. */
import type { z } from 'zod';
import { PROBLEM_PAYLOADS } from '../../../common/problem-actions';
import type { ProblemAction, ProblemState } from '../../../common/problem-workflow';
import type { VerbEffects, WorkflowVerb } from '../../platform/workflow';
import type { ProblemRow } from './repository';

/** Problem-specific effects the runtime records: photos attached at a stage. */
export interface ProblemExtra {
  photos?: { ids: string[]; stage: 'rectification' | 'verification' };
}

export type ProblemEffects = VerbEffects<ProblemState, ProblemExtra>;
export type Verb<A extends ProblemAction = ProblemAction> = WorkflowVerb<
  ProblemRow,
  ProblemAction,
  ProblemState,
  z.infer<(typeof PROBLEM_PAYLOADS)[A]>,
  ProblemExtra
>;

/** Declares a verb; its payload type comes from the action's schema in common/problem-actions.ts. */
export function defineVerb<A extends ProblemAction>(v: { action: A } & Omit<Verb<A>, 'action'>): Verb<A> {
  return v;
}

/** Link to a problem page (used in notifications). */
export const problemLink = (id: string) => `/problems/${id}`;
