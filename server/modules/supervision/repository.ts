/** SQL for supervision notices (督办单); no rules, no authorization. */
import type { Db } from '../../platform/db';

/** One notice by id. */
export function findNotice(db: Db, id: string) {
  return db.selectFrom('supervision_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

export type Notice = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

/** The campaign of the round a problem came from (the notice is issued by that campaign's office), if any. */
export async function roundCampaignId(db: Db, roundId: string | null): Promise<string | null> {
  if (!roundId) return null;
  const round = await db.selectFrom('inspection_rounds').select('campaign_id').where('id', '=', roundId).executeTakeFirst();
  return round?.campaign_id ?? null;
}
