/**
 * The category tree as it applies in one region: the shipped categories (region null) plus the local
 * additions of that region and the regions above it, each active or stopped as the nearest region's
 * setting says (else the category's own flag). A minor class is usable only when its major is too.
 */
import type { ProblemCategoryKind } from '../../../common/problem-workflow';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { can } from '../../platform/policy';
import { mayEditGlobal, mayEditRegion, nearest, pathIds, regionNames, type SettingsRegion } from '../problem-settings/resolve';

export interface ResolvedCategory {
  code: string;
  name: string;
  parent_code: string | null;
  kind: string;
  sort: number;
  version: number;
  /** The region that added it; null = shipped. */
  region_id: string | null;
  region_path: string | null;
  /** Its own flag as it applies here (the nearest region's setting, else the row's flag). */
  own_active: boolean;
  /** Usable here: own flag and, for a minor class, its major's. */
  active: boolean;
  /** Where `own_active` comes from: a region id, or null for the row's own flag. */
  setting_region_id: string | null;
  /** Version of this region's own setting, null when it has none. */
  setting_version: number | null;
}

/** Every category that applies at `path` (null: shipped categories only, with their own flags), resolved. */
export async function resolveCategories(
  db: Db | Tx,
  path: string | null,
  codes?: readonly string[],
  opts: { withParents?: boolean } = {},
): Promise<ResolvedCategory[]> {
  const ids = pathIds(path);
  let q = db
    .selectFrom('problem_categories as c')
    .leftJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.code', 'c.name', 'c.parent_code', 'c.kind', 'c.sort', 'c.version', 'c.active', 'c.region_id', 'r.path as region_path'])
    .where((eb) => (ids.length ? eb.or([eb('c.region_id', 'is', null), eb('c.region_id', 'in', ids)]) : eb('c.region_id', 'is', null)))
    .orderBy('c.sort')
    .orderBy('c.code');
  const wanted = codes?.length ? [...codes] : [''];
  if (codes && opts.withParents)
    q = q.where((eb) =>
      eb.or([
        eb('c.code', 'in', wanted),
        eb('c.code', 'in', eb.selectFrom('problem_categories as pc').select('pc.parent_code').where('pc.code', 'in', wanted)),
      ]),
    );
  else if (codes) q = q.where('c.code', 'in', wanted);
  const rows = await q.execute();
  const settings = ids.length
    ? await db
        .selectFrom('region_category_settings')
        .select(['region_id', 'category_code', 'active', 'version'])
        .where('region_id', 'in', ids)
        .execute()
    : [];
  const byCode = new Map<string, Array<{ region_id: string | null; active: boolean; version: number | null }>>();
  for (const s of settings) {
    const list = byCode.get(s.category_code) ?? [];
    list.push({ region_id: s.region_id, active: s.active, version: Number(s.version) });
    byCode.set(s.category_code, list);
  }
  const own = new Map<string, { active: boolean; from: string | null; version: number | null }>();
  for (const r of rows) {
    const hit = nearest(path, [...(byCode.get(r.code) ?? []), { region_id: null, active: r.active, version: null }]);
    own.set(r.code, { active: hit!.active, from: hit!.region_id, version: null });
  }
  const hereId = ids[0] ?? null;
  return rows.map((r) => {
    const mine = own.get(r.code)!;
    const parent = r.parent_code ? own.get(r.parent_code) : undefined;
    const here = hereId ? byCode.get(r.code)?.find((s) => s.region_id === hereId) : undefined;
    return {
      code: r.code,
      name: r.name,
      parent_code: r.parent_code,
      kind: r.kind,
      sort: Number(r.sort),
      version: Number(r.version),
      region_id: r.region_id,
      region_path: r.region_path,
      own_active: mine.active,
      active: mine.active && (r.parent_code ? (parent?.active ?? false) : true),
      setting_region_id: mine.from,
      setting_version: here?.version ?? null,
    };
  });
}

/** True when a category exists, applies at `path` and is active there (for reports and dispatch rules). */
export async function categoryUsableIn(db: Db | Tx, code: string, path: string | null): Promise<boolean> {
  // The category and its major class in one read (a minor class is usable only when its major is too).
  const rows = await resolveCategories(db, path, [code], { withParents: true });
  return rows.find((r) => r.code === code)?.active ?? false;
}

/** The category list for the API, with where each value comes from and what the actor may do. */
export async function listCategories(db: Db, actor: Actor, region: SettingsRegion | null, includeInactive: boolean) {
  const rows = await resolveCategories(db, region?.path ?? null);
  const names = await regionNames(
    db,
    rows.flatMap((r) => [r.region_id, r.setting_region_id]).filter((id): id is string => !!id),
  );
  const mayToggleHere = region ? mayEditRegion(actor, 'problemCategories.update', region.path) : false;
  return rows
    .filter((r) => includeInactive || r.active)
    .map((r) => ({
      code: r.code,
      name: r.name,
      parentCode: r.parent_code,
      kind: r.kind as ProblemCategoryKind,
      active: r.active,
      version: r.version,
      /** The region that added it (local category); null = shipped with the platform. */
      regionId: r.region_id,
      regionName: r.region_id ? (names.get(r.region_id) ?? null) : null,
      /** Where 启用/停用 comes from here: the category itself, or a region's setting (this one or inherited). */
      activeSetting: {
        regionId: r.setting_region_id,
        regionName: r.setting_region_id ? (names.get(r.setting_region_id) ?? null) : null,
        inherited: r.setting_region_id !== null && r.setting_region_id !== (region?.id ?? null),
        version: r.setting_version,
      },
      abilities: {
        /** Rename or stop it for everyone who sees it. */
        update: mayEditRegion(actor, 'problemCategories.update', r.region_path),
        /** Stop or start it for this region's subtree only. */
        toggle: mayToggleHere,
        /** Add a minor class under this major: for a county office a local addition of its region, under shipped majors too. */
        addMinor:
          !r.parent_code &&
          (mayEditGlobal(actor, 'problemCategories.update') || (!!region && mayEditRegion(actor, 'problemCategories.update', region.path))),
      },
    }));
}

/** True when the actor may see a category (shipped, or added by a region in or above their scope). */
export function mayReadCategory(actor: Actor, regionPath: string | null): boolean {
  return regionPath === null || can(actor, 'problemCategories.list', { regionPath, areaWide: true });
}
