/** Regions, units and campaigns: CRUD, validation, optimistic concurrency, refusal to delete what is in use. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../support/factories';
import { engineName } from '../support/harness';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe(`organisation (${engineName})`, () => {
  it('creates, edits and deletes a unit; the second of two concurrent edits gets 409 version_conflict', async () => {
    const office = await t.as('office');
    const created = await office.post('/api/units', {
      name: `示范县商务局${t.tag}`,
      type: 'county_dept',
      regionId: t.countyId,
      headName: '陶然',
      headPhone: '13900005555',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ regionId: t.countyId, version: 1, abilities: { update: true, delete: true } });
    const id = created.body.id;
    const first = await office.patch(`/api/units/${id}`, { liaisonName: '姜红', version: 1 });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const second = await office.patch(`/api/units/${id}`, { liaisonName: '魏东', version: 1 });
    expect(second.status).toBe(409);
    expect(second.body.error).toEqual({ code: 'version_conflict', message: '数据已被他人修改，请刷新后重试' });
    expect((await office.get(`/api/units/${id}`)).body.liaisonName).toBe('姜红');
    expect((await office.delete(`/api/units/${id}`)).status).toBe(204);
    expect((await office.get(`/api/units/${id}`)).status).toBe(404);
  });

  it('validates unit input with Chinese messages and refuses duplicates', async () => {
    const office = await t.as('office');
    const bad = await office.post('/api/units', { name: 'x', type: 'ministry', regionId: 'nope', headPhone: '123' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation');
    expect(bad.body.error.message).toMatch(/单位名称至少 2 个字/);
    const dup = await office.post('/api/units', { name: `城管局${t.tag}`, type: 'county_dept', regionId: t.countyId });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate');
  });

  it('refuses to delete a unit that people belong to, and a region that has children', async () => {
    const office = await t.as('office');
    const res = await office.delete(`/api/units/${t.unitAId}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('in_use');
    expect(res.body.error.message).toMatch(/用户/);
    const admin = await t.as('admin');
    const region = await admin.delete(`/api/regions/${t.countyId}`);
    expect(region.status).toBe(409);
    expect(region.body.error.message).toMatch(/下级区划/);
  });

  it('sorts, filters and paginates units', async () => {
    const office = await t.as('office');
    for (const n of ['甲', '乙', '丙'])
      await office.post('/api/units', { name: `排序单位${n}${t.tag}`, type: 'school', regionId: t.townAId });
    const page1 = await office.get(
      `/api/units?type=school&regionId=${t.countyId}&sort=name&order=desc&pageSize=2&page=1&search=${encodeURIComponent('排序单位')}`,
    );
    expect(page1.body.total).toBe(3);
    // Chinese sorts by code point in both engines (甲 U+7532 > 乙 U+4E59 > 丙 U+4E19), not by pinyin.
    expect(page1.body.items.map((u: { name: string }) => u.name)).toEqual([`排序单位甲${t.tag}`, `排序单位乙${t.tag}`]);
    const page2 = await office.get(
      `/api/units?type=school&regionId=${t.countyId}&sort=name&order=desc&pageSize=2&page=2&search=${encodeURIComponent('排序单位')}`,
    );
    expect(page2.body.items.map((u: { name: string }) => u.name)).toEqual([`排序单位丙${t.tag}`]);
    expect((await office.get('/api/units?pageSize=10000')).status).toBe(400);
  });

  it('keeps the region tree consistent: a level must sit below its parent', async () => {
    const admin = await t.as('admin');
    const bad = await admin.post('/api/regions', { parentId: t.townAId, code: `${t.countyCode}001555`, name: '错层', level: 'county' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/不能作为/);
    const ok = await admin.post('/api/regions', { parentId: t.townAId, code: `${t.countyCode}001556`, name: '和平社区', level: 'village' });
    expect(ok.status).toBe(201);
    expect(ok.body.path.startsWith(`/${t.countyId}/${t.townAId}/`)).toBe(true);
    const renamed = await admin.patch(`/api/regions/${ok.body.id}`, { name: '和平里社区', version: ok.body.version });
    expect(renamed.body.name).toBe('和平里社区');
    expect((await admin.delete(`/api/regions/${ok.body.id}`)).status).toBe(204);
  });

  it('manages a campaign with its leading group (结对联创 links) and shows the task force', async () => {
    const office = await t.as('office');
    const c = await office.post('/api/campaigns', {
      name: `创建国家卫生县城${t.tag}`,
      titleType: 'sanitary_city',
      level: 'national',
      regionId: t.countyId,
      cycleStartYear: 2025,
      cycleEndYear: 2027,
      status: 'active',
    });
    expect(c.status).toBe(201);
    const wrongYears = await office.patch(`/api/campaigns/${c.body.id}`, { cycleEndYear: 2020, version: c.body.version });
    expect(wrongYears.status).toBe(400);
    const member = await office.post(`/api/campaigns/${c.body.id}/leading-group`, {
      name: '林雪梅',
      post: '副县长',
      groupRole: 'deputy_leader',
      phone: '13900006666',
      unitIds: [t.unitAId, t.unitBId],
    });
    expect(member.status).toBe(201);
    const missingUnit = await office.post(`/api/campaigns/${c.body.id}/leading-group`, {
      name: '韩立群',
      post: '县长',
      groupRole: 'leader',
      unitIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(missingUnit.status).toBe(400);
    const detail = await office.get(`/api/campaigns/${c.body.id}`);
    expect(detail.body.leadingGroup).toHaveLength(1);
    expect(detail.body.leadingGroup[0].units.map((u: { id: string }) => u.id).sort()).toEqual([t.unitAId, t.unitBId].sort());
    const upd = await office.patch(`/api/campaigns/${c.body.id}/leading-group/${member.body.id}`, { unitIds: [t.unitAId], version: 1 });
    expect(upd.status).toBe(204);
    expect((await office.get(`/api/campaigns/${c.body.id}`)).body.leadingGroup[0].units).toHaveLength(1);
    const own = await office.get(`/api/campaigns/${t.campaignId}`);
    expect(own.body.taskforce.map((m: { userId: string }) => m.userId)).toEqual([t.users.taskforce.id]);
    expect((await office.delete(`/api/campaigns/${c.body.id}/leading-group/${member.body.id}`)).status).toBe(204);
  });

  it('home page data lists what waits for the office', async () => {
    const office = await t.as('office');
    const home = await office.get('/api/home');
    expect(home.status).toBe(200);
    expect(home.body.cards.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['units', 'campaigns']));
    expect(home.body.todos.map((x: { key: string }) => x.key)).toContain('empty-groups');
  });
});
