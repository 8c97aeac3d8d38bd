/**
 * Reporting stays inside the reporter's area and channel (issue 7): the server derives a report's source from the
 * reporter's role, refuses regions and sites of another county, and a site page lists only the open problems the
 * reader could open themselves. Photos of another county stay there.
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, uploadPhoto } from '../support/problems';

let t: Tenant;
let other: Tenant;
let otherSite: string;

const body = (over: Record<string, unknown>) => ({
  clientId: crypto.randomUUID(),
  description: '人行道井盖缺失，存在安全隐患',
  categoryCode: 'C0106',
  photoIds: [],
  ...over,
});

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  const otherOffice = await other.asScript('office');
  const site = await otherOffice.post('/api/sites', {
    name: `河西农贸市场${other.tag}`,
    siteTypeCode: 'farmers_market',
    regionId: other.townAId,
    unitId: other.unitAId,
    address: '河西路 1 号',
    location: { lat: 39.3, lng: 116.2 },
  });
  expect(site.status).toBe(201);
  otherSite = site.body.id;
});

describe(`reports stay in the reporter's area and channel (${engineName})`, () => {
  it('derives the source from the role and refuses sources the role may not use', async () => {
    const grid = await t.asScript('grid');
    const plain = await grid.post('/api/problems', body({ regionId: t.townAId }));
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body.source).toBe('grid');
    for (const source of ['covert', 'recheck', 'leader', 'hotline']) {
      const res = await grid.post('/api/problems', body({ regionId: t.townAId, source }));
      expect(res.status, source).toBe(400);
      expect(res.body.error.message).toContain('来源');
    }
    // A volunteer reports as 文明啄木鸟 (counted on the volunteer's record), not as an anonymous citizen.
    const volunteer = await t.asScript('volunteer');
    expect((await volunteer.post('/api/problems', body({ regionId: t.townAId }))).body.source).toBe('volunteer');
    expect((await volunteer.post('/api/problems', body({ regionId: t.townAId, source: 'citizen' }))).status).toBe(400);
    // The office enters what arrived by the 12345 hotline.
    const office = await t.asScript('office');
    expect((await office.post('/api/problems', body({ regionId: t.townAId, source: 'hotline' }))).body.source).toBe('hotline');
    expect((await office.post('/api/problems', body({ regionId: t.townAId, source: 'covert' }))).status).toBe(400);
  });

  it('refuses a region or a site of another county, and writes nothing', async () => {
    const grid = await t.asScript('grid');
    const volunteer = await t.asScript('volunteer');
    const before = (await (await other.asScript('office')).get('/api/problems/summary')).body;
    const intoOther = await grid.post('/api/problems', body({ regionId: other.countyId, source: 'grid' }));
    expect(intoOther.status).toBe(400);
    // Even the grid worker's own county outside their grid's town is not theirs to file into.
    expect((await grid.post('/api/problems', body({ regionId: t.townBId, source: 'grid' }))).status).toBe(400);
    const viaSite = await volunteer.post('/api/problems', body({ siteId: otherSite, source: 'citizen' }));
    expect(viaSite.status).toBe(400);
    expect((await (await other.asScript('office')).get('/api/problems/summary')).body).toEqual(before);
  });

  it('a site page lists only the open problems the reader may open', async () => {
    const office = await t.asScript('office');
    const site = await office.post('/api/sites', {
      name: `城关农贸市场${t.tag}`,
      siteTypeCode: 'farmers_market',
      regionId: t.townAId,
      unitId: t.unitAId,
      address: '城关路 8 号',
      location: { lat: 39.31, lng: 116.21 },
    });
    expect(site.status).toBe(201);
    const reported = await office.post(
      '/api/problems',
      body({ siteId: site.body.id, regionId: t.townAId, description: '市场门口占道经营', source: 'inspection' }),
    );
    expect(reported.status).toBe(201);
    await act(office, reported.body.id, 'accept');
    expect((await office.get(`/api/sites/${site.body.id}`)).body.openProblems.map((p: { id: string }) => p.id)).toContain(reported.body.id);
    for (const key of ['admin', 'grid', 'volunteer', 'unit2']) {
      const c = await t.asScript(key);
      const page = await c.get(`/api/sites/${site.body.id}`);
      if (page.status !== 200) continue;
      expect((await c.get(`/api/problems/${reported.body.id}`)).status, key).toBe(404);
      expect(JSON.stringify(page.body.openProblems), key).not.toContain(reported.body.id);
      expect(JSON.stringify(page.body), key).not.toContain('市场门口占道经营');
    }
  });

  it("another county's office opens none of this county's photos", async () => {
    const unit = await t.asScript('unit');
    const office = await t.asScript('office');
    const reported = await office.post('/api/problems', body({ regionId: t.townAId, source: 'inspection' }));
    await act(office, reported.body.id, 'accept');
    await act(office, reported.body.id, 'dispatch', { unitId: t.unitAId });
    await act(unit, reported.body.id, 'acknowledge');
    const photo = await uploadPhoto(unit);
    await act(unit, reported.body.id, 'submit_rectification', { measures: '已补齐井盖', photoIds: [photo] });
    expect((await office.get(`/api/files/${photo}/evidence`)).status).toBe(200);
    const stranger: Client = await other.asScript('office');
    for (const suffix of ['', '/meta', '/thumbnail', '/evidence'])
      expect((await stranger.get(`/api/files/${photo}${suffix}`)).status, suffix).toBe(404);
    // Nor can they attach it to a report of their own.
    expect((await stranger.post('/api/problems', body({ regionId: other.townAId, photoIds: [photo], source: 'inspection' }))).status).toBe(
      400,
    );
  });

  it("dispatch and relapse take the deadline from the problem's county, not the shipped default", async () => {
    const office = await t.asScript('office');
    const set = await office.request('PUT', `/api/problem-settings/regions/${t.countyId}/deadlines/urgent`, {
      hours: 3,
      workingDays: false,
      version: null,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const reported = await office.post('/api/problems', body({ regionId: t.townAId, severity: 'urgent', source: 'inspection' }));
    await act(office, reported.body.id, 'accept');
    const { clock } = await getHarness();
    const dispatched = await act(office, reported.body.id, 'dispatch', { unitId: t.unitAId });
    expect(new Date(dispatched.deadline).getTime() - clock.now().getTime()).toBe(3 * 3600_000);
    // Another county keeps the shipped default for the same severity.
    const elsewhere = await (
      await other.asScript('office')
    ).post('/api/problems', body({ regionId: other.townAId, severity: 'urgent', source: 'inspection' }));
    const otherOffice = await other.asScript('office');
    await act(otherOffice, elsewhere.body.id, 'accept');
    const theirs = await act(otherOffice, elsewhere.body.id, 'dispatch', { unitId: other.unitAId });
    expect(new Date(theirs.deadline).getTime() - clock.now().getTime()).not.toBe(3 * 3600_000);
  });

  it('a category the county switched off is refused on report there, and still taken elsewhere', async () => {
    const office = await t.asScript('office');
    const stop = await office.request('PUT', `/api/problem-categories/E05/regions/${t.countyId}`, { active: false, version: null });
    expect(stop.status, JSON.stringify(stop.body)).toBe(200);
    const refused = await (await t.asScript('grid')).post('/api/problems', body({ regionId: t.townAId, categoryCode: 'E0502' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('E0502');
    expect(
      (await (await other.asScript('grid')).post('/api/problems', body({ regionId: other.townAId, categoryCode: 'E0502' }))).status,
    ).toBe(201);
    expect((await office.delete(`/api/problem-categories/E05/regions/${t.countyId}`)).status).toBe(204);
  });
});
