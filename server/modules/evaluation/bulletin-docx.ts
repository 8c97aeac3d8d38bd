/**
 * 考核排名通报 as a 公文 (GB/T 9704, platform/gongwen.ts): 关于2026年11月创建工作考核排名情况的通报 — 总体情况, a ranking
 * table per group, 红榜和黑榜 (with the 约谈/问责 proposals of consecutive black-list months), the units with the most
 * overdue problems, and 下步工作要求. Only a published run is reported (409 before).
 */
import { sql } from 'kysely';
import type { Paragraph, Table } from 'docx';
import { EVALUATION_PROPOSAL_LABELS } from '../../../common/evaluation-workflow';
import { periodLabel } from '../../../common/period';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { assertRunView } from './access';
import { mayReadAll } from './policy';
import {
  body,
  buildGongwen,
  documentNumber,
  heading,
  PT,
  run as textRun,
  subheading,
  subheadingNumber,
  table,
} from '../../platform/gongwen';
import { issuingOffice } from '../../platform/issuing-office';
import { resolveIndicator } from './catalog';
import { findRun } from './repository';
import { readResults } from './read-run';
import { beijingYear } from '../../../common/beijing';

type Item = {
  subjectName: string;
  score: number;
  rank: number;
  list: 'red' | 'black' | null;
  veto: boolean;
  blackStreak: number;
  proposal: 'interview' | 'accountability' | null;
  indicators: Array<{ code: string; name: string; value: number | null; vetoed: boolean }>;
};
type Group = { name: string; items: Item[] };

/** （一）标题。 followed by running text: a body paragraph (it need not keep with the next one, unlike a bare subheading). */
const lead = (i: number, title: string, text: string) =>
  body([textRun(`${subheadingNumber(i)}${title}`, 'subheading', PT.san), textRun(text, 'body', PT.san)]);

/** The shipped 下步工作要求 (what the office edits; each line a paragraph, a leading （一）…。 set in bold). */
export const defaultRequirements = (officeShort: string) =>
  [
    `（一）对标补短。各单位要对照考核指标逐项查找差距，列入黑榜的单位要深刻剖析原因，制定整改措施，于5个工作日内报送${officeShort}。`,
    '（二）压实责任。各单位主要负责同志要亲自研究部署，分管同志要靠前指挥，确保问题整改到位、不反弹。',
    '（三）奖优罚劣。考核结果纳入年度目标绩效考核，红黑榜情况按月兑现奖惩。',
  ].join('\n');

/** The paragraphs of a 下步工作要求 text (blank lines dropped). */
export const requirementLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const score = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0$/, ''));
const names = (items: Item[]) => items.map((i) => i.subjectName).join('、');

export async function buildRunBulletin(ctx: Ctx, runId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const { groups } = (await readResults(ctx, runId)) as unknown as { groups: Group[] };
  const run = (await findRun(ctx.db, runId))!;
  if (run.state !== 'published') throw new AppError('conflict', '考核结果发布后才能生成通报');
  const campaign = await sql<{ region_id: string }>`select region_id from campaigns where id = ${run.campaign_id}`.execute(ctx.db);
  const office = await issuingOffice(ctx.db, run.campaign_id, campaign.rows[0].region_id);
  const date = run.published_at ?? ctx.clock.now();
  const year = beijingYear(date);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from evaluation_runs x
    where x.campaign_id = ${run.campaign_id} and x.published_at is not null
      and extract(year from x.published_at at time zone 'Asia/Shanghai') = ${year}
      and (x.published_at, x.id) <= (${date}::timestamptz, ${run.id}::uuid)`.execute(ctx.db);
  const label = periodLabel(run.period);
  const subjects = groups.reduce((n, g) => n + g.items.length, 0);
  const children: Array<Paragraph | Table> = [];

  children.push(
    body(
      `根据《${run.scheme_name}》，${office.short}对${groups.map((g) => g.name).join('、')}共${subjects}个单位${label}创建工作情况进行了考核，经公示、审定，现将考核排名情况通报如下。`,
    ),
  );

  // 一、总体情况
  children.push(heading(1, '总体情况'));
  groups.forEach((g, i) => {
    const scored = g.items.filter((x) => !x.veto);
    const avg = scored.length ? scored.reduce((s, x) => s + x.score, 0) / scored.length : null;
    const max = scored.length ? Math.max(...scored.map((x) => x.score)) : null;
    const min = scored.length ? Math.min(...scored.map((x) => x.score)) : null;
    const vetoed = g.items.filter((x) => x.veto);
    const parts = [
      `${g.name}共${g.items.length}个单位参加考核`,
      avg !== null ? `平均得分${score(Math.round(avg * 100) / 100)}分` : '',
      max !== null ? `最高${score(max)}分（${names(scored.filter((x) => x.score === max))}）` : '',
      min !== null && min !== max ? `最低${score(min)}分（${names(scored.filter((x) => x.score === min))}）` : '',
    ].filter(Boolean);
    const veto = vetoed.length
      ? `${names(vetoed)}因${[...new Set(vetoed.flatMap((v) => v.indicators.filter((x) => x.vetoed).map((x) => x.name)))].join('、')}被一票否决，列本组末位。`
      : '';
    children.push(lead(i + 1, `${g.name}。`, `${parts.join('，')}。${veto}`));
  });

  // 二、考核排名
  children.push(heading(2, '考核排名'));
  groups.forEach((g, i) => {
    children.push(subheading(i + 1, `${g.name}。`));
    children.push(
      table(
        [
          { header: '名次', width: 10, align: 'center' },
          { header: '单位', width: 40 },
          { header: '总分', width: 16, align: 'right' },
          { header: '结果', width: 34, align: 'center' },
        ],
        g.items.map((x) => [
          String(x.rank),
          x.subjectName,
          score(x.score),
          [x.list === 'red' ? '红榜' : x.list === 'black' ? '黑榜' : '', x.veto ? '一票否决' : ''].filter(Boolean).join('，'),
        ]),
      ),
    );
  });

  // 三、红榜和黑榜
  children.push(heading(3, '红榜和黑榜'));
  const all = groups.flatMap((g) => g.items);
  const red = all.filter((x) => x.list === 'red');
  const black = all.filter((x) => x.list === 'black');
  children.push(lead(1, '红榜。', red.length ? `${names(red)}列入本月红榜，予以通报表扬。` : '本月无单位列入红榜。'));
  children.push(lead(2, '黑榜。', black.length ? `${names(black)}列入本月黑榜，予以通报批评。` : '本月无单位列入黑榜。'));
  const proposals = all.filter((x) => x.proposal);
  if (proposals.length)
    children.push(
      body(
        proposals
          .map((x) => `${x.subjectName}连续${x.blackStreak}个月列入黑榜，按规定予以${EVALUATION_PROPOSAL_LABELS[x.proposal!]}。`)
          .join(''),
      ),
    );

  // 四、超期问题较多的单位
  const overdue = all
    .map((x) => ({ x, n: x.indicators.find((v) => resolveIndicator(v.code)?.code === 'problems.overdue')?.value ?? 0 }))
    .filter((o) => o.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 5);
  children.push(heading(4, '超期问题较多的单位'));
  children.push(
    body(
      overdue.length
        ? `本月超期未整改问题较多的单位是：${overdue.map((o) => `${o.x.subjectName}（${o.n}件）`).join('、')}。请上述单位逐件说明原因，限期整改到位。`
        : '本月参加考核的单位无超期问题。',
    ),
  );

  // 五、下步工作要求
  children.push(heading(5, '下步工作要求'));
  for (const line of requirementLines(run.bulletin_requirements ?? defaultRequirements(office.short))) {
    const m = /^(（[一二三四五六七八九十]+）[^。]{1,20}。)(.*)$/.exec(line);
    children.push(m ? body([textRun(m[1], 'subheading', PT.san), textRun(m[2], 'body', PT.san)]) : body(line));
  }

  const buffer = await buildGongwen({
    organ: office.organ,
    signature: office.organ,
    number: documentNumber(office.prefix, year, Math.max(1, rows[0]?.n ?? 1)),
    title: `关于${label}创建工作考核排名情况的通报`,
    addressee: office.regionLevel === 'city' ? '各县（市、区），市直各有关单位' : '各乡镇（街道），县直各有关单位',
    children,
    date,
  });
  return { fileName: `关于${label}创建工作考核排名情况的通报.docx`, buffer };
}

/** The run's 下步工作要求 as the office edits it: its own text, or the shipped one (office, leaders, task force). */
export async function readBulletinText(ctx: Ctx, runId: string): Promise<{ requirements: string; custom: boolean }> {
  const run = await findRun(ctx.db, runId);
  await assertRunView(ctx.db, ctx.actor, run);
  if (!mayReadAll(ctx.actor, run!)) throw notFound('考核');
  if (run!.bulletin_requirements) return { requirements: run!.bulletin_requirements, custom: true };
  const campaign = await ctx.db.selectFrom('campaigns').select('region_id').where('id', '=', run!.campaign_id).executeTakeFirstOrThrow();
  const office = await issuingOffice(ctx.db, run!.campaign_id, campaign.region_id);
  return { requirements: defaultRequirements(office.short), custom: false };
}
