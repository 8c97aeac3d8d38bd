/**
 * GET /api/problem-categories/frequent — the phone report form's chips: the caller's most reported categories over
 * the last 90 days first, then the most reported in the area they report in; never another county's reports, never
 * an old one, never a category stopped in the caller's region; at most six.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { report } from '../support/problems';

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
});

type Item = { code: string; name: string; parentCode: string | null; mine: number; reports: number };

describe(`frequent categories (${engineName})`, () => {
  it("offers the reporter's own categories first, then the area's; not another county's, not older than 90 days, not stopped ones", async () => {
    const grid = await t.as('grid');
    const office = await t.as('office');
    // Nothing reported yet: no chips (the form shows search only).
    const empty = await grid.get('/api/problem-categories/frequent');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ days: 90, items: [] });

    // The grid worker: 上水井盖 ×3, 路灯 ×1 in his town. The office: 暴露垃圾 ×4 in the same town, 污水井盖 ×5 in the
    // other town (outside the grid worker's area). The other county: 雨水井盖 ×6.
    for (let i = 0; i < 3; i++) await report(grid, t.townAId, { categoryCode: 'C0101', source: 'grid' });
    await report(grid, t.townAId, { categoryCode: 'C0106', source: 'grid' });
    for (let i = 0; i < 4; i++) await report(office, t.townAId, { categoryCode: 'E0102' });
    for (let i = 0; i < 5; i++) await report(office, t.townBId, { categoryCode: 'C0102' });
    const otherOffice = await other.as('office');
    for (let i = 0; i < 6; i++) await report(otherOffice, other.townAId, { categoryCode: 'C0103' });

    const mine = await grid.get('/api/problem-categories/frequent');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: Item) => [c.code, c.mine, c.reports])).toEqual([
      ['C0101', 3, 3],
      ['C0106', 1, 1],
      ['E0102', 0, 4],
    ]);
    expect(mine.body.items[0]).toMatchObject({ name: '上水井盖', parentCode: 'C01' });

    // The office sees the whole county: its own first (污水井盖 5, 暴露垃圾 4), then the grid worker's.
    const county = await office.get('/api/problem-categories/frequent');
    expect(county.body.items.map((c: Item) => [c.code, c.mine, c.reports])).toEqual([
      ['C0102', 5, 5],
      ['E0102', 4, 4],
      ['C0101', 0, 3],
      ['C0106', 0, 1],
    ]);

    // A report older than 90 days no longer counts.
    const { database } = await getHarness();
    await sql`update problems set created_at = now() - interval '91 days'
      where category_code = 'C0106' and region_id = ${t.townAId}`.execute(database.db);
    const later = await grid.get('/api/problem-categories/frequent');
    expect(later.body.items.map((c: Item) => c.code)).toEqual(['C0101', 'E0102']);

    // 停用 in the county: 上水井盖 can no longer be reported there, so it is not offered.
    const stop = await office.request('PUT', `/api/problem-categories/C0101/regions/${t.countyId}`, { active: false, version: null });
    expect(stop.status, JSON.stringify(stop.body)).toBe(200);
    const stopped = await grid.get('/api/problem-categories/frequent');
    expect(stopped.body.items.map((c: Item) => c.code)).toEqual(['E0102']);
    // The other county still sees only its own.
    const theirs = await (await other.as('grid')).get('/api/problem-categories/frequent');
    expect(theirs.body.items.map((c: Item) => [c.code, c.mine, c.reports])).toEqual([['C0103', 0, 6]]);
  });

  it('at most six, and a signed-out caller gets 401', async () => {
    const office = await t.as('office');
    for (const code of ['C0104', 'C0105', 'C0107', 'C0108', 'C0109', 'C0110']) await report(office, t.townBId, { categoryCode: code });
    const res = await office.get('/api/problem-categories/frequent');
    expect(res.body.items).toHaveLength(6);
    const { app } = await getHarness();
    expect((await app.inject({ method: 'GET', url: '/api/problem-categories/frequent' })).statusCode).toBe(401);
  });
});
