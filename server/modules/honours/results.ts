/**
 * 评选结果, in SQL: per candidate the counted votes (excluded ones left out), the vote score (100 × votes ÷ the most
 * any candidate has), the review score the office entered, the final score by the selection's weights (data) and the
 * rank. common/honours.ts has the same formula in JS (voteScore, finalScore) for the unit tests and the web.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db';
import type { Ctx } from '../../platform/context';
import { assertOversee, mayReadSelection, selectionNotFound } from './access';
import { findSelection } from './repository';

export interface ResultRow {
  candidate_id: string;
  nominee_name: string;
  category_code: string;
  category_name: string;
  votes: number;
  excluded_votes: number;
  vote_score: number;
  review_score: number | null;
  final_score: number;
  rank: number;
  is_winner: boolean;
}

/** The ranking of a selection's candidates. */
export async function rankingOf(db: Db | Tx, selectionId: string, w: { vote: number; review: number }): Promise<ResultRow[]> {
  const r = await sql<ResultRow>`
    with c as (
      select n.id as candidate_id, n.nominee_name, n.category_code, coalesce(cat.name, n.category_code) as category_name,
        n.review_score::float8 as review_score, n.is_winner,
        (select count(*)::int from honour_votes v where v.candidate_id = n.id and not v.is_excluded) as votes,
        (select count(*)::int from honour_votes v where v.candidate_id = n.id and v.is_excluded) as excluded_votes
      from honour_nominations n left join honour_categories cat on cat.code = n.category_code
      where n.selection_id = ${selectionId} and n.state = 'approved'
    ), scored as (
      select c.*, case when m.mx > 0 then round(100.0 * c.votes / m.mx, 2) else 0 end::float8 as vote_score
      from c cross join (select max(votes) as mx from c) m
    ), f as (
      select scored.*, round((vote_score * ${w.vote} + coalesce(review_score, 0) * ${w.review})::numeric, 2)::float8 as final_score from scored
    )
    select f.*, rank() over (order by final_score desc)::int as rank from f order by rank, votes desc, nominee_name, candidate_id`.execute(
    db,
  );
  return r.rows;
}

/** The results as the office, leaders and task force see them. */
export async function readResults(ctx: Ctx, selectionId: string) {
  const s = await findSelection(ctx.db, selectionId);
  if (!s || !mayReadSelection(ctx.actor, s)) throw selectionNotFound();
  assertOversee(ctx.actor, s);
  const rows = await rankingOf(ctx.db, selectionId, { vote: s.vote_weight, review: s.review_weight });
  return {
    voteWeight: s.vote_weight,
    reviewWeight: s.review_weight,
    winnersCount: s.winners_count,
    categoryQuotas: s.category_quotas,
    items: rows.map((r) => ({
      candidateId: r.candidate_id,
      nomineeName: r.nominee_name,
      categoryCode: r.category_code,
      categoryName: r.category_name,
      votes: r.votes,
      excludedVotes: r.excluded_votes,
      voteScore: r.vote_score,
      reviewScore: r.review_score,
      finalScore: r.final_score,
      rank: r.rank,
      isWinner: r.is_winner,
    })),
  };
}
