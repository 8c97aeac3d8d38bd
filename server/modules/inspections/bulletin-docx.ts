/**
 * 情况通报 of a round as a 公文 (GB/T 9704, platform/gongwen.ts): 基本情况 with the comparison to the previous round
 * in 个百分点, 测评结果 by site type and by town, 存在的主要问题 with the 典型问题 and their photos (the evidence copies
 * the round took, read through the storage interface), 工作要求, and two attachments: the site scores and the problem
 * list. Only a released round is reported (the route refuses an unreleased 暗访).
 */
import sharp from 'sharp';
import { sql } from 'kysely';
import type { Paragraph, Table } from 'docx';
import type { Db } from '../../platform/db';
import {
  blankLine,
  body,
  buildGongwen,
  documentNumber,
  figure,
  heading,
  percent,
  percentagePoints,
  subheading,
  table,
} from '../../platform/gongwen';
import { issuingOffice } from '../../platform/issuing-office';
import { chinesePeriod } from '../../platform/xlsx';
import type { FileStorage } from '../../platform/storage';
import type { roundReport } from './report';
import type { RoundRow } from './repository';
import { roundProblems, type RoundProblem } from './round-problems';
import { roundSubject } from './round-title';
import { beijingYear } from '../../../common/beijing';

type Report = Awaited<ReturnType<typeof roundReport>>;
type Group = Report['bySiteType'][number];

/** How many 典型问题 the bulletin shows with their photos. */
const TYPICAL = 6;

/** 文号 number: the round's place among the reported rounds of the office's area in its year. */
async function bulletinNumber(db: Db, r: RoundRow, officePath: string, year: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from inspection_rounds x join regions g on g.id = x.region_id
    where g.path like ${`${officePath}%`} and x.campaign_id = ${r.campaign_id}
      and (not x.is_covert or x.released_at is not null)
      and extract(year from coalesce(x.released_at, x.start_date::timestamptz) at time zone 'Asia/Shanghai') = ${year}
      and (coalesce(x.released_at, x.created_at), x.id) <= (${r.released_at ?? r.created_at}::timestamptz, ${r.id}::uuid)`.execute(db);
  return Math.max(1, rows[0]?.n ?? 1);
}

function bestAndWorst(groups: Group[], what: string): string {
  const rated = groups.filter((g) => g.avgScoreRate !== null);
  if (rated.length < 2) return '';
  const sorted = [...rated].sort((a, b) => (b.avgScoreRate ?? 0) - (a.avgScoreRate ?? 0));
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  return `从${what}看，平均得分率最高的是${best.name}（${percent(best.avgScoreRate)}），最低的是${worst.name}（${percent(worst.avgScoreRate)}）。`;
}

const trimEnd = (text: string) => text.replace(/[。；;，,\s]+$/u, '');

/** What was wrong, in a sentence: the standard not met and the inspector's note, or the report's own description. */
function finding(p: RoundProblem): string {
  if (p.standardText && p.description.startsWith('【')) {
    const note = /（([^（）]*)）$/u.exec(p.description)?.[1];
    return `${p.standardCode ? `${p.standardCode} ` : ''}“${trimEnd(p.standardText)}”不符合要求${note ? `，${trimEnd(note)}` : ''}`;
  }
  return trimEnd(p.description);
}

function problemLine(p: RoundProblem): string {
  const where = p.site ?? p.town ?? '';
  const unit = p.unit ? `（包保单位：${p.unit}）` : '';
  return `${where}${unit}：${finding(p)}。`;
}

const GROUP_COLUMNS = (name: string) => [
  { header: name, width: 30 },
  { header: '点位数', width: 12, align: 'right' as const },
  { header: '平均得分率', width: 16, align: 'right' as const },
  { header: '达标率', width: 14, align: 'right' as const },
  { header: '发现问题', width: 14, align: 'right' as const },
];
const groupRows = (groups: Group[], overall: Group) => [
  ...groups.map((g) => [g.name, String(g.sites), percent(g.avgScoreRate), percent(g.passRate), String(g.failures)]),
  ['合计', String(overall.sites), percent(overall.avgScoreRate), percent(overall.passRate), String(overall.failures)],
];

/** The groups that fall below the line, in words: 公交站点、主次干道达标率为0. */
function weakest(groups: Group[]): string {
  const none = groups.filter((g) => g.visited > 0 && g.passRate === 0).map((g) => g.name);
  return none.length ? `其中${none.join('、')}无一达标。` : '';
}

/** Builds the bulletin document for a released (or non-covert) round. */
export async function buildBulletin(db: Db, storage: FileStorage, r: RoundRow, report: Report, now: Date): Promise<Buffer> {
  const office = await issuingOffice(db, r.campaign_id, r.region_id);
  const officePath =
    (await db.selectFrom('regions').select('path').where('id', '=', office.regionId).executeTakeFirst())?.path ?? r.region_path;
  const date = r.released_at ? new Date(r.released_at) : now;
  const year = beijingYear(date);
  const number = documentNumber(office.prefix, year, await bulletinNumber(db, r, officePath, year));
  const subject = roundSubject(r);
  const o = report.overall;
  const problems = await roundProblems(db, r.id);
  const children: Array<Paragraph | Table> = [];

  const method = r.is_covert ? '按照“不发通知、不打招呼、不听汇报、不用陪同、直奔现场”的要求，采取暗访方式' : '按照全覆盖、严标准的要求';
  children.push(
    body(
      `为深入推进${r.campaign_name.replace(/（.*?）$/u, '')}工作，${chinesePeriod(r.start_date, r.end_date)}，${office.short}${method}，对${r.region_name}${o.sites}个点位开展了${subject}。现将有关情况通报如下：`,
    ),
  );

  // 一、基本情况
  children.push(heading(1, '基本情况'));
  children.push(
    body(
      `本轮共抽取点位${o.sites}个，实地测评${o.visited}个，平均得分率${percent(o.avgScoreRate)}，达标率${percent(o.passRate)}（达标线为得分率${percent(report.round.threshold)}），共发现问题${o.failures}个。`,
    ),
  );
  children.push(
    body(
      report.previous
        ? `与上一轮相比，平均得分率${percentagePoints(report.previous.change.avgScoreRate)}，达标率${percentagePoints(report.previous.change.passRate)}；发现问题由${report.previous.overall.failures}个${o.failures === report.previous.overall.failures ? '持平' : o.failures > report.previous.overall.failures ? `增加到${o.failures}个` : `减少到${o.failures}个`}。`
        : '本轮为该类督查的首轮，暂无对比数据。',
    ),
  );

  // 二、测评结果
  children.push(heading(2, '测评结果'));
  children.push(subheading(1, '按点位类型。', `${bestAndWorst(report.bySiteType, '点位类型')}${weakest(report.bySiteType)}`));
  children.push(table(GROUP_COLUMNS('点位类型'), groupRows(report.bySiteType, o)), blankLine());
  children.push(subheading(2, '按乡镇（街道）。', `${bestAndWorst(report.byRegion, '乡镇（街道）')}${weakest(report.byRegion)}`));
  children.push(table(GROUP_COLUMNS('乡镇（街道）'), groupRows(report.byRegion, o)), blankLine());
  const failing = report.bySite.filter((s) => s.meetsThreshold === false);
  children.push(
    subheading(
      3,
      '未达标点位。',
      failing.length
        ? `共${failing.length}个点位未达标：${failing
            .slice(0, 10)
            .map((s) => `${s.name}（${s.unit ?? '包保单位未明确'}，得分率${percent(s.scoreRate)}）`)
            .join('、')}${failing.length > 10 ? `等，详见附件1` : ''}。`
        : '本轮实地测评的点位均达到达标线。',
    ),
  );

  // 三、存在的主要问题
  children.push(heading(3, '存在的主要问题'));
  if (!problems.length) {
    children.push(body('本轮未发现问题。'));
  } else {
    // Where the problems are: by category when they differ, else (all 测评标准不达标) by site type.
    const key =
      new Set(problems.map((p) => p.category)).size > 1 ? (p: RoundProblem) => p.category : (p: RoundProblem) => p.siteType ?? p.category;
    const counts = new Map<string, number>();
    for (const p of problems) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    children.push(
      subheading(
        1,
        '问题分布。',
        `本轮共发现问题${problems.length}个，主要集中在${top.map(([c, n]) => `${c}（${n}个）`).join('、')}${counts.size > 3 ? '等' : ''}。问题清单见附件2。`,
      ),
    );
    const typical = problems.filter((p) => p.evidenceKey).slice(0, TYPICAL);
    const shown = typical.length ? typical : problems.slice(0, TYPICAL);
    children.push(subheading(2, '典型问题。', typical.length ? '现将部分典型问题及现场照片通报如下：' : ''));
    let figureNo = 0;
    for (const [i, p] of shown.entries()) {
      children.push(body(`${i + 1}. ${problemLine(p)}`));
      if (!p.evidenceKey) continue;
      try {
        const image = await storage.get(p.evidenceKey);
        const meta = await sharp(image).metadata();
        figureNo += 1;
        children.push(
          ...figure(
            image,
            { width: meta.width ?? 800, height: meta.height ?? 600 },
            `图${figureNo}\u3000${p.site ?? p.town ?? ''}（${p.standardCode ?? p.code}）`,
          ),
        );
      } catch {
        children.push(body('（现场照片文件缺失）'));
      }
    }
  }

  // 四、工作要求
  children.push(heading(4, '工作要求'));
  children.push(
    subheading(
      1,
      '立即整改到位。',
      '各责任单位要对照问题清单逐项整改，能立即整改的立行立改，需要一定时间整改的明确时限、责任人和措施，整改情况及整改前后对比照片于5个工作日内报送' +
        office.short +
        '。',
    ),
  );
  children.push(
    subheading(2, '举一反三抓长效。', '各乡镇（街道）、各包保单位要举一反三，对同类点位开展自查，建立常态长效管理机制，防止问题反弹。'),
  );
  children.push(
    subheading(3, '强化督查问责。', `${office.short}将适时开展“回头看”，对整改不力、问题反弹的单位予以通报，并纳入年度创建工作考核。`),
  );

  const siteRows = report.bySite.map((s, i) => [
    String(i + 1),
    s.name,
    s.siteType,
    s.region,
    s.unit ?? '',
    s.scoreRate === null ? '未测评' : percent(s.scoreRate),
    s.meetsThreshold === null ? '未测评' : s.meetsThreshold ? '达标' : '未达标',
  ]);
  const problemRows = problems.map((p, i) => [String(i + 1), p.code, p.site ?? p.town ?? '', p.unit ?? '', finding(p)]);

  return buildGongwen({
    organ: office.organ,
    number,
    title: `关于${subject}情况的通报`,
    addressee: office.regionLevel === 'city' ? '各县（市、区），市直各有关单位' : '各乡镇（街道），县直各有关单位',
    children,
    attachments: [
      {
        title: `${subject}点位测评得分表`,
        children: [
          table(
            [
              { header: '序号', width: 8, align: 'center' },
              { header: '点位', width: 20 },
              { header: '类型', width: 16 },
              { header: '所属区域', width: 13 },
              { header: '包保单位', width: 21 },
              { header: '得分率', width: 11, align: 'right' },
              { header: '结果', width: 11, align: 'center' },
            ],
            siteRows,
          ),
        ],
      },
      {
        title: `${subject}问题清单`,
        children: [
          table(
            [
              { header: '序号', width: 8, align: 'center' },
              { header: '问题编号', width: 33 },
              { header: '点位', width: 14 },
              { header: '责任单位', width: 15 },
              { header: '问题描述', width: 30 },
            ],
            problemRows.length ? problemRows : [['', '', '本轮未发现问题', '', '']],
          ),
        ],
      },
    ],
    date,
    printedBy: `${office.regionName}${office.short.slice(1)}`,
    copyTo: `${office.regionName}${r.campaign_name.replace(/（.*?）$/u, '')}工作领导小组成员`,
  });
}
