/** 复制版本 to a new year, and 版本对比: what changed between two versions (by standard code). */
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { findVersion, versionStandards, type StandardRow, type VersionRow } from './repository';
import { writeVersion } from './write-version';

const subject = (v: VersionRow) => ({ campaignId: v.campaign_id, regionPath: v.region_path });

/** Copies a version under a new name. */
export async function cloneVersion(ctx: Ctx, id: string, name: string) {
  const v = await findVersion(ctx.db, id);
  if (!v) throw notFound('测评体系版本');
  authorize(ctx.actor, 'standards.clone', subject(v), { subject: { ...subject(v), areaWide: true } });
  const rows = await versionStandards(ctx.db, id);
  return ctx.db.transaction().execute((tx) =>
    writeVersion(tx, ctx, {
      campaignId: v.campaign_id,
      name,
      source: 'clone',
      clonedFrom: id,
      standards: rows.map((s) => ({
        item: s.item_name ?? s.content_name,
        content: s.content_name,
        code: s.code,
        text: s.text,
        method: s.method,
        points: s.points,
        siteTypes: s.site_type_codes,
        leadUnitId: s.lead_unit_id,
        unitIds: s.units.map((u) => u.id),
        negative: s.negative,
      })),
    }),
  );
}

const FIELDS: Array<[keyof StandardRow, string]> = [
  ['item_name', '测评项目'],
  ['content_name', '测评内容'],
  ['text', '测评标准'],
  ['method', '测评方法'],
  ['points', '分值'],
  ['site_type_codes', '适用点位类型'],
  ['lead_unit_name', '牵头单位'],
  ['units', '责任单位'],
  ['negative', '负面清单'],
];
const norm = (v: unknown) =>
  JSON.stringify(
    Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x && 'name' in x ? (x as { name: string }).name : x)).sort() : v,
  );

/** Standards added, removed and changed (field by field) from version `a` to version `b`. */
export async function diffVersions(a: StandardRow[], b: StandardRow[]) {
  const before = new Map(a.map((s) => [s.code, s]));
  const after = new Map(b.map((s) => [s.code, s]));
  const added = b.filter((s) => !before.has(s.code)).map((s) => ({ code: s.code, text: s.text }));
  const removed = a.filter((s) => !after.has(s.code)).map((s) => ({ code: s.code, text: s.text }));
  const changed = b
    .filter((s) => before.has(s.code))
    .map((s) => {
      const old = before.get(s.code)!;
      const fields = FIELDS.filter(([k]) => norm(old[k]) !== norm(s[k])).map(([k, label]) => ({
        field: label,
        before: old[k],
        after: s[k],
      }));
      return { code: s.code, fields };
    })
    .filter((c) => c.fields.length);
  return { added, removed, changed };
}
