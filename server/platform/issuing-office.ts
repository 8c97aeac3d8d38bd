/**
 * The office that issues a 公文 (创建工作领导小组办公室 of the county — or city — above a region) and its 文号 prefix,
 * from the campaign's title: 示范县创建全国文明城市工作领导小组办公室, 创城办〔2026〕12号.
 */
import { sql } from 'kysely';
import type { CampaignTitle } from '../../common/enums';
import type { Db, Tx } from './db';

const TITLE_WORDS: Record<CampaignTitle, { work: string; prefix: string; short: string }> = {
  civilized_city: { work: '创建全国文明城市', prefix: '创城办', short: '创城办' },
  sanitary_city: { work: '创建国家卫生城市', prefix: '创卫办', short: '创卫办' },
  garden_city: { work: '创建园林城市', prefix: '创园办', short: '创园办' },
  forest_city: { work: '创建森林城市', prefix: '创森办', short: '创森办' },
  clean_city: { work: '创建洁净城市', prefix: '创洁办', short: '创洁办' },
  local: { work: '创建', prefix: '创建办', short: '创建办' },
};

export interface IssuingOffice {
  /** 示范县创建全国文明城市工作领导小组办公室 */
  organ: string;
  /** 县创城办 (how the body refers to the office). */
  short: string;
  /** 文号 prefix: 创城办 */
  prefix: string;
  /** The county (or city) the office belongs to: 示范县 */
  regionName: string;
  regionId: string;
  regionLevel: string;
}

/**
 * The issuing office for a campaign's document about a region. Without a campaign (a problem's 督办单), the campaign
 * of the office's area that is under way is taken (全国文明城市 first).
 */
export async function issuingOffice(db: Db | Tx, campaignId: string | null, regionId: string): Promise<IssuingOffice> {
  campaignId ??=
    (
      await sql<{ id: string }>`
      select c.id from campaigns c join regions cr on cr.id = c.region_id, regions r
      where r.id = ${regionId} and r.path like cr.path || '%'
      order by (c.status = 'active') desc, (c.title_type = 'civilized_city') desc, length(cr.path) desc, c.created_at
      limit 1`.execute(db)
    ).rows[0]?.id ?? null;
  const title = campaignId
    ? ((await db.selectFrom('campaigns').select('title_type').where('id', '=', campaignId).executeTakeFirst())?.title_type as
        CampaignTitle | undefined)
    : undefined;
  // The county (or city) at or above the region; the region itself when it lies above both.
  const { rows } = await sql<{ id: string; name: string; level: string }>`
    select anc.id, anc.name, anc.level from regions r
    join regions anc on r.path like anc.path || '%' and (anc.level in ('county', 'city') or anc.id = r.id)
    where r.id = ${regionId}
    order by (anc.level in ('county', 'city')) desc, length(anc.path) desc limit 1`.execute(db);
  const row = rows[0];
  const words = TITLE_WORDS[title ?? 'local'] ?? TITLE_WORDS.local;
  const levelWord = row?.level === 'city' ? '市' : '县';
  return {
    organ: `${row?.name ?? ''}${words.work}工作领导小组办公室`,
    short: `${levelWord}${words.short}`,
    prefix: words.prefix,
    regionName: row?.name ?? '',
    regionId: row?.id ?? regionId,
    regionLevel: row?.level ?? 'county',
  };
}
