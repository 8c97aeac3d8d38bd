/**
 * 公众类别 (issue 11: "a short public list (data, editable by the office)"): the list citizens pick from on /p/report
 * is one for the deployment, so only an office over the whole deployment saves it; a county office among several
 * reads it. Saving checks every code, keeps the order, is audited, and /api/public/categories follows it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
let original: string[] = [];
beforeAll(async () => {
  t = await createTenant();
  await createTenant(); // a second county side by side: no county office is over the whole deployment
  const office = await t.asScript('office');
  original = (await office.get('/api/citizen-reports/public-categories')).body.items.map((c: { code: string }) => c.code);
});
afterAll(async () => {
  // The list is the deployment's: put it back for the other tests of this database.
  const { database } = await getHarness();
  await sql`delete from public_report_categories`.execute(database.db);
  await sql`insert into public_report_categories (code, sort)
    select code, ord::int from unnest(${original}::text[]) with ordinality as t(code, ord)`.execute(database.db);
});

describe(`公众类别 (${engineName})`, () => {
  it('a county office among several counties reads the list but may not change it (403, unchanged)', async () => {
    const office = await t.asScript('office');
    const read = await office.get('/api/citizen-reports/public-categories');
    expect(read.status).toBe(200);
    expect(read.body.editable).toBe(false);
    expect(read.body.items.length).toBeGreaterThan(0);
    expect(read.body.choices.map((c: { code: string }) => c.code)).toContain('E0102');
    const refused = await office.request('PUT', '/api/citizen-reports/public-categories', { codes: ['E0102'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('市级');
    expect((await office.get('/api/citizen-reports/public-categories')).body.items.map((c: { code: string }) => c.code)).toEqual(original);
    // Other roles: not even the list.
    expect((await (await t.asScript('unit')).get('/api/citizen-reports/public-categories')).status).toBe(403);
  });

  it('an office over the whole deployment saves it in order; bad codes are refused and change nothing; audited', async () => {
    const { database } = await getHarness();
    await database.db
      .insertInto('user_roles')
      .values({ user_id: t.users.office.id, role: 'office', scope_type: 'global', scope_id: null })
      .execute();
    try {
      const office = await t.asScript('office');
      expect((await office.get('/api/citizen-reports/public-categories')).body.editable).toBe(true);
      for (const [codes, message] of [
        [['E0102', 'E0102'], '不能重复'],
        [['E0102', 'ZZ99'], 'ZZ99'],
        [['E01'], 'E01'],
        [[], '至少保留 1 个类别'],
      ] as const) {
        const res = await office.request('PUT', '/api/citizen-reports/public-categories', { codes });
        expect(res.status, JSON.stringify(codes)).toBe(400);
        expect(res.body.error.message).toContain(message);
      }
      expect((await office.get('/api/citizen-reports/public-categories')).body.items.map((c: { code: string }) => c.code)).toEqual(
        original,
      );

      // The list is the deployment's, and on PostgreSQL the other worker's files file reports from it at this moment:
      // the new list keeps every code and changes only the order (dropping one would refuse their reports).
      const reordered = [...original].reverse();
      expect(reordered).not.toEqual(original);
      const saved = await office.request('PUT', '/api/citizen-reports/public-categories', { codes: reordered });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.items.map((c: { code: string }) => c.code)).toEqual(reordered);
      const { app } = await getHarness();
      const pub = (await app.inject({ method: 'GET', url: '/api/public/categories', remoteAddress: '10.9.9.9' })).json();
      expect(pub.categories.map((c: { code: string }) => c.code)).toEqual(reordered);
      const events = await database.db
        .selectFrom('audit_events')
        .select(['action', 'after'])
        .where('action', '=', 'public_categories.updated')
        .where('actor_id', '=', t.users.office.id)
        .execute();
      expect(events).toEqual([{ action: 'public_categories.updated', after: { codes: reordered } }]);
    } finally {
      await database.db.deleteFrom('user_roles').where('user_id', '=', t.users.office.id).where('scope_type', '=', 'global').execute();
    }
  });
});
