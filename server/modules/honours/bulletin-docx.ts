/**
 * 好人榜 .docx for the bulletin (公文 layout, platform/gongwen.ts): 关于发布<title>结果的通知, issued by the 精神文明建设
 * 委员会办公室 of the selection's region; one table of the winners (姓名, 类别, 单位或住址, 事迹) grouped by category,
 * then each winner's deeds in a paragraph. Contacts and recommenders are never in it. Published selections only.
 */
import { sql } from 'kysely';
import { SELECTION_KIND_LABELS } from '../../../common/honours';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { blankLine, body, buildGongwen, documentNumber, heading, table } from '../../platform/gongwen';
import { mayReadSelection, selectionNotFound } from './access';
import { findSelection } from './repository';

const periodText = (p: string) => (p.length === 7 ? `${p.slice(0, 4)}年${Number(p.slice(5))}月` : `${p}年度`);

/** Builds the bulletin of a published selection. */
export async function buildHonourBulletin(ctx: Ctx, selectionId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const s = await findSelection(ctx.db, selectionId);
  if (!s || !mayReadSelection(ctx.actor, s)) throw selectionNotFound();
  if (s.state !== 'published' || !s.published_at) throw new AppError('unprocessable', '评选结果发布后才能生成公告名单');
  const winners = await sql<{ nominee_name: string; category_name: string; affiliation: string | null; headline: string; story: string }>`
    select n.nominee_name, coalesce(c.name, n.category_code) as category_name, n.affiliation, n.headline, n.story
    from honour_nominations n left join honour_categories c on c.code = n.category_code
    where n.selection_id = ${s.id} and n.is_winner order by c.sort, n.nominee_name`.execute(ctx.db);
  const year = Number(s.published_at.toISOString().slice(0, 4));
  const seq = await sql<{ n: number }>`select count(*)::int as n from honour_selections
    where region_id = ${s.region_id} and state = 'published' and published_at <= ${s.published_at}
      and extract(year from published_at) = ${year}`.execute(ctx.db);
  const organ = `${s.region_name}精神文明建设委员会办公室`;
  const kind = SELECTION_KIND_LABELS[s.kind].replace(/（.*）/, '');
  const title = `关于发布${s.title}结果的通知`;
  const rows = winners.rows.map((w, i) => [String(i + 1), w.nominee_name, w.category_name, w.affiliation ?? '', w.headline]);
  const buffer = await buildGongwen({
    organ,
    number: documentNumber(`${s.region_name.replace(/(县|市|区|镇|乡|街道|村|社区)$/, '')}文明办`, year, seq.rows[0].n),
    title,
    addressee: `各乡镇（街道）、各有关单位`,
    date: s.published_at,
    children: [
      body(
        `${periodText(s.period)}${kind}评选活动经单位推荐、群众推荐、资格审核、公示投票和评审，按照投票得分占 ${Math.round(
          s.vote_weight * 100,
        )}%、评审得分占 ${Math.round(s.review_weight * 100)}% 综合计算，确定${winners.rows.length}名（个）当选。现将名单予以发布。`,
      ),
      body('希望当选者珍惜荣誉、再接再厉。各单位要广泛宣传他们的先进事迹，引导广大群众见贤思齐、崇德向善。'),
      heading(1, `${s.title}名单`),
      table(
        [
          { header: '序号', width: 8, align: 'center' },
          { header: '姓名', width: 14, align: 'center' },
          { header: '类别', width: 14, align: 'center' },
          { header: '单位或住址', width: 28 },
          { header: '主要事迹', width: 36 },
        ],
        rows,
      ),
      blankLine(),
      heading(2, '当选者事迹简介'),
      ...winners.rows.map((w) => body(`${w.nominee_name}（${w.category_name}）：${w.story}`)),
    ],
  });
  return { fileName: `${s.title}名单.docx`, buffer };
}
