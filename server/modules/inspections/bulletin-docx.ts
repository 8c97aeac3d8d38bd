/**
 * 暗访（督查）情况通报 as .docx (the `docx` library): summary with the comparison to the previous round,
 * the table of site scores, and each problem found with its evidence photo.
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { sql } from 'kysely';
import { labelOf } from '../../../common/labels';
import { ROUND_KIND_LABELS } from '../../../common/inspections';
import type { Db } from '../../platform/db';
import type { FileStorage } from '../../platform/storage';
import type { roundReport } from './report';
import type { RoundRow } from './repository';

type Report = Awaited<ReturnType<typeof roundReport>>;
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const FONT = 'SimSun';

function p(text: string, opts: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) {
  return new Paragraph({
    alignment: opts.align,
    spacing: { after: 120 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 24, font: FONT })],
  });
}

function cell(text: string, bold = false) {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20, font: FONT })] })] });
}

/** Builds the bulletin document for a round. */
export async function buildBulletin(db: Db, storage: FileStorage, r: RoundRow, report: Report): Promise<Buffer> {
  const kind = labelOf(ROUND_KIND_LABELS, r.kind);
  const o = report.overall;
  const summary = `${r.start_date} 至 ${r.end_date}，按照“${r.is_covert ? '不告知、不见面、不解释' : '全覆盖、严标准'}”的要求，对${r.region_name}${o.sites} 个点位开展${kind}，实地测评 ${o.visited} 个，平均得分率 ${pct(o.avgScoreRate)}，达标率 ${pct(o.passRate)}（达标线 ${pct(report.round.threshold)}），发现问题 ${o.failures} 个。`;
  const change = report.previous
    ? `与上一轮相比，平均得分率${(report.previous.change.avgScoreRate ?? 0) >= 0 ? '提高' : '下降'} ${pct(Math.abs(report.previous.change.avgScoreRate ?? 0))}，达标率${(report.previous.change.passRate ?? 0) >= 0 ? '提高' : '下降'} ${pct(Math.abs(report.previous.change.passRate ?? 0))}。`
    : '本轮为该类督查的首轮，暂无对比数据。';
  const problems = await sql<{
    code: string;
    description: string;
    site_name: string;
    unit_name: string | null;
    evidence_key: string | null;
  }>`
    select p.code, p.description, s.name as site_name, u.name as unit_name,
      (select f.evidence_key from problem_photos pp join files f on f.id = pp.file_id where pp.problem_id = p.id order by pp.sort limit 1) as evidence_key
    from problems p join sites s on s.id = p.site_id left join units u on u.id = s.unit_id
    where p.round_id = ${r.id} order by s.name, p.code`.execute(db);

  const siteTable = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['点位', '类型', '区域', '包保单位', '得分率', '是否达标'].map((h) => cell(h, true)) }),
      ...report.bySite.map(
        (s) =>
          new TableRow({
            children: [
              cell(s.name),
              cell(s.siteType),
              cell(s.region),
              cell(s.unit ?? ''),
              cell(pct(s.scoreRate)),
              cell(s.meetsThreshold === null ? '未测评' : s.meetsThreshold ? '达标' : '未达标'),
            ],
          }),
      ),
    ],
  });
  const problemParagraphs: Paragraph[] = [];
  for (const [i, x] of problems.rows.entries()) {
    problemParagraphs.push(p(`${i + 1}. ${x.site_name}（包保单位：${x.unit_name ?? '未明确'}）：${x.description}（问题编号 ${x.code}）`));
    if (x.evidence_key) {
      try {
        const image = await storage.get(x.evidence_key);
        problemParagraphs.push(
          new Paragraph({ children: [new ImageRun({ type: 'jpg', data: image, transformation: { width: 400, height: 300 } })] }),
        );
      } catch {
        problemParagraphs.push(p('（照片文件缺失）'));
      }
    }
  }
  const doc = new Document({
    creator: '创城',
    title: `${r.name}情况通报`,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `关于${r.name}${kind}情况的通报`, bold: true, size: 36, font: FONT })],
          }),
          p(`${r.campaign_name}`, { align: AlignmentType.CENTER }),
          p('一、总体情况', { bold: true }),
          p(summary),
          p(change),
          p('二、点位测评结果', { bold: true }),
          siteTable,
          p('三、发现的主要问题', { bold: true }),
          ...(problemParagraphs.length ? problemParagraphs : [p('本轮未发现问题。')]),
          p('四、工作要求', { bold: true }),
          p(
            '各责任单位要对照问题清单立即整改，举一反三、建立长效机制，整改情况及整改前后对比照片于 5 个工作日内报创建办。创建办将适时开展“回头看”，对整改不力、问题反弹的单位予以通报。',
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
