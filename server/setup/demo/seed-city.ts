/**
 * The rest of the demo city (示范市): two more counties (临河县, 青山区) with towns, units and sites, the city office
 * (市创建办, `city`) and the city leader (`cityleader`), each county's office, and a 联络员 account for every unit that
 * has none yet (username `u` + the last six digits of the liaison's phone, or the head's when the unit has no
 * liaison), so the history can work each unit's problems as its own people. Through the same insert paths as
 * seed-demo.ts, in one transaction. Data: demo-city.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../../common/roles';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { Region } from '../../platform/schema';
import { insertCheckedRegion } from '../../modules/regions/create-region';
import { insertUnit } from '../../modules/units/create-unit';
import { insertUser } from '../../modules/users/create-user';
import { insertSite } from '../../modules/sites/save-site';
import { demoData } from './seed-demo';

interface CityData {
  regions: Array<{ code: string; name: string; level: string; parent: string }>;
  units: Array<{ name: string; type: string; region: string; head: [string, string] | null; liaison: [string, string] | null }>;
  sites: Array<{ name: string; siteType: string; address: string; lat: number; lng: number; region: string; unit: string }>;
  users: Array<{ username: string; name: string; phone: string; unit?: string; region?: string; roles: Array<[string, string?]> }>;
}

export function cityData(): CityData {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-city.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CityData;
}

/** Seeds the other counties and the accounts; `hash` is the demo password's hash. */
export async function seedCity(db: Db, ctx: Ctx, hash: string): Promise<{ liaisons: number }> {
  const data = cityData();
  return db.transaction().execute(async (tx) => {
    const regions = new Map<string, Region>();
    for (const r of await tx.selectFrom('regions').selectAll().execute()) regions.set(r.code, r as Region);
    for (const r of data.regions)
      regions.set(
        r.code,
        await insertCheckedRegion(tx, ctx, { code: r.code, name: r.name, level: r.level as never }, regions.get(r.parent)!),
      );
    for (const u of data.units)
      await insertUnit(tx, ctx, {
        name: u.name,
        type: u.type as never,
        regionId: regions.get(u.region)!.id,
        parentId: null,
        headName: u.head?.[0] ?? null,
        headPhone: u.head?.[1] ?? null,
        liaisonName: u.liaison?.[0] ?? null,
        liaisonPhone: u.liaison?.[1] ?? null,
      });
    const units = new Map((await tx.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]));
    for (const s of data.sites)
      await insertSite(tx, ctx, {
        name: s.name,
        siteTypeCode: s.siteType,
        address: s.address,
        location: { lat: s.lat, lng: s.lng },
        regionId: regions.get(s.region)!.id,
        unitId: units.get(s.unit)!,
        leadUserId: null,
        leadName: null,
        leadPhone: null,
        polygon: null,
      });
    const markDemo = (id: string) =>
      tx.updateTable('users').set({ must_change_password: false, is_demo: true }).where('id', '=', id).execute();
    for (const u of data.users) {
      const roles = u.roles.map(([role, scope]) => ({
        role: role as Role,
        scopeId: scope ? regions.get(scope.split(':')[1])!.id : null,
      }));
      const id = await insertUser(
        tx,
        ctx,
        {
          username: u.username,
          name: u.name,
          phone: u.phone,
          unitId: u.unit ? units.get(u.unit)! : null,
          regionId: u.region ? regions.get(u.region)!.id : null,
          roles,
        },
        hash,
      );
      await markDemo(id);
    }
    // A 联络员 for every unit without a unit account yet (the demo county's and the new counties').
    const staffed = new Set(
      (
        await tx
          .selectFrom('users as u')
          .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
          .select('u.unit_id')
          .where('ur.role', 'in', ['unit_liaison', 'unit_head'])
          .execute()
      ).map((r) => r.unit_id),
    );
    const phones = new Set((await tx.selectFrom('users').select('phone').execute()).map((r) => r.phone));
    let liaisons = 0;
    for (const u of [...demoData().units, ...data.units]) {
      const id = units.get(u.name)!;
      // The liaison, or the head when the liaison's phone already has an account (a 点长, say).
      const person = [u.liaison, u.head].find((x) => x && !phones.has(x[1]));
      if (staffed.has(id) || !person) continue;
      const userId = await insertUser(
        tx,
        ctx,
        {
          username: `u${person[1].slice(-6)}`,
          name: person[0],
          phone: person[1],
          unitId: id,
          regionId: null,
          roles: [{ role: person === u.liaison ? 'unit_liaison' : 'unit_head', scopeId: null }],
        },
        hash,
      );
      await markDemo(userId);
      liaisons += 1;
    }
    return { liaisons };
  });
}
