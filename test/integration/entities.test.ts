/** The per-entity factories (test/support/entities.ts) build what they say, parents included, through the API. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { makePhoto, makeProblem, makeRound, makeSite, makeStandardsVersion, officeOf } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName } from '../support/harness';

let t: Tenant;
let office: Client;

describe(`entity factories (${engineName})`, () => {
  beforeAll(async () => {
    t = await createTenant();
    office = await officeOf(t);
  });

  it('makeSite: a 农贸市场 in town A kept by unit A, or what it is told', async () => {
    const id = await makeSite(t);
    expect((await office.get(`/api/sites/${id}`)).body).toMatchObject({
      id,
      siteTypeCode: 'farmers_market',
      regionId: t.townAId,
      unitId: t.unitAId,
    });
    const street = await makeSite(t, { siteTypeCode: 'back_street', regionId: t.townBId, unitId: t.unitBId });
    expect((await office.get(`/api/sites/${street}`)).body).toMatchObject({
      siteTypeCode: 'back_street',
      regionId: t.townBId,
      unitId: t.unitBId,
    });
  });

  it('makeStandardsVersion: imports the default or the given rows and maps codes to ids', async () => {
    const plain = await makeStandardsVersion(t);
    expect([...plain.standards.keys()]).toEqual(['农贸市场-01-01']);
    const custom = await makeStandardsVersion(t, [
      ['和谐宜居的生活环境', '背街小巷', 'B-1', '路面平整', '实地考察', 1, '背街小巷', '', '', '否'],
      ['健康向上的人文环境', '群众满意度', 'Q-1', '满意度不低于 90%', '问卷调查', 3, '', '', '', '否'],
    ]);
    expect([...custom.standards.keys()]).toEqual(['B-1', 'Q-1']);
    const standard = await office.get(`/api/standards/${custom.standards.get('Q-1')}`);
    expect(standard.status).toBe(200);
    expect(custom.versionId).not.toBe(plain.versionId);
  });

  it('makeRound: builds a site and a version when not given, and uses them when given', async () => {
    const round = await makeRound(t);
    expect(round.siteIds).toHaveLength(1);
    const body = (await office.get(`/api/inspection-rounds/${round.id}`)).body;
    expect(body).toMatchObject({ id: round.id, standardVersionId: round.standardVersionId });
    const siteIds = [await makeSite(t), await makeSite(t)];
    const given = await makeRound(t, { siteIds, standardVersionId: round.standardVersionId, kind: 'covert' });
    expect([...given.siteIds].sort()).toEqual([...siteIds].sort());
    expect(given.standardVersionId).toBe(round.standardVersionId);
  });

  it('makeProblem: reported, accepted or dispatched, to unit A or the unit given', async () => {
    expect(await makeProblem(t)).toMatchObject({ state: 'pending' });
    expect(await makeProblem(t, { stage: 'accepted' })).toMatchObject({ state: 'accepted' });
    const dispatched = await makeProblem(t, { stage: 'dispatched', severity: 'urgent' });
    expect(dispatched).toMatchObject({ state: 'dispatched', unitId: t.unitAId, severity: 'urgent' });
    expect(dispatched.deadline).toBeTruthy();
    const toB = await makeProblem(t, { stage: 'dispatched', unitId: t.unitBId });
    expect(toB).toMatchObject({ unitId: t.unitBId });
    // A report by someone else (the grid worker files under 网格巡查 in their own town).
    const grid = await t.asScript('grid');
    expect(await makeProblem(t, { regionId: t.townAId }, grid)).toMatchObject({ state: 'pending', source: 'grid' });
  });

  it('makePhoto: an upload its uploader can read', async () => {
    const unit = await t.asScript('unit');
    const id = await makePhoto(unit);
    expect((await unit.get(`/api/files/${id}/meta`)).status).toBe(200);
  });
});
