/** Data scope (a unit never sees another unit's records; tenants never see each other) and 三员分立. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../support/factories';
import { engineName } from '../support/harness';

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
});

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((x) => x.id);

describe(`data scope (${engineName})`, () => {
  it('a unit liaison lists only their own unit and gets 404 for unit2, also when trying to change it', async () => {
    const unit = await t.as('unit');
    const list = await unit.get('/api/units?pageSize=100');
    expect(ids(list.body)).toEqual([t.unitAId]);
    expect(list.body.total).toBe(1);
    const read = await unit.get(`/api/units/${t.unitBId}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('not_found');
    const change = await unit.patch(`/api/units/${t.unitBId}`, { headName: '张三', version: 1 });
    expect(change.status).toBe(404);
    const unit2 = await t.as('unit2');
    expect(ids((await unit2.get('/api/units?pageSize=100')).body)).toEqual([t.unitBId]);
    expect((await unit2.get(`/api/units/${t.unitAId}`)).status).toBe(404);
  });

  it('a 404 for an out-of-scope record looks exactly like one for a record that does not exist', async () => {
    const unit = await t.as('unit');
    const hidden = await unit.get(`/api/units/${t.unitBId}`);
    const missing = await unit.get('/api/units/00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(missing.status);
    expect(hidden.body).toEqual(missing.body);
  });

  it("an office sees its own county's units and regions, never another county's", async () => {
    const office = await t.as('office');
    const units = ids((await office.get('/api/units?pageSize=500')).body);
    expect(units).toEqual(expect.arrayContaining([t.unitAId, t.unitBId]));
    expect(units).not.toContain(other.unitAId);
    expect((await office.get(`/api/units/${other.unitAId}`)).status).toBe(404);
    const tree = (await office.get('/api/regions/tree')).body.items;
    expect(tree.map((r: { id: string }) => r.id)).toEqual([t.countyId]);
    expect((await office.get(`/api/regions/${other.countyId}`)).status).toBe(404);
    const users = ids((await office.get('/api/users?pageSize=500')).body);
    expect(users).toContain(t.users.unit.id);
    expect(users).not.toContain(other.users.unit.id);
  });

  it('a grid worker sees only the regions of their own town', async () => {
    const grid = await t.as('grid');
    const regions = ids((await grid.get('/api/regions?pageSize=100')).body);
    expect(regions).toEqual([t.townAId]);
  });

  it('a task force sees its campaign; a region filter narrows units to the subtree', async () => {
    const tf = await t.as('taskforce');
    expect(ids((await tf.get('/api/campaigns')).body)).toEqual([t.campaignId]);
    const office = await t.as('office');
    expect(ids((await office.get(`/api/units?regionId=${t.townBId}`)).body)).toEqual([t.unitBId]);
  });

  it('responses carry the abilities of the actor on each record', async () => {
    const unit = await t.as('unit');
    const mine = (await unit.get(`/api/units/${t.unitAId}`)).body;
    expect(mine.abilities).toEqual({ update: true, restructure: false, delete: false });
    const office = await t.as('office');
    expect((await office.get(`/api/units/${t.unitAId}`)).body.abilities).toEqual({ update: true, restructure: true, delete: true });
  });
});

describe(`三员分立 separation of duties (${engineName})`, () => {
  it('the system administrator configures the organisation but cannot manage accounts or read the audit trail', async () => {
    const admin = await t.as('admin');
    expect(
      (await admin.post('/api/regions', { parentId: t.countyId, code: `${t.countyCode}777`, name: '新城街道', level: 'town' })).status,
    ).toBe(201);
    expect((await admin.post('/api/users', { username: `x${t.tag}`, name: '张三', roles: [{ role: 'admin' }] })).status).toBe(403);
    // Accounts are not even readable to the system administrator, so a named account answers 404.
    expect((await admin.post(`/api/users/${t.users.unit.id}/reset-password`)).status).toBe(404);
    expect((await admin.get('/api/users')).status).toBe(403);
    expect((await admin.get('/api/audit-events')).status).toBe(403);
  });

  it('the security administrator manages accounts but cannot change the organisation or read the audit trail', async () => {
    const sec = await t.as('security');
    expect((await sec.post('/api/units', { name: `新单位${t.tag}`, type: 'county_dept', regionId: t.countyId })).status).toBe(403);
    expect(
      (await sec.post('/api/regions', { parentId: t.countyId, code: `${t.countyCode}778`, name: '新城街道', level: 'town' })).status,
    ).toBe(403);
    expect((await sec.get('/api/audit-events')).status).toBe(403);
    const reset = await sec.post(`/api/users/${t.users.unit2.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.password.length).toBeGreaterThanOrEqual(8);
  });

  it('the auditor reads the audit trail and changes nothing', async () => {
    const aud = await t.as('auditor');
    expect((await aud.get('/api/audit-events?pageSize=1')).status).toBe(200);
    expect((await aud.post('/api/units', { name: `新单位A${t.tag}`, type: 'county_dept', regionId: t.countyId })).status).toBe(404);
    expect(
      (await aud.post('/api/users', { username: `y${t.tag}`, name: '李四', roles: [{ role: 'volunteer', scopeId: t.townAId }] })).status,
    ).toBe(403);
    expect((await aud.patch(`/api/users/${t.users.auditor.id}`, { active: false, version: 1 })).status).toBe(404);
  });

  it('no account may hold a separated admin role together with another role', async () => {
    const sec = await t.as('security');
    const res = await sec.post('/api/users', {
      username: `z${t.tag}`,
      name: '王五',
      roles: [{ role: 'auditor' }, { role: 'office', scopeId: t.countyId }],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('separation_of_duties');
    expect((await sec.get(`/api/users?search=z${t.tag}`)).body.total).toBe(0);
    const both = await sec.post('/api/users', {
      username: `w${t.tag}`,
      name: '赵六',
      roles: [{ role: 'admin' }, { role: 'security_admin' }],
    });
    expect(both.body.error.code).toBe('separation_of_duties');
  });

  it('a security administrator cannot change their own roles', async () => {
    const sec = await t.as('security');
    const me = await sec.get(`/api/users/${t.users.security.id}`);
    expect(me.body.abilities.assignRoles).toBe(false);
    const res = await sec.patch(`/api/users/${t.users.security.id}`, { roles: [{ role: 'auditor' }], version: me.body.version });
    expect(res.status).toBe(403);
  });
});
