/** 导入单位 (.xlsx): every row checked; nothing written unless all rows are valid. Existing names are updated. */
import { UNIT_TYPES } from '../../../common/enums';
import { UNIT_TYPE_LABELS } from '../../../common/labels';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { RowError } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { invalid, readSheet, type SheetColumn } from '../../platform/xlsx';
import { findRegionsByCodes } from '../regions/repository';
import { insertUnit, unitColumns } from './create-unit';
import { findUnitsByNames } from './repository';
import { phone } from './schemas';

export const UNIT_COLUMNS: SheetColumn[] = [
  { header: '单位名称', required: true, example: '示范县城市管理综合行政执法局', width: 32 },
  { header: '单位类型', required: true, example: '县直部门', width: 12 },
  { header: '所属区划代码', required: true, example: '139901', width: 16 },
  { header: '上级单位', example: '', width: 24 },
  { header: '一把手', example: '王建国', width: 10 },
  { header: '一把手电话', example: '13903160001', width: 14 },
  { header: '联络员', example: '李晓燕', width: 10 },
  { header: '联络员电话', example: '13903160002', width: 14 },
  { header: '状态', example: '启用', width: 8 },
];
export const UNIT_NOTES = [
  `单位类型填写：${UNIT_TYPES.map((t) => UNIT_TYPE_LABELS[t]).join('、')}。`,
  '所属区划代码须是系统中已有的区划；上级单位填写系统中或本文件中已有的单位全称。',
  '状态填写“启用”或“停用”，不填为启用。单位名称已存在的行会更新该单位。',
];

const TYPE_BY_LABEL = new Map<string, string>(
  UNIT_TYPES.flatMap((t) => [
    [UNIT_TYPE_LABELS[t], t],
    [t, t],
  ]),
);

/** Imports units; returns how many were created and updated. */
export async function importUnits(ctx: Ctx, buffer: Buffer): Promise<{ created: number; updated: number }> {
  authorize(ctx.actor, 'units.import');
  const rows = await readSheet(buffer, UNIT_COLUMNS);
  const errors: RowError[] = [];
  const regions = new Map(
    (await findRegionsByCodes(ctx.db, [...new Set(rows.map((r) => r.values['所属区划代码']).filter(Boolean))])).map((r) => [r.code, r]),
  );
  const names = rows.map((r) => r.values['单位名称']).filter(Boolean);
  const parents = rows.map((r) => r.values['上级单位']).filter(Boolean);
  const existing = new Map((await findUnitsByNames(ctx.db, [...new Set([...names, ...parents])])).map((u) => [u.name, u]));
  const inFile = new Map<string, number>();
  const parsed: Array<{
    row: number;
    name: string;
    type: string;
    regionId: string;
    parentName: string | null;
    head: [string | null, string | null];
    liaison: [string | null, string | null];
    active: boolean;
  }> = [];

  for (const { row, values } of rows) {
    const before = errors.length;
    const name = values['单位名称'];
    if (!name) errors.push({ row, column: '单位名称', message: '必填' });
    else if (name.length < 2 || name.length > 60) errors.push({ row, column: '单位名称', message: '须为 2–60 个字' });
    else if (inFile.has(name)) errors.push({ row, column: '单位名称', message: `与第 ${inFile.get(name)} 行重复` });
    const type = TYPE_BY_LABEL.get(values['单位类型']);
    if (!type) errors.push({ row, column: '单位类型', message: values['单位类型'] ? `“${values['单位类型']}”不是有效类型` : '必填' });
    const region = regions.get(values['所属区划代码']);
    if (!values['所属区划代码']) errors.push({ row, column: '所属区划代码', message: '必填' });
    else if (!region) errors.push({ row, column: '所属区划代码', message: `区划 ${values['所属区划代码']} 不存在` });
    else if (!can(ctx.actor, 'units.import', { regionPath: region.path }))
      errors.push({ row, column: '所属区划代码', message: '不在您的管理范围内' });
    const parentName = values['上级单位'] || null;
    if (parentName && parentName === name) errors.push({ row, column: '上级单位', message: '不能是本单位' });
    else if (parentName && !existing.has(parentName) && !names.includes(parentName))
      errors.push({ row, column: '上级单位', message: `找不到单位“${parentName}”` });
    for (const col of ['一把手电话', '联络员电话']) {
      if (values[col] && !phone.safeParse(values[col]).success)
        errors.push({ row, column: col, message: '须为 11 位手机号或带区号的固定电话' });
    }
    for (const col of ['一把手', '联络员']) if (values[col].length > 30) errors.push({ row, column: col, message: '不能超过 30 个字' });
    const status = values['状态'];
    if (status && status !== '启用' && status !== '停用') errors.push({ row, column: '状态', message: '填写“启用”或“停用”' });
    if (name) inFile.set(name, row);
    if (errors.length === before) {
      parsed.push({
        row,
        name,
        type: type!,
        regionId: region!.id,
        parentName,
        head: [values['一把手'] || null, values['一把手电话'] || null],
        liaison: [values['联络员'] || null, values['联络员电话'] || null],
        active: status !== '停用',
      });
    }
  }
  if (errors.length) throw invalid(errors);

  return ctx.db.transaction().execute(async (tx) => {
    const ids = new Map([...existing].map(([n, u]) => [n, u.id]));
    let created = 0;
    let updated = 0;
    // Two passes so a parent later in the file exists before its children point at it.
    for (const p of parsed) {
      const fields = {
        name: p.name,
        type: p.type as never,
        regionId: p.regionId,
        headName: p.head[0],
        headPhone: p.head[1],
        liaisonName: p.liaison[0],
        liaisonPhone: p.liaison[1],
        active: p.active,
      };
      const current = existing.get(p.name);
      if (current) {
        await tx
          .updateTable('units')
          .set({ ...unitColumns(fields), updated_at: ctx.clock.now(), version: current.version + 1 } as never)
          .where('id', '=', current.id)
          .execute();
        await recordEvent(tx, ctx, {
          action: 'unit.updated',
          subjectType: 'unit',
          subjectId: current.id,
          before: current,
          after: { ...current, ...unitColumns(fields) },
        });
        updated += 1;
      } else {
        ids.set(p.name, await insertUnit(tx, ctx, fields));
        created += 1;
      }
    }
    for (const p of parsed) {
      if (p.parentName)
        await tx
          .updateTable('units')
          .set({ parent_id: ids.get(p.parentName)! })
          .where('id', '=', ids.get(p.name)!)
          .execute();
    }
    return { created, updated };
  });
}
