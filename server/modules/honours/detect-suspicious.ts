/**
 * Suspicious-vote detection, in SQL (the thresholds are data: common/honours.ts SUSPICION_THRESHOLDS). Each rule
 * inserts a flag per vote it catches with its evidence in numbers (idempotent: one flag per vote and rule):
 * - address_burst: at least N votes from one address (keyed hash) within W seconds, any candidate of the selection;
 * - family_burst: at least N votes for one candidate from one browser family within W seconds;
 * - regular_interval: K consecutive votes for one candidate whose gaps have a small mean and a coefficient of variation
 *   (stddev / mean) below the threshold — a script's metronome, not people.
 * Run after every vote over the recent votes of the selection (`since`), and over all of them when the office looks.
 */
import { sql } from 'kysely';
import { SUSPICION_THRESHOLDS } from '../../../common/honours';
import type { Db, Tx } from '../../platform/db';

/** Flags the suspicious votes of a selection cast since `since` (null: all); returns how many flags were added. */
export async function detectSuspiciousVotes(db: Db | Tx, selectionId: string, now: Date, since: Date | null = null): Promise<number> {
  const from = since ?? new Date(0);
  const a = SUSPICION_THRESHOLDS.address_burst;
  const f = SUSPICION_THRESHOLDS.family_burst;
  const r = SUSPICION_THRESHOLDS.regular_interval;
  let added = 0;

  const bursts = [
    {
      rule: 'address_burst',
      t: a,
      key: sql`v.ip_hash = h.ip_hash`,
      wkey: sql`w.ip_hash = v.ip_hash`,
      extra: sql`'addressTag', left(h.ip_hash, 8)`,
    },
    {
      rule: 'family_burst',
      t: f,
      key: sql`v.candidate_id = h.candidate_id and v.ua_family = h.ua_family`,
      wkey: sql`w.candidate_id = v.candidate_id and w.ua_family = v.ua_family`,
      extra: sql`'family', h.ua_family`,
    },
  ] as const;
  for (const b of bursts) {
    const within = sql`w.selection_id = v.selection_id and ${b.wkey}
      and w.voted_at > v.voted_at - make_interval(secs => ${b.t.windowSeconds}) and w.voted_at <= v.voted_at`;
    const res = await sql`
      with counted as (
        select v.id, v.ip_hash, v.candidate_id, v.ua_family, v.voted_at,
          (select count(*) from honour_votes w where ${within})::int as n,
          (select min(w.voted_at) from honour_votes w where ${within}) as first_at
        from honour_votes v where v.selection_id = ${selectionId} and v.voted_at >= ${from}
      ), hit as (select * from counted where n >= ${b.t.count})
      insert into honour_vote_flags (selection_id, vote_id, rule, evidence, detected_at)
      select distinct on (v.id) ${selectionId}::uuid, v.id, ${b.rule},
        json_build_object('count', h.n, 'windowSeconds', ${b.t.windowSeconds}::int, 'threshold', ${b.t.count}::int,
          'firstAt', h.first_at, 'lastAt', h.voted_at, ${b.extra})::jsonb,
        ${now}
      from hit h join honour_votes v on v.selection_id = ${selectionId} and ${b.key}
          and v.voted_at >= h.first_at and v.voted_at <= h.voted_at
      order by v.id, h.n desc, h.voted_at
      on conflict (vote_id, rule) do nothing`.execute(db);
    added += Number(res.numAffectedRows ?? 0);
  }

  const res = await sql`
    with g as (
      select id, candidate_id, voted_at, row_number() over w as rn,
        extract(epoch from voted_at - lag(voted_at) over w)::float8 as gap
      from honour_votes where selection_id = ${selectionId} and voted_at >= ${from}
      window w as (partition by candidate_id order by voted_at, id)
    ), s as (
      select candidate_id, rn, voted_at, count(gap) over fr as n, avg(gap) over fr as mean, stddev_pop(gap) over fr as sd
      from g window fr as (partition by candidate_id order by rn rows between ${sql.raw(String(r.votes - 2))} preceding and current row)
    ), hit as (
      select *, case when mean > 0 then sd / mean else 0 end as cv from s
      where n = ${r.votes - 1} and mean <= ${r.maxMeanGapSeconds} and (mean = 0 or sd / mean < ${r.maxCv})
    )
    insert into honour_vote_flags (selection_id, vote_id, rule, evidence, detected_at)
    select distinct on (g.id) ${selectionId}::uuid, g.id, 'regular_interval',
      json_build_object('votes', ${r.votes}::int, 'meanGapSeconds', round(h.mean::numeric, 2), 'stddevSeconds', round(h.sd::numeric, 3),
        'cv', round(h.cv::numeric, 4), 'threshold', ${r.maxCv}::float8, 'lastAt', h.voted_at)::jsonb,
      ${now}
    from hit h join g on g.candidate_id = h.candidate_id and g.rn between h.rn - ${r.votes - 1} and h.rn
    order by g.id, h.cv
    on conflict (vote_id, rule) do nothing`.execute(db);
  added += Number(res.numAffectedRows ?? 0);
  return added;
}
