/** The shape every workflow verb file exports; transition-problem.ts runs them all through one recipe. */
import type { z } from 'zod';
import type { ProblemAction, ProblemState } from '../../../common/problem-workflow';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import type { ProblemsTable } from '../../platform/schema';
import type { ProblemRow } from './repository';

export interface VerbResult {
  /** Column changes besides state and version. */
  set: Partial<{ [K in keyof ProblemsTable]: unknown }>;
  to: ProblemState;
  /** Shown in the timeline. */
  event?: Record<string, unknown>;
  photos?: { ids: string[]; stage: 'rectification' | 'verification' };
  /** Runs in the same transaction after the row is updated (notifications, linked records). */
  after?: (tx: Tx) => Promise<Record<string, unknown> | void>;
}

export interface Verb<S extends z.ZodType = z.ZodType> {
  action: ProblemAction;
  payload: S;
  /** Checks that need the database, done before the transaction (e.g. the target unit exists). */
  check?: (ctx: Ctx, p: ProblemRow, payload: z.infer<S>) => Promise<void>;
  apply: (ctx: Ctx, tx: Tx, p: ProblemRow, payload: z.infer<S>) => Promise<VerbResult>;
}

/** Declares a verb with its payload type inferred. */
export function defineVerb<S extends z.ZodType>(v: Verb<S>): Verb<S> {
  return v;
}

/** Link to a problem page (used in notifications). */
export const problemLink = (id: string) => `/problems/${id}`;
