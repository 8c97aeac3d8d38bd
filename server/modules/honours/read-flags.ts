/**
 * 可疑投票 for the office: the selection's flagged votes (detection runs over all of them first, so nothing waits for
 * the next vote), each with every rule that caught it and the evidence in numbers; filtered by rule and exclusion,
 * paged. Addresses and devices show only as short tags of their keyed hashes (which votes came from one source).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { flagsQuery } from '../../../common/contracts/honours';
import { describeEvidence, type SuspicionRule } from '../../../common/honours';
import type { Ctx } from '../../platform/context';
import { assertOversee, mayReadSelection, selectionNotFound } from './access';
import { detectSuspiciousVotes } from './detect-suspicious';
import { findSelection } from './repository';

/** A page of flagged votes with their evidence. */
export async function readFlags(ctx: Ctx, selectionId: string, q: z.output<typeof flagsQuery>) {
  const s = await findSelection(ctx.db, selectionId);
  if (!s || !mayReadSelection(ctx.actor, s)) throw selectionNotFound();
  assertOversee(ctx.actor, s);
  if (s.state === 'open') await detectSuspiciousVotes(ctx.db, selectionId, ctx.clock.now());
  const where = sql.join(
    [
      sql`v.selection_id = ${selectionId}`,
      sql`exists (select 1 from honour_vote_flags f where f.vote_id = v.id ${q.rule ? sql`and f.rule = ${q.rule}` : sql``})`,
      q.excluded === undefined ? sql`true` : sql`v.is_excluded = ${q.excluded}`,
    ],
    sql` and `,
  );
  const rows = await sql<{
    id: string;
    candidate_id: string;
    nominee_name: string;
    voted_at: Date;
    ua_family: string;
    ip_hash: string;
    device_hash: string;
    is_excluded: boolean;
    excluded_reason: string | null;
    rules: Array<{ rule: SuspicionRule; evidence: Record<string, unknown> }>;
  }>`select v.id, v.candidate_id, n.nominee_name, v.voted_at, v.ua_family, v.ip_hash, v.device_hash, v.is_excluded, v.excluded_reason,
      (select json_agg(json_build_object('rule', f.rule, 'evidence', f.evidence) order by f.rule) from honour_vote_flags f where f.vote_id = v.id) as rules
    from honour_votes v join honour_nominations n on n.id = v.candidate_id
    where ${where} order by v.voted_at, v.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  const total = await sql<{ n: number }>`select count(*)::int as n from honour_votes v where ${where}`.execute(ctx.db);
  return {
    total: total.rows[0].n,
    items: rows.rows.map((r) => ({
      voteId: r.id,
      candidateId: r.candidate_id,
      candidateName: r.nominee_name,
      votedAt: r.voted_at,
      uaFamily: r.ua_family,
      addressTag: r.ip_hash.slice(0, 8),
      deviceTag: r.device_hash.slice(0, 8),
      rules: r.rules.map((x) => ({ rule: x.rule, evidence: x.evidence, text: describeEvidence(x.rule, x.evidence) })),
      isExcluded: r.is_excluded,
      excludedReason: r.excluded_reason,
    })),
  };
}
