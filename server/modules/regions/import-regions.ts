/** 导入区划 (.xlsx): every row checked, nothing written unless the whole file is valid. Parents may come later in the file. */
import { REGION_LEVELS } from '../../../common/enums';
import { REGION_LEVEL_LABELS } from '../../../common/labels';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { RowError } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import type { Region } from '../../platform/schema';
import { invalid, readSheet, type SheetColumn } from '../../platform/xlsx';
import { insertCheckedRegion, levelProblem } from './create-region';
import { findRegionsByCodes } from './repository';

export const REGION_COLUMNS: SheetColumn[] = [
  { header: '区划代码', required: true, example: '139901005', width: 16 },
  { header: '名称', required: true, example: '城关镇', width: 20 },
  { header: '层级', required: true, example: '乡镇(街道)', width: 14 },
  { header: '上级区划代码', example: '139901', width: 16 },
];
export const REGION_NOTES = [
  `层级填写：${REGION_LEVELS.map((l) => REGION_LEVEL_LABELS[l]).join('、')}。`,
  '上级区划代码可以是系统中已有的区划，也可以是本文件中其他行的区划（顺序不限）。',
  '区划代码已存在的行会更新名称（层级与上级须与现有记录一致）。',
];

const LEVEL_BY_LABEL = new Map<string, string>(
  REGION_LEVELS.flatMap((l) => [
    [REGION_LEVEL_LABELS[l], l],
    [l, l],
  ]),
);

interface Parsed {
  row: number;
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

/** Imports regions; returns how many were created and updated. */
export async function importRegions(ctx: Ctx, buffer: Buffer): Promise<{ created: number; updated: number }> {
  authorize(ctx.actor, 'regions.import');
  const rows = await readSheet(buffer, REGION_COLUMNS);
  const errors: RowError[] = [];
  const parsed: Parsed[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const code = values['区划代码'];
    const name = values['名称'];
    const levelText = values['层级'];
    const parentCode = values['上级区划代码'] || null;
    const before = errors.length;
    if (!/^\d{6,20}$/.test(code)) errors.push({ row, column: '区划代码', message: code ? '区划代码须为 6–20 位数字' : '必填' });
    else if (seen.has(code)) errors.push({ row, column: '区划代码', message: `与第 ${seen.get(code)} 行重复` });
    if (!name) errors.push({ row, column: '名称', message: '必填' });
    else if (name.length > 50) errors.push({ row, column: '名称', message: '不能超过 50 个字' });
    const level = LEVEL_BY_LABEL.get(levelText);
    if (!level) errors.push({ row, column: '层级', message: levelText ? `“${levelText}”不是有效层级` : '必填' });
    if (parentCode && parentCode === code) errors.push({ row, column: '上级区划代码', message: '不能是自身' });
    seen.set(code, row);
    if (errors.length === before) parsed.push({ row, code, name, level: level!, parentCode });
  }
  const existing = new Map(
    (
      await findRegionsByCodes(ctx.db, [
        ...new Set([...parsed.map((p) => p.code), ...parsed.flatMap((p) => (p.parentCode ? [p.parentCode] : []))]),
      ])
    ).map((r) => [r.code, r]),
  );
  const inFile = new Map(parsed.map((p) => [p.code, p]));
  for (const p of parsed) {
    const current = existing.get(p.code);
    const parentLevel = p.parentCode ? (inFile.get(p.parentCode)?.level ?? existing.get(p.parentCode)?.level) : null;
    if (p.parentCode && !parentLevel) {
      errors.push({ row: p.row, column: '上级区划代码', message: `找不到上级区划 ${p.parentCode}` });
      continue;
    }
    const problem = levelProblem(parentLevel ?? null, p.level);
    if (problem) errors.push({ row: p.row, column: '层级', message: problem });
    if (current) {
      const currentParent = current.parent_id ? [...existing.values()].find((r) => r.id === current.parent_id)?.code : null;
      if (current.level !== p.level) errors.push({ row: p.row, column: '层级', message: '与系统中现有区划的层级不一致' });
      if ((currentParent ?? null) !== (p.parentCode ?? null))
        errors.push({ row: p.row, column: '上级区划代码', message: '与系统中现有区划的上级不一致（不支持通过导入移动区划）' });
    }
  }
  if (errors.length) throw invalid(errors);

  return ctx.db.transaction().execute(async (tx) => {
    const byCode = new Map<string, Region>(existing);
    let created = 0;
    let updated = 0;
    const pending = [...parsed];
    // Insert parents before children, whatever order the file had.
    while (pending.length) {
      const ready = pending.filter((p) => !p.parentCode || byCode.has(p.parentCode));
      if (!ready.length) throw invalid(pending.map((p) => ({ row: p.row, column: '上级区划代码', message: '上级关系成环' })));
      for (const p of ready) {
        pending.splice(pending.indexOf(p), 1);
        const current = byCode.get(p.code);
        if (current) {
          if (current.name !== p.name) {
            await tx
              .updateTable('regions')
              .set({ name: p.name, updated_at: ctx.clock.now(), version: current.version + 1 })
              .where('id', '=', current.id)
              .execute();
            await recordEvent(tx, ctx, {
              action: 'region.updated',
              subjectType: 'region',
              subjectId: current.id,
              before: { name: current.name },
              after: { name: p.name },
            });
            updated += 1;
          }
          continue;
        }
        const parent = p.parentCode ? byCode.get(p.parentCode)! : null;
        if (parent) authorize(ctx.actor, 'regions.import', { regionPath: parent.path });
        byCode.set(p.code, await insertCheckedRegion(tx, ctx, { code: p.code, name: p.name, level: p.level as never }, parent));
        created += 1;
      }
    }
    return { created, updated };
  });
}
