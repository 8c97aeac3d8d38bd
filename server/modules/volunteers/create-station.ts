/**
 * 新建/修改阵地 (新时代文明实践中心 → 所 → 站 → 点): a station sits in a region of the office's area, its parent (if
 * any) is a station of the same county one level up, and it may carry a place on the map. Audited.
 */
import type { z } from 'zod';
import type { StationBody, updateStationBody } from '../../../common/contracts/volunteers';
import { STATION_CHILD_LEVEL, STATION_LEVEL_LABELS, type StationLevel } from '../../../common/volunteers';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { updateVersioned } from '../../platform/versioned';
import { mayManageOrg, mayReadOrg } from './access';
import { countyOf, findRegion, findStation, type RegionRow } from './repository';

const invalid = (message: string, field: string) => new AppError('unprocessable', message, { field });

async function checkParent(tx: Tx, ctx: Ctx, region: RegionRow, parentId: string, level: StationLevel, selfId?: string) {
  if (parentId === selfId) throw invalid('上级阵地不能是本阵地', 'parentId');
  const parent = await findStation(tx, ctx.clock.now(), parentId);
  const county = await countyOf(tx, region);
  if (!parent || !parent.region_path.startsWith(county.path)) throw invalid('上级阵地不存在或不在本区县', 'parentId');
  if (STATION_CHILD_LEVEL[parent.level] !== level) {
    throw invalid(`${STATION_LEVEL_LABELS[parent.level]}下不能设${STATION_LEVEL_LABELS[level]}`, 'parentId');
  }
}

const fields = (b: Omit<StationBody, 'regionId' | 'level'>) => ({
  parent_id: b.parentId ?? null,
  name: b.name,
  address: b.address || null,
  lat: b.location?.lat ?? null,
  lng: b.location?.lng ?? null,
  contact_name: b.contactName || null,
  contact_phone: b.contactPhone || null,
});

export async function createStation(ctx: Ctx, body: StationBody): Promise<string> {
  authorize(ctx.actor, 'volunteers.manage');
  return ctx.db.transaction().execute(async (tx) => {
    const region = await findRegion(tx, body.regionId);
    if (!region) throw invalid('所属区划不存在', 'regionId');
    authorize(ctx.actor, 'volunteers.manage', { regionPath: region.path });
    if (body.parentId) await checkParent(tx, ctx, region, body.parentId, body.level);
    const now = ctx.clock.now();
    const values = { region_id: region.id, level: body.level, ...fields(body) };
    const row = await tx
      .insertInto('volunteer_stations')
      .values({ ...values, created_by: ctx.actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, { action: 'volunteer_station.created', subjectType: 'volunteer_station', subjectId: row.id, after: values });
    return row.id;
  });
}

export async function updateStation(ctx: Ctx, id: string, body: z.output<typeof updateStationBody>): Promise<void> {
  const station = await findStation(ctx.db, ctx.clock.now(), id);
  if (!station || !mayReadOrg(ctx.actor, station.region_path)) throw notFound('阵地');
  if (!mayManageOrg(ctx.actor, station.region_path)) throw new AppError('forbidden', '只有本区划的创建办可以修改阵地');
  await ctx.db.transaction().execute(async (tx) => {
    const region = (await findRegion(tx, station.region_id))!;
    if (body.parentId) await checkParent(tx, ctx, region, body.parentId, station.level, id);
    const set = fields(body);
    await updateVersioned(tx, 'volunteer_stations', id, body.version, set, ctx.clock.now());
    const before = {
      parent_id: station.parent_id,
      name: station.name,
      address: station.address,
      lat: station.lat,
      lng: station.lng,
      contact_name: station.contact_name,
      contact_phone: station.contact_phone,
    };
    await recordEvent(tx, ctx, {
      action: 'volunteer_station.updated',
      subjectType: 'volunteer_station',
      subjectId: id,
      before,
      after: set,
    });
  });
}
