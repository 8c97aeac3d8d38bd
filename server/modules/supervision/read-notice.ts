/** A 督办单 and its problem, for an actor who may read the problem; otherwise 404 (as the problem itself answers). */
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { canReadProblem } from '../problems/policy';
import { findProblem, type ProblemRow } from '../problems/repository';
import { findNotice, type Notice } from './repository';

export async function readNotice(ctx: Ctx, id: string): Promise<{ notice: Notice; problem: ProblemRow }> {
  const notice = await findNotice(ctx.db, id);
  const problem = notice ? await findProblem(ctx.db, notice.problem_id) : undefined;
  if (!notice || !problem || !canReadProblem(ctx.actor, problem)) throw notFound('督办单');
  return { notice, problem };
}
