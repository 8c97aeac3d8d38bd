/**
 * 导入测评体系 (.xlsx), one standard per row:
 * 测评项目 | 测评内容 | 编码 | 测评标准 | 测评方法 | 分值 | 适用点位类型 | 牵头单位 | 责任单位 | 负面清单.
 * Every bad row is reported; nothing is written unless the whole file is valid.
 */
import { STANDARD_METHOD_ALIASES, STANDARD_METHOD_LABELS, STANDARD_METHODS } from '../../../common/inspections';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { AppError, notFound, type RowError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { invalid, readSheet, type SheetColumn, type SheetRow } from '../../platform/xlsx';
import { writeVersion, type ParsedStandard } from './write-version';

export const STANDARD_COLUMNS: SheetColumn[] = [
  { header: '测评项目', required: true, width: 22 },
  { header: '测评内容', required: true, width: 22 },
  { header: '编码', required: true, width: 16 },
  { header: '测评标准', required: true, width: 60 },
  { header: '测评方法', required: true, width: 12 },
  { header: '分值', required: true, width: 8, kind: 'number' },
  { header: '适用点位类型', width: 20 },
  { header: '牵头单位', width: 24 },
  { header: '责任单位', width: 36 },
  { header: '负面清单', width: 10 },
];

const METHOD_BY_LABEL = new Map<string, string>([
  ...STANDARD_METHODS.map((m) => [STANDARD_METHOD_LABELS[m], m] as [string, string]),
  ...STANDARD_METHODS.map((m) => [m, m] as [string, string]),
  ...Object.entries(STANDARD_METHOD_ALIASES),
]);
const split = (s: string) =>
  s
    .split(/[;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Turns sheet rows into standards, collecting every row error. */
export async function parseStandardRows(db: Db, rows: SheetRow[]): Promise<{ standards: ParsedStandard[]; errors: RowError[] }> {
  const types = await db.selectFrom('site_types').select(['code', 'name', 'short']).execute();
  const typeBy = new Map(
    types.flatMap((t) => [
      [t.name, t.code],
      [t.short, t.code],
      [t.code, t.code],
    ]),
  );
  const names = [...new Set(rows.flatMap((r) => [r.values['牵头单位'], ...split(r.values['责任单位'] ?? '')]).filter(Boolean))];
  const units = new Map(
    (names.length ? await db.selectFrom('units').select(['id', 'name']).where('name', 'in', names).execute() : []).map((u) => [
      u.name,
      u.id,
    ]),
  );
  const errors: RowError[] = [];
  const standards: ParsedStandard[] = [];
  const codes = new Map<string, number>();
  for (const { row, values } of rows) {
    const before = errors.length;
    for (const col of ['测评项目', '测评内容', '测评标准']) if (!values[col]) errors.push({ row, column: col, message: '必填' });
    if (values['测评项目'].length > 100) errors.push({ row, column: '测评项目', message: '不能超过 100 个字' });
    if (values['测评内容'].length > 200) errors.push({ row, column: '测评内容', message: '不能超过 200 个字' });
    if (values['测评标准'].length > 2000) errors.push({ row, column: '测评标准', message: '不能超过 2000 个字' });
    const code = values['编码'];
    if (!code) errors.push({ row, column: '编码', message: '必填' });
    else if (code.length > 40 || !/^[\p{L}\p{N}._-]+$/u.test(code))
      errors.push({ row, column: '编码', message: '编码只能由文字、数字、点、横线组成，不超过 40 位' });
    else if (codes.has(code)) errors.push({ row, column: '编码', message: `与第 ${codes.get(code)} 行重复` });
    if (code) codes.set(code, row);
    const method = METHOD_BY_LABEL.get(values['测评方法']);
    if (!method)
      errors.push({
        row,
        column: '测评方法',
        message: values['测评方法'] ? `“${values['测评方法']}”不是有效方法（实地考察、问卷调查、材料审核、网上申报、其他）` : '必填',
      });
    const points = Number(values['分值']);
    if (values['分值'] === '' || !Number.isFinite(points) || points < 0 || points > 1000)
      errors.push({ row, column: '分值', message: '分值须为 0–1000 的数字' });
    const siteTypes: string[] = [];
    for (const t of split(values['适用点位类型'] ?? '')) {
      const c = typeBy.get(t);
      if (c) siteTypes.push(c);
      else errors.push({ row, column: '适用点位类型', message: `“${t}”不是有效的点位类型` });
    }
    if (method === 'field' && !siteTypes.length && before === errors.length)
      errors.push({ row, column: '适用点位类型', message: '实地考察的标准须填写适用点位类型' });
    const lead = values['牵头单位'] ? units.get(values['牵头单位']) : null;
    if (values['牵头单位'] && !lead) errors.push({ row, column: '牵头单位', message: `找不到单位“${values['牵头单位']}”` });
    const unitIds: string[] = [];
    for (const n of split(values['责任单位'] ?? '')) {
      const id = units.get(n);
      if (id) unitIds.push(id);
      else errors.push({ row, column: '责任单位', message: `找不到单位“${n}”` });
    }
    const neg = values['负面清单'];
    if (neg && !['是', '否'].includes(neg)) errors.push({ row, column: '负面清单', message: '填写“是”或“否”' });
    if (errors.length === before) {
      standards.push({
        item: values['测评项目'],
        content: values['测评内容'],
        code,
        text: values['测评标准'],
        method: method!,
        points,
        siteTypes: [...new Set(siteTypes)],
        leadUnitId: lead ?? null,
        unitIds,
        negative: neg === '是',
      });
    }
  }
  return { standards, errors };
}

/** Imports a workbook as a new version of the campaign's standards. */
export async function importStandards(ctx: Ctx, buffer: Buffer, campaignId: string, versionName: string) {
  const campaign = await ctx.db
    .selectFrom('campaigns as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.id', 'r.path'])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
  if (!campaign) throw notFound('创建项目');
  authorize(
    ctx.actor,
    'standards.import',
    { campaignId, regionPath: campaign.path },
    { permission: 'campaigns.read', subject: { campaignId, regionPath: campaign.path, areaWide: true } },
  );
  if (!versionName || versionName.length > 60) throw new AppError('validation', '请填写版本名称（不超过 60 个字）');
  const rows = await readSheet(buffer, STANDARD_COLUMNS);
  const { standards, errors } = await parseStandardRows(ctx.db, rows);
  if (errors.length) throw invalid(errors);
  return ctx.db.transaction().execute((tx) => writeVersion(tx, ctx, { campaignId, name: versionName, source: 'import', standards }));
}
