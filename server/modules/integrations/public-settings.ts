/**
 * 公开接口设置 (region-scoped, nearest region wins): which problem sources the public interface lists, and where the
 * 12345 办结回复 is sent. With no row anywhere above a region, the shipped default (common/open311.ts) applies.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { DEFAULT_PUBLIC_SOURCES, PUBLISHABLE_SOURCES } from '../../../common/open311';
import type { PublicInterfaceSettingsDto } from '../../../common/contracts';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { AppError, notFound, versionConflict } from '../../platform/errors';
import { outboundUrlRefusal } from '../../platform/outbound-url';
import { authorize, can } from '../../platform/policy';
import { nearestSettings } from './repository';

const asArray = (v: string[] | string): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);

/**
 * SQL: true when the problem's source is public where it lies (`source` and `regionPath` are the problem's columns).
 * Covert findings and 回头看 can never be made public (not publishable).
 */
export function sourcePublicSql(source: Expression<string>, regionPath: Expression<string> | RawBuilder<string>): RawBuilder<SqlBool> {
  const fallback = JSON.stringify(DEFAULT_PUBLIC_SOURCES);
  return sql<SqlBool>`(${source} in (${sql.join(PUBLISHABLE_SOURCES.map((s) => sql.lit(s)))}) and coalesce((
      select s.public_sources from public_interface_settings s join regions sr on sr.id = s.region_id
      where ${regionPath} like sr.path || '%' order by length(sr.path) desc limit 1), ${fallback}::jsonb) ? ${source})`;
}

/** The settings applying in a region, with where they come from. */
export async function resolveSettings(db: Db | Tx, region: { id: string; path: string }) {
  const row = await nearestSettings(db, region.path);
  return {
    publicSources: row ? asArray(row.public_sources) : [...DEFAULT_PUBLIC_SOURCES],
    hotlineCallbackUrl: row?.hotline_callback_url ?? null,
    sourceRegionId: row?.region_id ?? null,
    inherited: row?.region_id !== region.id,
    version: row?.region_id === region.id ? row.version : null,
  };
}

async function regionOf(db: Db | Tx, id: string) {
  return db.selectFrom('regions').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The settings of a region the office may see (its own area or above it); anyone else 404. */
export async function readSettings(ctx: Ctx, regionId: string): Promise<PublicInterfaceSettingsDto> {
  authorize(ctx.actor, 'integrations.settings');
  const region = await regionOf(ctx.db, regionId);
  if (!region || !mayRead(ctx, region.path)) throw notFound('区域');
  const s = await resolveSettings(ctx.db, region);
  return {
    regionId,
    ...s,
    publicSources: s.publicSources as PublicInterfaceSettingsDto['publicSources'],
    abilities: { update: can(ctx.actor, 'integrations.settings', { regionPath: region.path }) },
  };
}

/** An office reads the settings of its own area and of the regions above it (where inherited values come from). */
function mayRead(ctx: Ctx, path: string) {
  return ctx.actor.grants.some(
    (g) =>
      g.role === 'office' &&
      (g.scopeType === 'global' || (!!g.regionPath && (path.startsWith(g.regionPath) || g.regionPath.startsWith(path)))),
  );
}

/** Saves a region's own settings (version-guarded: `version: null` creates them). */
export async function saveSettings(
  ctx: Ctx,
  regionId: string,
  input: { publicSources: string[]; hotlineCallbackUrl: string | null; version: number | null },
): Promise<PublicInterfaceSettingsDto> {
  const region = await regionOf(ctx.db, regionId);
  if (!region) throw notFound('区域');
  authorize(ctx.actor, 'integrations.settings', { regionPath: region.path }, { permission: 'integrations.settings', subject: {} });
  if (!mayRead(ctx, region.path)) throw notFound('区域');
  // The server will POST to this address: never into its own network (platform/outbound-url.ts; checked again on send).
  if (input.hotlineCallbackUrl) {
    const why = await outboundUrlRefusal(input.hotlineCallbackUrl);
    if (why)
      throw new AppError('unprocessable', `回调地址不可用：${why}（如确需使用政务内网地址，请由部署方加入 OUTBOUND_ALLOWED_HOSTS）`, {
        field: 'hotlineCallbackUrl',
      });
  }
  await inTransaction(ctx, async (tx) => {
    const now = ctx.clock.now();
    const before = await tx.selectFrom('public_interface_settings').selectAll().where('region_id', '=', regionId).executeTakeFirst();
    const sources = [...new Set(input.publicSources)];
    if (!before) {
      if (input.version !== null) throw versionConflict();
      await tx
        .insertInto('public_interface_settings')
        .values({
          region_id: regionId,
          public_sources: JSON.stringify(sources),
          hotline_callback_url: input.hotlineCallbackUrl,
          updated_by: actorUserId(ctx.actor),
          updated_at: now,
        })
        .execute();
    } else {
      const res = await tx
        .updateTable('public_interface_settings')
        .set({
          public_sources: JSON.stringify(sources),
          hotline_callback_url: input.hotlineCallbackUrl,
          version: before.version + 1,
          updated_by: actorUserId(ctx.actor),
          updated_at: now,
        })
        .where('region_id', '=', regionId)
        .where('version', '=', input.version ?? -1)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw versionConflict();
    }
    await recordEvent(tx, ctx, {
      action: 'public_interface_settings.saved',
      subjectType: 'public_interface_settings',
      subjectId: regionId,
      before: before ? { public_sources: asArray(before.public_sources), hotline_callback_url: before.hotline_callback_url } : null,
      after: { public_sources: sources, hotline_callback_url: input.hotlineCallbackUrl },
    });
  });
  return readSettings(ctx, regionId);
}
