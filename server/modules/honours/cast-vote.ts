/**
 * 公众投票 on the public door: while the selection's voting window is open (Beijing days, app clock; else 422), for
 * one of its candidates, with a spent proof of work and the door's limits; one vote per person, candidate and Beijing
 * day — a person is a device, an address or a phone (keyed hashes only), so a second vote by any of them that day is
 * 429 (the unique indexes decide, race-free). Each vote keeps its time, the hashes and the browser family; the
 * suspicious-pattern rules run over the selection's recent votes in the same transaction.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { publicVoteBody } from '../../../common/contracts/honours';
import { beijingDay, userAgentFamily } from '../../../common/honours';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { spendChallenge } from '../public-reports/challenge';
import { keyHash, takeRateLimit } from '../public-reports/rate-limit';
import { selectionNotFound } from './access';
import { detectSuspiciousVotes } from './detect-suspicious';
import { phaseOf } from './presenter';
import { findSelection } from './repository';

/** How far back the rules look after each vote (longer than every rule's window). */
const RECENT_MS = 2 * 3600_000;

/** Seconds until the next Beijing midnight. */
function secondsToNextDay(now: Date): number {
  const day = beijingDay(now);
  const next = Date.parse(`${day}T00:00:00+08:00`) + 86_400_000;
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/** Casts a vote; answers the candidate's counted votes. */
export async function castVote(ctx: Ctx, selectionId: string, body: z.output<typeof publicVoteBody>) {
  const now = ctx.clock.now();
  const day = beijingDay(now);
  return ctx.db.transaction().execute(async (tx) => {
    const s = await findSelection(tx, selectionId);
    if (!s) throw selectionNotFound();
    const candidate = await sql<{ id: string }>`select id from honour_nominations
      where id = ${body.candidateId} and selection_id = ${selectionId} and state = 'approved'`.execute(tx);
    if (!candidate.rows.length) throw new AppError('not_found', '候选人不存在');
    const phase = phaseOf(s, now);
    if (phase !== 'voting')
      throw new AppError('unprocessable', `不在投票时间内（投票时间 ${s.voting_starts_on} 至 ${s.voting_ends_on}）`, {
        code: 'voting_closed',
      });
    await spendChallenge(tx, now, body.challenge);
    await takeRateLimit(tx, 'honourVote', { ip: ctx.meta.ip, device: body.deviceId }, now);
    const inserted = await sql<{ id: string }>`insert into honour_votes
        (selection_id, candidate_id, voted_at, vote_day, ip_hash, device_hash, phone_hash, ua_family)
      values (${selectionId}, ${body.candidateId}, ${now}, ${day}::date, ${keyHash('ip', ctx.meta.ip ?? 'unknown')},
        ${keyHash('device', body.deviceId)}, ${body.phone ? keyHash('phone', body.phone) : null}, ${userAgentFamily(ctx.meta.userAgent)})
      on conflict do nothing returning id`.execute(tx);
    if (!inserted.rows.length)
      throw new AppError('rate_limited', '今天已为该候选人投过票，请明天再来', { retryAfterSeconds: secondsToNextDay(now) });
    await detectSuspiciousVotes(tx, selectionId, now, new Date(now.getTime() - RECENT_MS));
    const count = await sql<{ n: number }>`select count(*)::int as n from honour_votes
      where candidate_id = ${body.candidateId} and not is_excluded`.execute(tx);
    return { candidateId: body.candidateId, votes: count.rows[0].n, message: '投票成功，感谢您的参与' };
  });
}
