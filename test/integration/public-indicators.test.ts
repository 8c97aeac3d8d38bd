/**
 * 群众满意度 and 群众反映问题解决率 (issue 11) on the indicator seam: hand-computed figures for one month (2026-10) per
 * town and county, on both engines. The records are written as they stand after the loop (state, deadline, times,
 * ratings), so each figure can be checked by hand.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { report } from '../support/problems';

let t: Tenant;
let office: Client;

/** A problem of `source` in `regionId`, then set as the loop left it. */
async function problem(
  regionId: string,
  source: string,
  set: { state?: string; accepted?: boolean; deadline?: string | null; closedAt?: string | null } = {},
) {
  // Filed as the office may (随手拍 or 督查); Open311 and 12345 problems come through their own doors, so their source
  // is set with the rest.
  const filedAs = source === 'inspection' ? 'inspection' : 'citizen';
  const p = await report(office, regionId, { source: filedAs, description: `${t.tag} 幸福路人行道垃圾堆放，群众反映多次` });
  const { database } = await getHarness();
  await sql`update problems set source = ${source}, state = ${set.state ?? 'pending'},
      accepted_at = ${set.accepted ? new Date('2026-09-20T02:00:00Z') : null},
      deadline = ${set.deadline ? new Date(set.deadline) : null},
      closed_at = ${set.closedAt ? new Date(set.closedAt) : null}
    where id = ${p.id}`.execute(database.db);
  return p.id as string;
}

/** A citizen's report of `original` (following `follows`, when merged) rated `rating` at `ratedAt`. */
async function rated(original: string, rating: string | null, ratedAt: string | null, follows = original) {
  const { database } = await getHarness();
  await sql`insert into citizen_reports (problem_id, original_problem_id, tracking_hash, rating, rated_at, created_at)
    values (${follows}, ${original}, ${crypto.randomBytes(32).toString('hex')}, ${rating},
      ${ratedAt ? new Date(ratedAt) : null}, ${new Date('2026-09-25T02:00:00Z')})`.execute(database.db);
}

async function values(code: string, subjectType: 'town' | 'county') {
  const res = await office.get(`/api/indicators/${code}?period=2026-10&subjectType=${subjectType}&regionId=${t.countyId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return new Map(
    (res.body.items as Array<{ subjectId: string; value: number | null; numerator: number | null; denominator: number | null }>).map(
      (i) => [i.subjectId, i],
    ),
  );
}

beforeAll(async () => {
  t = await createTenant();
  office = await t.as('office');
});

describe(`public indicators (${engineName})`, () => {
  it('群众满意度: (满意 + 基本满意) ÷ rated in the month, by town and county; a merged report counts at the survivor', async () => {
    const closed = { state: 'closed', accepted: true, deadline: '2026-09-28T10:00:00Z', closedAt: '2026-09-27T10:00:00Z' };
    const a = await Promise.all([1, 2, 3, 4, 5, 6].map(() => problem(t.townAId, 'citizen', closed)));
    const b = await Promise.all([1, 2].map(() => problem(t.townBId, 'citizen', closed)));
    await rated(a[0], 'satisfied', '2026-10-05T04:00:00Z');
    await rated(a[1], 'basically', '2026-10-10T04:00:00Z');
    await rated(a[2], 'dissatisfied', '2026-10-20T04:00:00Z');
    await rated(a[3], 'satisfied', '2026-09-28T04:00:00Z'); // September: not in October's figure
    await rated(a[4], null, null); // not rated
    await rated(b[0], 'satisfied', '2026-10-15T04:00:00Z');
    await rated(b[1], 'dissatisfied', '2026-10-16T04:00:00Z');
    // Filed in town A, merged into b[0]: the citizen followed the survivor in town B and rated its outcome.
    await rated(a[5], 'dissatisfied', '2026-10-18T04:00:00Z', b[0]);

    const town = await values('public.satisfaction_rate', 'town');
    expect(town.get(t.townAId)).toMatchObject({ numerator: 2, denominator: 3 });
    expect(town.get(t.townAId)!.value).toBeCloseTo(0.6667, 4);
    expect(town.get(t.townBId)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(town.get(t.townBId)!.value).toBeCloseTo(0.3333, 4);
    const county = await values('public.satisfaction_rate', 'county');
    expect(county.get(t.countyId)).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });
  });

  it('群众反映问题解决率: closed ÷ accepted public-source problems due in the month, by town and county', async () => {
    const oct = (d: string) => `2026-10-${d}T04:00:00Z`;
    // Town A: three due in October from the three public sources; one closed in time, one still being fixed, one
    // closed only in November (after the month) — 1 / 3.
    await problem(t.townAId, 'citizen', { state: 'closed', accepted: true, deadline: oct('10'), closedAt: oct('09') });
    await problem(t.townAId, 'open311', { state: 'rectifying', accepted: true, deadline: oct('20') });
    await problem(t.townAId, 'hotline', { state: 'closed', accepted: true, deadline: oct('25'), closedAt: '2026-11-02T04:00:00Z' });
    // Not counted: a staff source, due in November, still 待受理, 不予受理.
    await problem(t.townAId, 'inspection', { state: 'closed', accepted: true, deadline: oct('12'), closedAt: oct('11') });
    await problem(t.townAId, 'citizen', { state: 'dispatched', accepted: true, deadline: '2026-11-05T04:00:00Z' });
    await problem(t.townAId, 'citizen', { state: 'pending', deadline: oct('15') });
    await problem(t.townAId, 'hotline', { state: 'rejected', deadline: oct('15') });
    // Town B: one due and closed — 1 / 1.
    await problem(t.townBId, 'citizen', { state: 'closed', accepted: true, deadline: oct('18'), closedAt: oct('17') });

    const town = await values('public.resolution_rate', 'town');
    expect(town.get(t.townAId)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(town.get(t.townAId)!.value).toBeCloseTo(0.3333, 4);
    expect(town.get(t.townBId)).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    const county = await values('public.resolution_rate', 'county');
    expect(county.get(t.countyId)).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });

    const catalog = await office.get('/api/indicators');
    const byCode = new Map(catalog.body.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.get('public.resolution_rate')).toMatchObject({ name: '群众反映问题解决率', unit: '%', subjectTypes: ['town', 'county'] });
    expect(byCode.get('public.satisfaction_rate')).toMatchObject({ name: '群众满意度', direction: 'higher' });
  });
});
