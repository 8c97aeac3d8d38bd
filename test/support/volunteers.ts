/**
 * 志愿之城 test setup in SQL: a team with its admins, a practice station and volunteers with accounts (approved,
 * pending, …), so the activity tests do not depend on the registration screens. Each volunteer signs in with a
 * personal API token (unaffected by the 30-minute idle limit when a test moves the clock).
 */
import crypto from 'node:crypto';
import { hashPassword } from '../../server/platform/auth/passwords';
import { Client } from './client';
import { PASSWORD, type Tenant } from './factories';
import { getHarness } from './harness';

let hash: Promise<string> | null = null;

async function tokenClient(username: string): Promise<Client> {
  const { app } = await getHarness();
  const session = await new Client(app).login(username, PASSWORD);
  const res = await session.post('/api/auth/tokens', { name: '测试脚本' });
  if (res.status !== 201 && res.status !== 200) throw new Error(`token for ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const script = new Client(app);
  script.bearer = res.body.token as string;
  return script;
}

/** A user account (with the volunteer role on the region) for a volunteer or a team admin. */
export async function makeUser(t: Tenant, name: string, regionId: string = t.townAId): Promise<{ id: string; username: string }> {
  const db = (await getHarness()).database.db;
  hash ??= hashPassword(PASSWORD);
  const username = `vol_${t.tag}_${crypto.randomBytes(3).toString('hex')}`;
  const now = new Date();
  const u = await db
    .insertInto('users')
    .values({
      username,
      name,
      password_hash: await hash,
      must_change_password: false,
      region_id: regionId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: u.id, role: 'volunteer', scope_type: 'region', scope_id: regionId }).execute();
  return { id: u.id, username };
}

/** A team of the county (a 支队 by default) with the given admins. */
export async function makeTeam(t: Tenant, name: string, adminIds: string[] = [], regionId: string = t.countyId): Promise<string> {
  const db = (await getHarness()).database.db;
  const now = new Date();
  const team = await db
    .insertInto('volunteer_teams')
    .values({
      region_id: regionId,
      kind: 'detachment',
      name: `${name}${t.tag}`,
      contact_name: '周志强',
      contact_phone: '13812345678',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const userId of adminIds)
    await db.insertInto('volunteer_team_admins').values({ team_id: team.id, user_id: userId, created_at: now }).execute();
  return team.id;
}

/** A 新时代文明实践站 in a town. */
export async function makeStation(t: Tenant, name: string, regionId: string = t.townAId): Promise<string> {
  const db = (await getHarness()).database.db;
  const now = new Date();
  const s = await db
    .insertInto('volunteer_stations')
    .values({
      region_id: regionId,
      level: 'station',
      name: `${name}${t.tag}`,
      address: '人民路 18 号',
      lat: 32.0603,
      lng: 118.7969,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return s.id;
}

export interface TestVolunteer {
  id: string;
  userId: string;
  name: string;
  client: Client;
}

/** A volunteer of the team (approved unless told), with an account and a signed-in client. */
export async function makeVolunteer(
  t: Tenant,
  teamId: string,
  name: string,
  state: 'pending' | 'approved' | 'rejected' | 'left' = 'approved',
  regionId: string = t.countyId,
): Promise<TestVolunteer> {
  const db = (await getHarness()).database.db;
  const user = await makeUser(t, name);
  const now = new Date();
  const v = await db
    .insertInto('volunteers')
    .values({
      user_id: user.id,
      region_id: regionId,
      team_id: teamId,
      name,
      phone: `139${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`,
      gender: 'female',
      id_number_enc: 'test:not-a-real-ciphertext',
      id_number_hash: crypto.randomBytes(16).toString('hex'),
      id_number_masked: '3201**********1234',
      skills: JSON.stringify(['文明劝导']),
      state,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: v.id, userId: user.id, name, client: await tokenClient(user.username) };
}

/** A signed-in (token) client for an account made by makeUser. */
export const clientOf = (username: string) => tokenClient(username);
