/** Writes a parsed standards tree as a new version: items (测评项目 → 测评内容), standards and their units. */
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';

export interface ParsedStandard {
  item: string;
  content: string;
  code: string;
  text: string;
  method: string;
  points: number;
  siteTypes: string[];
  leadUnitId: string | null;
  unitIds: string[];
  negative: boolean;
}

/** Inserts the version and its tree; returns the version id and counts. */
export async function writeVersion(
  tx: Tx,
  ctx: Ctx,
  v: { campaignId: string; name: string; source: 'import' | 'starter' | 'clone'; clonedFrom?: string | null; standards: ParsedStandard[] },
): Promise<{ versionId: string; counts: { items: number; standards: number } }> {
  if (
    await tx
      .selectFrom('standard_versions')
      .select('id')
      .where('campaign_id', '=', v.campaignId)
      .where('name', '=', v.name)
      .executeTakeFirst()
  ) {
    throw new AppError('duplicate', `该创建项目已有名为“${v.name}”的测评体系版本`);
  }
  const version = await tx
    .insertInto('standard_versions')
    .values({
      campaign_id: v.campaignId,
      name: v.name,
      source: v.source,
      cloned_from: v.clonedFrom ?? null,
      created_by: actorUserId(ctx.actor),
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const items = new Map<string, string>();
  const contents = new Map<string, string>();
  let sort = 0;
  for (const s of v.standards) {
    let itemId = items.get(s.item);
    if (!itemId) {
      itemId = (
        await tx
          .insertInto('standard_items')
          .values({ version_id: version.id, parent_id: null, level: 1, name: s.item, sort: items.size })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      items.set(s.item, itemId);
    }
    const key = `${s.item}\u0000${s.content}`;
    let contentId = contents.get(key);
    if (!contentId) {
      contentId = (
        await tx
          .insertInto('standard_items')
          .values({ version_id: version.id, parent_id: itemId, level: 2, name: s.content, sort: contents.size })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      contents.set(key, contentId);
    }
    const row = await tx
      .insertInto('standards')
      .values({
        version_id: version.id,
        item_id: contentId,
        code: s.code,
        text: s.text,
        method: s.method,
        points: s.points,
        site_type_codes: s.siteTypes,
        lead_unit_id: s.leadUnitId,
        negative: s.negative,
        sort: sort++,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unitIds = [...new Set(s.unitIds)];
    if (unitIds.length)
      await tx
        .insertInto('standard_units')
        .values(unitIds.map((unit_id) => ({ standard_id: row.id, unit_id })))
        .execute();
  }
  await recordEvent(tx, ctx, {
    action: `standard_version.${v.source === 'clone' ? 'cloned' : 'imported'}`,
    subjectType: 'standard_version',
    subjectId: version.id,
    after: { name: v.name, campaign_id: v.campaignId, standards: v.standards.length, cloned_from: v.clonedFrom ?? null },
  });
  return { versionId: version.id, counts: { items: items.size + contents.size, standards: v.standards.length } };
}
