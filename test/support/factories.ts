/**
 * Tenant factory: a fresh county with towns, units, a campaign and one account per role, all with
 * unique codes and names, so tests never depend on each other's rows (or on the demo seed).
 */
import crypto from 'node:crypto';
import type { Role } from '../../common/roles';
import { hashPassword } from '../../server/platform/auth/passwords';
import type { Db } from '../../server/platform/db';
import { Client } from './client';
import { getHarness } from './harness';

export const PASSWORD = 'Test@2026x';
let hash: Promise<string> | null = null;

/** The tenant's accounts by key, one per role (two unit liaisons, for units A and B). */
export const TENANT_ACCOUNTS = [
  'admin',
  'security',
  'auditor',
  'office',
  'leader',
  'taskforce',
  'unit',
  'unit2',
  'unithead',
  'inspector',
  'sitelead',
  'grid',
  'volunteer',
] as const;
export type TenantAccount = (typeof TENANT_ACCOUNTS)[number];

const ROLE_USERS: Array<[TenantAccount, Role, 'county' | 'unitA' | 'unitB' | 'campaign' | 'global' | 'townA']> = [
  ['admin', 'admin', 'global'],
  ['security', 'security_admin', 'global'],
  ['auditor', 'auditor', 'global'],
  ['office', 'office', 'county'],
  ['leader', 'leader', 'county'],
  ['taskforce', 'taskforce', 'campaign'],
  ['unit', 'unit_liaison', 'unitA'],
  ['unit2', 'unit_liaison', 'unitB'],
  ['unithead', 'unit_head', 'unitA'],
  ['inspector', 'inspector', 'county'],
  ['sitelead', 'site_lead', 'unitA'],
  ['grid', 'grid_worker', 'townA'],
  ['volunteer', 'volunteer', 'townA'],
];

export interface Tenant {
  tag: string;
  countyId: string;
  countyCode: string;
  townAId: string;
  townBId: string;
  unitAId: string;
  unitBId: string;
  campaignId: string;
  users: Record<string, { id: string; username: string }>;
  /** A signed-in client for one of the tenant's accounts ('office', 'unit', ...). */
  as(key: string): Promise<Client>;
  /** A client using a personal API token: unaffected by the 30-minute idle limit when a test moves the clock. */
  asScript(key: string): Promise<Client>;
}

async function insertRegion(db: Db, parent: { id: string; path: string } | null, code: string, name: string, level: string) {
  const id = crypto.randomUUID();
  await db
    .insertInto('regions')
    .values({
      id,
      parent_id: parent?.id ?? null,
      code,
      name,
      level,
      path: `${parent?.path ?? '/'}${id}/`,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return { id, path: `${parent?.path ?? '/'}${id}/` };
}

/**
 * A county of its own: a random tag (in every name of the tenant) and a region code from it. Region codes are unique
 * and a worker's PostgreSQL database keeps the tenants of earlier runs, so the code takes nine digits of the tag
 * (a six-digit code met an earlier tenant's about once in twenty runs) and a taken code is drawn again.
 */
async function insertTestCounty(db: Db) {
  for (let attempt = 1; ; attempt++) {
    const tag = crypto.randomBytes(4).toString('hex');
    const countyCode = `9${String(parseInt(tag, 16) % 1_000_000_000).padStart(9, '0')}`;
    try {
      return { tag, countyCode, county: await insertRegion(db, null, countyCode, `测试县${tag}`, 'county') };
    } catch (error) {
      if ((error as { code?: string }).code !== '23505' || attempt >= 5) throw error;
    }
  }
}

/** Builds a tenant (a county of its own) in the worker's database. */
export async function createTenant(): Promise<Tenant> {
  const { app, database } = await getHarness();
  const db = database.db;
  hash ??= hashPassword(PASSWORD);
  const pw = await hash;
  const { tag, countyCode, county } = await insertTestCounty(db);
  const townA = await insertRegion(db, county, `${countyCode}001`, `城关镇${tag}`, 'town');
  const townB = await insertRegion(db, county, `${countyCode}002`, `河西镇${tag}`, 'town');
  const now = new Date();
  const unit = (name: string, regionId: string) =>
    db
      .insertInto('units')
      .values({
        name: `${name}${tag}`,
        type: 'county_dept',
        region_id: regionId,
        head_name: '王建国',
        head_phone: '13900000001',
        liaison_name: '李红',
        liaison_phone: '13900000002',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const unitA = await unit('城管局', county.id);
  const unitB = await unit('市场监管局', townB.id);
  const campaign = await db
    .insertInto('campaigns')
    .values({
      name: `创建全国文明城市${tag}`,
      title_type: 'civilized_city',
      level: 'national',
      region_id: county.id,
      cycle_start_year: 2024,
      cycle_end_year: 2026,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const scopeOf = { county: county.id, townA: townA.id, unitA: unitA.id, unitB: unitB.id, campaign: campaign.id, global: null } as const;
  const users: Tenant['users'] = {};
  for (const [key, role, scope] of ROLE_USERS) {
    const username = `${key}_${tag}`;
    const unitId = scope === 'unitA' ? unitA.id : scope === 'unitB' ? unitB.id : null;
    const u = await db
      .insertInto('users')
      .values({
        username,
        name: `${key}用户`,
        password_hash: pw,
        must_change_password: false,
        unit_id: unitId,
        region_id: scope === 'townA' ? townA.id : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('user_roles')
      .values({
        user_id: u.id,
        role,
        scope_type: scope === 'global' ? 'global' : scope === 'campaign' ? 'campaign' : scope.startsWith('unit') ? 'unit' : 'region',
        scope_id: scopeOf[scope],
      })
      .execute();
    users[key] = { id: u.id, username };
  }
  return {
    tag,
    countyId: county.id,
    countyCode,
    townAId: townA.id,
    townBId: townB.id,
    unitAId: unitA.id,
    unitBId: unitB.id,
    campaignId: campaign.id,
    users,
    as: async (key) => new Client(app).login(users[key].username, PASSWORD),
    asScript: async (key) => {
      const session = await new Client(app).login(users[key].username, PASSWORD);
      const token = (await session.post('/api/auth/tokens', { name: '测试脚本' })).body.token as string;
      const script = new Client(app);
      script.bearer = token;
      return script;
    },
  };
}

/** A client with no session. */
export async function anonymous(): Promise<Client> {
  return new Client((await getHarness()).app);
}
