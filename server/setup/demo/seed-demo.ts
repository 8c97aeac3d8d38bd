/** Seeds the demo county (示范县) from demo-county.json through the same insert paths the API uses. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../../common/roles';
import { systemActor } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import { hashPassword } from '../../platform/auth/passwords';
import type { Clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { Region } from '../../platform/schema';
import { insertCheckedRegion } from '../../modules/regions/create-region';
import { insertUnit } from '../../modules/units/create-unit';
import { insertUser } from '../../modules/users/create-user';
import { insertSite } from '../../modules/sites/save-site';
import { loadStarter } from '../../modules/standards/load-starter';
import { seedDemoPatrols } from '../../modules/patrols/seed-demo';
import { seedDemoIntegratorKey } from '../../modules/integrations/demo-key';

export const DEMO_PASSWORD = 'Demo@2026';

interface DemoData {
  regions: Array<{ code: string; name: string; level: string; parent?: string }>;
  units: Array<{
    name: string;
    type: string;
    region: string;
    parent?: string;
    head: [string, string] | null;
    liaison: [string, string] | null;
  }>;
  campaigns: Array<{
    key: string;
    name: string;
    titleType: string;
    level: string;
    region: string;
    cycle: [number, number];
    status: string;
    description: string;
    group: Array<{ name: string; post: string; role: string; phone?: string; user?: string; units?: string[] }>;
  }>;
  users: Array<{ username: string; name: string; phone?: string; unit?: string; region?: string; roles: Array<[string, string?]> }>;
}

/** Loads the demo data file. */
export function demoData(): DemoData {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-county.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoData;
}

/** Creates the demo county in one transaction; returns counts. */
export async function seedDemo(db: Db, clock: Clock) {
  const data = demoData();
  const ctx: Ctx = { actor: systemActor, db, clock, meta: { ip: null, userAgent: 'seed' } };
  const hash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (tx) => {
    const regions = new Map<string, Region>();
    for (const r of data.regions) {
      regions.set(
        r.code,
        await insertCheckedRegion(
          tx,
          ctx,
          { code: r.code, name: r.name, level: r.level as never },
          r.parent ? regions.get(r.parent)! : null,
        ),
      );
    }
    const units = new Map<string, string>();
    for (const u of data.units) {
      const id = await insertUnit(tx, ctx, {
        name: u.name,
        type: u.type as never,
        regionId: regions.get(u.region)!.id,
        parentId: u.parent ? units.get(u.parent)! : null,
        headName: u.head?.[0] ?? null,
        headPhone: u.head?.[1] ?? null,
        liaisonName: u.liaison?.[0] ?? null,
        liaisonPhone: u.liaison?.[1] ?? null,
      });
      units.set(u.name, id);
    }
    const campaigns = new Map<string, string>();
    const now = clock.now();
    for (const c of data.campaigns) {
      const row = await tx
        .insertInto('campaigns')
        .values({
          name: c.name,
          title_type: c.titleType,
          level: c.level,
          region_id: regions.get(c.region)!.id,
          cycle_start_year: c.cycle[0],
          cycle_end_year: c.cycle[1],
          status: c.status,
          description: c.description,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordEvent(tx, ctx, { action: 'campaign.created', subjectType: 'campaign', subjectId: row.id, after: { name: c.name } });
      campaigns.set(c.key, row.id);
    }
    const users = new Map<string, string>();
    for (const u of data.users) {
      const roles = u.roles.map(([role, scope]) => {
        if (!scope) return { role: role as Role, scopeId: null };
        const [kind, key] = scope.split(':');
        return {
          role: role as Role,
          scopeId: kind === 'region' ? regions.get(key)!.id : kind === 'campaign' ? campaigns.get(key)! : units.get(key)!,
        };
      });
      const id = await insertUser(
        tx,
        ctx,
        {
          username: u.username,
          name: u.name,
          phone: u.phone ?? null,
          unitId: u.unit ? units.get(u.unit)! : null,
          regionId: u.region ? regions.get(u.region)!.id : null,
          roles,
        },
        hash,
      );
      // Demo accounts skip the forced first-login password change (the README lists their password).
      await tx.updateTable('users').set({ must_change_password: false, is_demo: true }).where('id', '=', id).execute();
      users.set(u.username, id);
    }
    for (const c of data.campaigns) {
      for (const [i, m] of c.group.entries()) {
        const member = await tx
          .insertInto('leading_group_members')
          .values({
            campaign_id: campaigns.get(c.key)!,
            name: m.name,
            post: m.post,
            group_role: m.role,
            phone: m.phone ?? null,
            user_id: m.user ? users.get(m.user)! : null,
            sort: i,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (m.units?.length)
          await tx
            .insertInto('leading_group_unit_links')
            .values(m.units.map((n) => ({ member_id: member.id, unit_id: units.get(n)! })))
            .execute();
      }
    }
    // Starter standards for each campaign title, and the county's sites with their units and leads.
    let standards = 0;
    for (const c of data.campaigns) {
      const loaded = await loadStarter(tx, ctx, campaigns.get(c.key)!, c.titleType);
      standards += loaded?.counts.standards ?? 0;
    }
    let sites = 0;
    const sitesFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-sites.json');
    if (fs.existsSync(sitesFile)) {
      const list = JSON.parse(fs.readFileSync(sitesFile, 'utf8')) as {
        items: Array<{
          name: string;
          siteType: string;
          address?: string;
          lat?: number;
          lng?: number;
          region: string;
          unit?: string;
          leadName?: string;
          leadPhone?: string;
          leadUsername?: string;
          polygon?: Array<[number, number]>;
        }>;
      };
      for (const x of list.items) {
        await insertSite(tx, ctx, {
          name: x.name,
          siteTypeCode: x.siteType,
          address: x.address ?? null,
          location: x.lat !== undefined && x.lng !== undefined ? { lat: x.lat, lng: x.lng } : null,
          regionId: regions.get(x.region)!.id,
          unitId: x.unit ? (units.get(x.unit) ?? null) : null,
          leadUserId: x.leadUsername ? (users.get(x.leadUsername) ?? null) : null,
          leadName: x.leadName ?? null,
          leadPhone: x.leadPhone ?? null,
          polygon: x.polygon ?? null,
        });
        sites += 1;
      }
    }
    // A few days of 点长巡查打卡 at the leads' sites, so the office's month grid is not empty.
    await seedDemoPatrols(tx, ctx);
    // The demo county's Open311 / 12345 对接密钥 for the integrator `demo` (printed at first run and by npm run seed).
    const county = data.regions.find((r) => r.level === 'county')!;
    const open311Key = await seedDemoIntegratorKey(tx, ctx, regions.get(county.code)!.id);
    return { regions: regions.size, units: units.size, campaigns: campaigns.size, users: users.size, standards, sites, open311Key };
  });
}
