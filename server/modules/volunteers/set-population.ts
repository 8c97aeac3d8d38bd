/**
 * 常住人口 per town and year (the base of "registered volunteers per 1 000 residents"): the office of a county reads
 * and sets its towns' figures; every town named must be a town (street) of a county the office manages. Audited.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { populationBody, populationResponse } from '../../../common/contracts/volunteers';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { mayReadOrg } from './access';
import { findRegion } from './repository';

/** The towns of a county the actor reads, with the year's population (null where not yet entered). */
export async function readPopulation(ctx: Ctx, countyId: string, year: number): Promise<z.output<typeof populationResponse>> {
  const county = await findRegion(ctx.db, countyId);
  if (!county || !mayReadOrg(ctx.actor, county.path)) throw notFound('区划');
  const rows = await sql<{ id: string; name: string; population: number | null }>`
    select r.id, r.name, p.population from regions r
    left join region_population p on p.region_id = r.id and p.year = ${year}
    where r.level = 'town' and r.path like ${county.path + '%'}
    order by r.code, r.name`.execute(ctx.db);
  return { year, items: rows.rows.map((r) => ({ regionId: r.id, regionName: r.name, population: r.population })) };
}

export async function setPopulation(ctx: Ctx, body: z.output<typeof populationBody>): Promise<void> {
  authorize(ctx.actor, 'volunteers.manage');
  const ids = [...new Set(body.items.map((i) => i.regionId))];
  if (ids.length !== body.items.length) throw new AppError('unprocessable', '同一乡镇只能填写一次', { field: 'items' });
  await ctx.db.transaction().execute(async (tx) => {
    const towns = await tx.selectFrom('regions').select(['id', 'path', 'level', 'name']).where('id', 'in', ids).execute();
    for (const id of ids) {
      const town = towns.find((t) => t.id === id);
      if (!town || town.level !== 'town')
        throw new AppError('unprocessable', '常住人口按乡镇（街道）填写，所选区划不是乡镇', { field: 'items' });
      authorize(ctx.actor, 'volunteers.manage', { regionPath: town.path });
    }
    const before = await tx
      .selectFrom('region_population')
      .select(['region_id', 'population'])
      .where('year', '=', body.year)
      .where('region_id', 'in', ids)
      .execute();
    const now = ctx.clock.now();
    for (const item of body.items) {
      await tx
        .insertInto('region_population')
        .values({ region_id: item.regionId, year: body.year, population: item.population, updated_by: ctx.actor.id, updated_at: now })
        .onConflict((oc) =>
          oc.columns(['region_id', 'year']).doUpdateSet({ population: item.population, updated_by: ctx.actor.id, updated_at: now }),
        )
        .execute();
    }
    await recordEvent(tx, ctx, {
      action: 'volunteer_population.updated',
      subjectType: 'region_population',
      subjectId: null,
      before: { year: body.year, items: before },
      after: { year: body.year, items: body.items },
    });
  });
}
