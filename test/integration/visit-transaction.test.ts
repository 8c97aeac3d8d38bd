/**
 * A visit's save is one transaction (issue 7): the visit, its results, the problems it files and a 回头看 relapse
 * commit together or not at all. Here the relapse step fails (the closed problem has lost its responsible unit, so
 * 回头看 cannot send it back), and nothing of the visit may remain.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePhoto, makeRound, makeSite, makeStandardsVersion, officeOf } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act } from '../support/problems';

let t: Tenant;

beforeAll(async () => {
  t = await createTenant();
});

describe(`a visit commits whole or not at all (${engineName})`, () => {
  it('a relapse that cannot be sent back undoes the whole visit: no visit, no results, no problem, the closed case untouched', async () => {
    const { database } = await getHarness();
    const db = database.db;
    const office = await officeOf(t);
    const inspector = await t.asScript('inspector');
    const unit = await t.asScript('unit');
    const { versionId, standards } = await makeStandardsVersion(t);
    const standardId = standards.get('农贸市场-01-01')!;
    const site = await makeSite(t);
    const first = await makeRound(t, { standardVersionId: versionId, siteIds: [site], startDate: '2026-10-01', endDate: '2026-10-31' });
    const found = await inspector.post(`/api/inspection-rounds/${first.id}/visits`, {
      siteId: site,
      results: [{ standardId, verdict: 'fail', photoIds: [await makePhoto(inspector)] }],
    });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const problemId = found.body.problems[0].problemId as string;
    await act(office, problemId, 'dispatch', { unitId: t.unitAId });
    await act(unit, problemId, 'acknowledge');
    await act(unit, problemId, 'submit_rectification', { measures: '已清理占道摊点', photoIds: [await makePhoto(unit)] });
    await act(office, problemId, 'verify', { passed: true });
    // The case has lost its unit (e.g. the unit was merged away): 回头看 cannot send a relapse back to it.
    await db.updateTable('problems').set({ unit_id: null }).where('id', '=', problemId).execute();
    const before = await db
      .selectFrom('problems')
      .select(['version', 'relapse_count', 'state'])
      .where('id', '=', problemId)
      .executeTakeFirstOrThrow();
    const problemsBefore = (await sql<{ n: number }>`select count(*)::int as n from problems where site_id = ${site}`.execute(db)).rows[0]
      .n;

    const recheck = await makeRound(t, {
      kind: 'recheck',
      standardVersionId: versionId,
      siteIds: undefined,
      recheckDays: 60,
      startDate: '2026-11-15',
      endDate: '2026-11-20',
    });
    expect(recheck.siteIds).toContain(site);
    const again = await inspector.post(`/api/inspection-rounds/${recheck.id}/visits`, {
      siteId: site,
      results: [{ standardId, verdict: 'fail', photoIds: [await makePhoto(inspector)], note: '又见占道' }],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(422);
    expect(again.body.error.message).toContain('责任单位');

    const visits = await db.selectFrom('inspection_visits').select('id').where('round_id', '=', recheck.id).execute();
    expect(visits).toEqual([]);
    expect((await sql<{ n: number }>`select count(*)::int as n from problems where site_id = ${site}`.execute(db)).rows[0].n).toBe(
      problemsBefore,
    );
    expect(
      await db.selectFrom('problems').select(['version', 'relapse_count', 'state']).where('id', '=', problemId).executeTakeFirstOrThrow(),
    ).toEqual(before);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['inspection_visit.recorded', 'problem.reopen'])
      .where('actor_id', '=', t.users.inspector.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['inspection_visit.recorded']);
  });
});
