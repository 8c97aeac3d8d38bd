/** 导入点位 (.xlsx): every row checked; nothing written unless the whole file is valid. */
import type { Ctx } from '../../platform/context';
import type { RowError } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { invalid, readSheet, type SheetColumn } from '../../platform/xlsx';
import { phone } from '../units/schemas';
import { insertSite } from './save-site';

export const SITE_COLUMNS: SheetColumn[] = [
  { header: '点位名称', required: true, example: '城东农贸市场', width: 24 },
  { header: '点位类型', required: true, example: '集贸市场（农贸市场）', width: 18 },
  { header: '地址', example: '示范县城东街道朝阳路 56 号', width: 30 },
  { header: '纬度', example: '39.12345', width: 12, kind: 'number', numFmt: '0.000000' },
  { header: '经度', example: '116.45678', width: 12, kind: 'number', numFmt: '0.000000' },
  { header: '所属区划代码', required: true, example: '139901002', width: 16 },
  { header: '包保单位', example: '城东街道办事处', width: 24 },
  { header: '点长', example: '陈晓东', width: 10 },
  { header: '点长电话', example: '13903190058', width: 14 },
  { header: '状态', example: '启用', width: 8 },
];
export const SITE_NOTES = [
  '点位类型填写名称或简称（如“农贸市场”）；坐标为 WGS-84 经纬度（手机定位的坐标），可不填。',
  '同一区划下点位名称不能重复；状态填写“启用”或“停用”。',
];

/** Imports sites; returns how many were created. */
export async function importSites(ctx: Ctx, buffer: Buffer): Promise<{ created: number; updated: number }> {
  authorize(ctx.actor, 'sites.import');
  const rows = await readSheet(buffer, SITE_COLUMNS);
  const types = await ctx.db.selectFrom('site_types').select(['code', 'name', 'short']).execute();
  const typeBy = new Map(
    types.flatMap((t) => [
      [t.name, t.code],
      [t.short, t.code],
      [t.code, t.code],
    ]),
  );
  const codes = [...new Set(rows.map((r) => r.values['所属区划代码']).filter(Boolean))];
  const regions = new Map(
    (codes.length ? await ctx.db.selectFrom('regions').select(['id', 'code', 'path']).where('code', 'in', codes).execute() : []).map(
      (r) => [r.code, r],
    ),
  );
  const unitNames = [...new Set(rows.map((r) => r.values['包保单位']).filter(Boolean))];
  const units = new Map(
    (unitNames.length ? await ctx.db.selectFrom('units').select(['id', 'name']).where('name', 'in', unitNames).execute() : []).map((u) => [
      u.name,
      u.id,
    ]),
  );
  const errors: RowError[] = [];
  const accepted: Array<Parameters<typeof insertSite>[2]> = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const before = errors.length;
    const name = values['点位名称'];
    if (!name || name.length < 2 || name.length > 60) errors.push({ row, column: '点位名称', message: name ? '须为 2–60 个字' : '必填' });
    const type = typeBy.get(values['点位类型']);
    if (!type) errors.push({ row, column: '点位类型', message: values['点位类型'] ? `“${values['点位类型']}”不是有效的点位类型` : '必填' });
    const region = regions.get(values['所属区划代码']);
    if (!region)
      errors.push({ row, column: '所属区划代码', message: values['所属区划代码'] ? `区划 ${values['所属区划代码']} 不存在` : '必填' });
    else if (!can(ctx.actor, 'sites.import', { regionPath: region.path }))
      errors.push({ row, column: '所属区划代码', message: '不在您的管理范围内' });
    const key = `${name}|${values['所属区划代码']}`;
    if (name && seen.has(key)) errors.push({ row, column: '点位名称', message: `与第 ${seen.get(key)} 行重复` });
    seen.set(key, row);
    const unitId = values['包保单位'] ? units.get(values['包保单位']) : null;
    if (values['包保单位'] && !unitId) errors.push({ row, column: '包保单位', message: `找不到单位“${values['包保单位']}”` });
    const lat = values['纬度'] ? Number(values['纬度']) : null;
    const lng = values['经度'] ? Number(values['经度']) : null;
    if ((lat === null) !== (lng === null)) errors.push({ row, column: lat === null ? '纬度' : '经度', message: '纬度和经度须同时填写' });
    if (lat !== null && !(lat >= -90 && lat <= 90)) errors.push({ row, column: '纬度', message: '纬度须在 -90 到 90 之间' });
    if (lng !== null && !(lng >= -180 && lng <= 180)) errors.push({ row, column: '经度', message: '经度须在 -180 到 180 之间' });
    if (values['点长电话'] && !phone.safeParse(values['点长电话']).success)
      errors.push({ row, column: '点长电话', message: '须为 11 位手机号或带区号的固定电话' });
    const status = values['状态'];
    if (status && status !== '启用' && status !== '停用') errors.push({ row, column: '状态', message: '填写“启用”或“停用”' });
    if (errors.length === before) {
      accepted.push({
        name,
        siteTypeCode: type!,
        address: values['地址'] || null,
        location: lat !== null && lng !== null ? { lat, lng } : null,
        regionId: region!.id,
        unitId: unitId ?? null,
        leadName: values['点长'] || null,
        leadPhone: values['点长电话'] || null,
        active: status !== '停用',
      });
    }
  }
  if (errors.length) throw invalid(errors);
  await ctx.db.transaction().execute(async (tx) => {
    for (const a of accepted) await insertSite(tx, ctx, a);
  });
  return { created: accepted.length, updated: 0 };
}
