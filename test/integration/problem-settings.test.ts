/** 问题设置: the category tree's rules, 停用 cascading to minor classes, dispatch-rule uniqueness, and abilities. */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

/** A major class code no earlier run on a long-lived database has taken. */
async function freeMajor(): Promise<string> {
  const { database } = await getHarness();
  for (;;) {
    const code = `Q${String(crypto.randomInt(0, 10_000)).padStart(4, '0')}`;
    if (!(await database.db.selectFrom('problem_categories').select('code').where('code', 'like', `${code}%`).executeTakeFirst()))
      return code;
  }
}
/** This tenant's dispatch rules (other files add rules for their own regions meanwhile). */
const tenantRules = async () => {
  const { database } = await getHarness();
  const r = await database.db
    .selectFrom('dispatch_rules')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('region_id', 'in', [t.townAId, t.townBId])
    .executeTakeFirstOrThrow();
  return Number(r.n);
};
/** Rows about one major class only: other test files write categories and audit events at the same time. */
const countUnder = async (major: string) => {
  const { database } = await getHarness();
  const db = database.db;
  const categories = await db
    .selectFrom('problem_categories')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('code', 'like', `${major}%`)
    .executeTakeFirstOrThrow();
  const audit = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('subject_type', '=', 'problem_category')
    .where('subject_id', 'like', `${major}%`)
    .executeTakeFirstOrThrow();
  return { categories: Number(categories.n), audit: Number(audit.n) };
};

describe(`problem settings (${engineName})`, () => {
  it('a minor class has its major code plus two digits and its kind; bad input is a Chinese 4xx and writes nothing', async () => {
    const office = await t.asScript('office');
    const major = await freeMajor();
    expect((await office.post('/api/problem-categories', { code: major, parentCode: null, name: '测试大类', kind: 'event' })).status).toBe(
      201,
    );
    const before = await countUnder(major);
    expect(before).toEqual({ categories: 1, audit: 1 });
    const bad: Array<[Record<string, unknown>, number, RegExp]> = [
      [{ code: `${major}1`, parentCode: major, name: '一位序号', kind: 'event' }, 400, /大类编码加两位数字/],
      [{ code: `E0599`, parentCode: major, name: '别的大类编码', kind: 'event' }, 400, /大类编码加两位数字/],
      [{ code: `${major}01`, parentCode: major, name: '类型不符', kind: 'component' }, 400, /类型须与所属大类一致/],
      [{ code: `${major}01`, parentCode: 'E0502', name: '上级是小类', kind: 'event' }, 400, /不是大类/],
      [{ code: 'E05', parentCode: null, name: '已有大类', kind: 'event' }, 409, /已存在/],
      [{ code: 'Q1234567', parentCode: null, name: '编码过长', kind: 'event' }, 400, /编码/],
      [{ code: `${major}02`, parentCode: major, name: '', kind: 'event' }, 400, /名称/],
    ];
    for (const [body, status, message] of bad) {
      const res = await office.post('/api/problem-categories', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    expect(await countUnder(major)).toEqual(before);
    const { database } = await getHarness();
    expect(await database.db.selectFrom('problem_categories').select('code').where('code', 'in', ['E0599', 'Q1234567']).execute()).toEqual(
      [],
    );
    expect(
      (await office.post('/api/problem-categories', { code: `${major}01`, parentCode: major, name: '测试小类', kind: 'event' })).status,
    ).toBe(201);
  });

  it('停用 a major class stops its minor classes too; a minor cannot start again before its major', async () => {
    const office = await t.asScript('office');
    const major = await freeMajor();
    await office.post('/api/problem-categories', { code: major, parentCode: null, name: '测试停用大类', kind: 'creation' });
    for (const n of ['01', '02', '03'])
      await office.post('/api/problem-categories', { code: `${major}${n}`, parentCode: major, name: `测试小类${n}`, kind: 'creation' });
    const all = async () =>
      (await office.get('/api/problem-categories?includeInactive=true')).body.items.filter((c: { code: string }) =>
        c.code.startsWith(major),
      );
    const v = (code: string, items: Array<{ code: string; version: number }>) => items.find((c) => c.code === code)!.version;

    let items = await all();
    expect((await office.patch(`/api/problem-categories/${major}03`, { active: false, version: v(`${major}03`, items) })).status).toBe(200);
    items = await all();
    const res = await office.patch(`/api/problem-categories/${major}`, { active: false, version: v(major, items) });
    expect(res.status).toBe(200);
    expect(res.body.cascaded).toBe(2); // 03 was already stopped
    items = await all();
    expect(items.map((c: { code: string; active: boolean }) => [c.code, c.active])).toEqual([
      [major, false],
      [`${major}01`, false],
      [`${major}02`, false],
      [`${major}03`, false],
    ]);
    // Reporters no longer see any of them.
    const visible = (await (await t.asScript('grid')).get('/api/problem-categories')).body.items.map((c: { code: string }) => c.code);
    expect(visible.filter((c: string) => c.startsWith(major))).toEqual([]);
    // The audit trail names the cascade.
    const audit = await (await t.asScript('auditor')).get(`/api/audit-events?subjectType=problem_category&pageSize=100`);
    expect(audit.status).toBe(200);
    expect(
      audit.body.items.filter(
        (e: { subjectId: string; action: string }) => e.subjectId === `${major}01` && e.action === 'problem_category.updated',
      ),
    ).toHaveLength(1);

    const minor = await office.patch(`/api/problem-categories/${major}01`, { active: true, version: v(`${major}01`, items) });
    expect(minor.status).toBe(400);
    expect(minor.body.error.message).toMatch(/请先启用大类/);
    expect((await office.patch(`/api/problem-categories/${major}`, { active: true, version: v(major, items) })).status).toBe(200);
    expect((await office.patch(`/api/problem-categories/${major}01`, { active: true, version: v(`${major}01`, items) })).status).toBe(200);
    items = await all();
    expect(items.map((c: { active: boolean }) => c.active)).toEqual([true, true, false, false]);
    // A stale version still loses.
    expect((await office.patch(`/api/problem-categories/${major}01`, { name: '过期版本', version: 1 })).status).toBe(409);
  });

  it('one dispatch rule per category and region: a second is 409 naming the first unit, and nothing is written', async () => {
    const office = await t.asScript('office');
    const first = await office.post('/api/problem-settings/dispatch-rules', {
      categoryCode: 'E0502',
      regionId: t.townAId,
      unitId: t.unitAId,
    });
    expect(first.status).toBe(201);
    const rules = await tenantRules();
    const again = await office.post('/api/problem-settings/dispatch-rules', {
      categoryCode: 'E0502',
      regionId: t.townAId,
      unitId: t.unitBId,
      note: '重复',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate');
    expect(again.body.error.message).toMatch(/已有派遣规则/);
    expect(await tenantRules()).toBe(rules);
    // A different region, or the whole category, is a different rule.
    expect(
      (await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'E0502', regionId: t.townBId, unitId: t.unitBId })).status,
    ).toBe(201);
    expect((await office.post('/api/problem-settings/dispatch-rules', { regionId: t.townAId, unitId: t.unitBId })).status).toBe(201);
    expect((await office.post('/api/problem-settings/dispatch-rules', { regionId: t.townAId, unitId: t.unitAId })).status).toBe(409);
    expect((await office.post('/api/problem-settings/dispatch-rules', { unitId: t.unitAId })).status).toBe(400);
    expect((await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'Z9999', unitId: t.unitAId })).status).toBe(400);

    const list = await office.get('/api/problem-settings/dispatch-rules');
    expect(list.body.abilities).toEqual({ create: true, createGlobal: false }); // a county office adds rules for its own regions only
    const mine = list.body.items.find((r: { id: string }) => r.id === first.body.id);
    expect(mine).toMatchObject({ categoryCode: 'E0502', regionId: t.townAId, unitId: t.unitAId, abilities: { delete: true } });
    expect((await office.delete(`/api/problem-settings/dispatch-rules/${first.body.id}`)).status).toBe(204);
    expect((await office.delete(`/api/problem-settings/dispatch-rules/${first.body.id}`)).status).toBe(404);
  });

  it('deadline policies carry abilities: the office may edit, a unit liaison only reads', async () => {
    const office = (await (await t.asScript('office')).get('/api/problem-settings/deadlines')).body.items;
    expect(office.map((p: { severity: string }) => p.severity)).toEqual(['normal', 'major', 'serious', 'urgent']);
    expect(office.every((p: { abilities: { update: boolean } }) => p.abilities.update)).toBe(true);
    const unit = await t.asScript('unit');
    const read = (await unit.get('/api/problem-settings/deadlines')).body.items;
    expect(read.every((p: { abilities: { update: boolean } }) => p.abilities.update === false)).toBe(true);
    const res = await unit.patch('/api/problem-settings/deadlines/normal', { hours: 1, workingDays: false, version: read[0].version });
    expect(res.status).toBe(403);
    expect((await unit.get('/api/problem-settings/dispatch-rules')).status).toBe(403);
  });
});

/**
 * Region-scoped settings (issue 7, "Problem settings belong to no county"): another county's office
 * created and deleted a dispatch rule for 示范县, changed the shared deadline policy and renamed a
 * category. Each attack now answers 404 (or 403 on the read-only global default) and changes nothing;
 * a county's settings apply to its towns, and a town's own setting beats its county's.
 */
describe(`region-scoped settings (${engineName})`, () => {
  let victim: Tenant;
  let attacker: Tenant;
  beforeAll(async () => {
    victim = await createTenant();
    attacker = await createTenant();
  });

  const db = async () => (await getHarness()).database.db;
  const rulesOf = async (tenant: Tenant) =>
    (
      await (
        await db()
      )
        .selectFrom('dispatch_rules')
        .select('id')
        .where('region_id', 'in', [tenant.countyId, tenant.townAId, tenant.townBId])
        .execute()
    )
      .map((r) => r.id)
      .sort();
  const snapshot = async () => {
    const d = await db();
    return {
      global: await d
        .selectFrom('problem_deadline_policies')
        .select(['severity', 'hours', 'working_days', 'version'])
        .orderBy('severity')
        .execute(),
      overrides: await d
        .selectFrom('region_deadline_policies')
        .selectAll()
        .where('region_id', 'in', [victim.countyId, victim.townAId])
        .orderBy('severity')
        .execute(),
      category: await d
        .selectFrom('problem_categories')
        .select(['code', 'name', 'active', 'version'])
        .where('code', 'in', ['E0502', 'E05'])
        .orderBy('code')
        .execute(),
      categorySettings: await d
        .selectFrom('region_category_settings')
        .selectAll()
        .where('region_id', 'in', [victim.countyId, victim.townAId])
        .execute(),
      rules: await rulesOf(victim),
    };
  };

  it("another county's office cannot create, delete, change or even see 示范县's settings: 404 and nothing changes", async () => {
    const home = await victim.as('office');
    const intruder = await attacker.as('office');
    const rule = await home.post('/api/problem-settings/dispatch-rules', {
      categoryCode: 'E0502',
      regionId: victim.countyId,
      unitId: victim.unitAId,
    });
    expect(rule.status).toBe(201);
    const major = await freeMajor();
    const local = await home.post('/api/problem-categories', { code: major, name: '本县特色类别', kind: 'event' });
    expect(local.status).toBe(201);
    expect(local.body.regionId).toBe(victim.countyId);
    const before = await snapshot();
    const localBefore = await (await db()).selectFrom('problem_categories').selectAll().where('code', '=', major).executeTakeFirstOrThrow();

    const attacks: Array<[string, () => Promise<{ status: number; body: any }>, number]> = [
      [
        'create a rule for 示范县',
        () =>
          intruder.post('/api/problem-settings/dispatch-rules', {
            categoryCode: 'E0503',
            regionId: victim.countyId,
            unitId: attacker.unitAId,
          }),
        404,
      ],
      [
        'create a rule for a town of 示范县',
        () => intruder.post('/api/problem-settings/dispatch-rules', { regionId: victim.townAId, unitId: attacker.unitAId }),
        404,
      ],
      ['delete 示范县 rule', () => intruder.delete(`/api/problem-settings/dispatch-rules/${rule.body.id}`), 404],
      [
        'set 示范县 deadline',
        () =>
          intruder.request('PUT', `/api/problem-settings/regions/${victim.countyId}/deadlines/normal`, {
            hours: 1,
            workingDays: false,
            version: null,
          }),
        404,
      ],
      ['reset 示范县 deadline', () => intruder.delete(`/api/problem-settings/regions/${victim.countyId}/deadlines/normal`), 404],
      ['read 示范县 deadlines', () => intruder.get(`/api/problem-settings/deadlines?regionId=${victim.townAId}`), 404],
      [
        'rename 示范县 local category',
        () => intruder.patch(`/api/problem-categories/${major}`, { name: '改掉的名字', version: localBefore.version }),
        404,
      ],
      [
        'stop 示范县 local category',
        () => intruder.patch(`/api/problem-categories/${major}`, { active: false, version: localBefore.version }),
        404,
      ],
      [
        'stop a category for 示范县',
        () => intruder.request('PUT', `/api/problem-categories/E0502/regions/${victim.countyId}`, { active: false, version: null }),
        404,
      ],
      ['read 示范县 categories', () => intruder.get(`/api/problem-categories?regionId=${victim.countyId}`), 404],
      [
        'add a category to 示范县',
        () =>
          intruder.post('/api/problem-categories', {
            code: `${major}01`,
            parentCode: major,
            name: '伸手进来',
            kind: 'event',
            regionId: victim.countyId,
          }),
        404,
      ],
      // The shared defaults are read-only for county staff (they can read them, so 403, not 404).
      [
        'change the shared deadline',
        () =>
          intruder.patch('/api/problem-settings/deadlines/normal', {
            hours: 1,
            workingDays: false,
            version: before.global.find((g) => g.severity === 'normal')!.version,
          }),
        403,
      ],
      [
        'rename a shipped category for everyone',
        () =>
          intruder.patch('/api/problem-categories/E0502', {
            name: '被改名',
            version: before.category.find((c) => c.code === 'E0502')!.version,
          }),
        403,
      ],
    ];
    for (const [name, call, status] of attacks) {
      const res = await call();
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.message, name).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await snapshot()).toEqual(before);
    expect(await (await db()).selectFrom('problem_categories').selectAll().where('code', '=', major).executeTakeFirstOrThrow()).toEqual(
      localBefore,
    );
    expect(await (await db()).selectFrom('problem_categories').select('code').where('code', '=', `${major}01`).execute()).toEqual([]);

    // Nothing of 示范县 shows in the intruder's lists either.
    const rules = (await intruder.get('/api/problem-settings/dispatch-rules')).body.items.map((r: { id: string }) => r.id);
    expect(rules).not.toContain(rule.body.id);
    for (const key of ['office', 'grid', 'unit']) {
      const codes = (await (await attacker.as(key)).get('/api/problem-categories?includeInactive=true')).body.items.map(
        (c: { code: string }) => c.code,
      );
      expect(codes, key).not.toContain(major);
      expect(codes, key).toContain('E0502');
    }
    // …while 示范县's own people see their local category, marked as theirs.
    const mine = (await (await victim.as('grid')).get('/api/problem-categories')).body.items.find(
      (c: { code: string }) => c.code === major,
    );
    expect(mine).toMatchObject({ regionId: victim.countyId, active: true });
  });

  it("a county's deadline applies to its towns; a town's own beats it; other counties keep the default; reset inherits again", async () => {
    const { resolveDeadlinePolicies } = await import('../../server/modules/problem-settings/resolve');
    const { deadlinePolicy } = await import('../../server/modules/problems/deadlines');
    const office = await victim.as('office');
    const d = await db();
    const path = async (id: string) => (await d.selectFrom('regions').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const global = (await resolveDeadlinePolicies(d, null)).find((p) => p.severity === 'major')!;

    const set = await office.request('PUT', `/api/problem-settings/regions/${victim.countyId}/deadlines/major`, {
      hours: 48,
      workingDays: true,
      version: null,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // A second create (someone else got there first) is a version conflict, not a second row.
    expect(
      (
        await office.request('PUT', `/api/problem-settings/regions/${victim.countyId}/deadlines/major`, {
          hours: 50,
          workingDays: true,
          version: null,
        })
      ).status,
    ).toBe(409);

    const town = (await office.get(`/api/problem-settings/deadlines?regionId=${victim.townAId}`)).body;
    expect(town.region).toEqual({ id: victim.townAId, name: expect.any(String) });
    const major = town.items.find((p: { severity: string }) => p.severity === 'major');
    expect(major).toMatchObject({
      hours: 48,
      workingDays: true,
      regionId: victim.countyId,
      inherited: true,
      abilities: { update: true, reset: false },
    });
    expect(town.items.find((p: { severity: string }) => p.severity === 'normal')).toMatchObject({ regionId: null, inherited: true });
    // The county's own page shows the value as its own.
    const county = (await office.get('/api/problem-settings/deadlines')).body;
    expect(county.region.id).toBe(victim.countyId);
    expect(county.items.find((p: { severity: string }) => p.severity === 'major')).toMatchObject({
      hours: 48,
      regionId: victim.countyId,
      inherited: false,
      abilities: { update: true, reset: true },
    });
    expect(await deadlinePolicy(d, 'major', await path(victim.townAId))).toEqual({ hours: 48, working_days: true });
    expect(await deadlinePolicy(d, 'major', await path(attacker.townAId))).toEqual({
      hours: global.hours,
      working_days: global.working_days,
    });
    expect(await deadlinePolicy(d, 'major')).toEqual({ hours: global.hours, working_days: global.working_days });

    // The town sets its own: it beats the county for that town only.
    expect(
      (
        await office.request('PUT', `/api/problem-settings/regions/${victim.townAId}/deadlines/major`, {
          hours: 24,
          workingDays: false,
          version: null,
        })
      ).status,
    ).toBe(200);
    expect(await deadlinePolicy(d, 'major', await path(victim.townAId))).toEqual({ hours: 24, working_days: false });
    expect(await deadlinePolicy(d, 'major', await path(victim.townBId))).toEqual({ hours: 48, working_days: true });
    // Updating an override is guarded by its version.
    expect(
      (
        await office.request('PUT', `/api/problem-settings/regions/${victim.townAId}/deadlines/major`, {
          hours: 30,
          workingDays: false,
          version: 7,
        })
      ).status,
    ).toBe(409);

    // The unit (placed in the county) reads its county's values, read-only.
    const unit = await victim.as('unit');
    const unitView = (await unit.get('/api/problem-settings/deadlines')).body.items.find(
      (p: { severity: string }) => p.severity === 'major',
    );
    expect(unitView).toMatchObject({ hours: 48, abilities: { update: false } });
    expect(
      (
        await unit.request('PUT', `/api/problem-settings/regions/${victim.countyId}/deadlines/major`, {
          hours: 1,
          workingDays: false,
          version: 1,
        })
      ).status,
    ).toBe(403);

    expect((await office.delete(`/api/problem-settings/regions/${victim.townAId}/deadlines/major`)).status).toBe(204);
    expect(await deadlinePolicy(d, 'major', await path(victim.townAId))).toEqual({ hours: 48, working_days: true });
    expect((await office.delete(`/api/problem-settings/regions/${victim.townAId}/deadlines/major`)).status).toBe(404);
    const audit = await d
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', 'in', [`${victim.countyId}:major`, `${victim.townAId}:major`])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['deadline_policy.reset', 'deadline_policy.updated', 'deadline_policy.updated']);
  });

  it('a county stops a shipped category for its own subtree only; a town may start it again; nobody else is affected', async () => {
    const office = await victim.as('office');
    const codes = async (c: Awaited<ReturnType<Tenant['as']>>, q = '') =>
      (await c.get(`/api/problem-categories${q}`)).body.items.map((x: { code: string }) => x.code);
    const before = await snapshot();
    const stop = await office.request('PUT', `/api/problem-categories/E05/regions/${victim.countyId}`, { active: false, version: null });
    expect(stop.status, JSON.stringify(stop.body)).toBe(200);
    // Stopped for the county's grid worker (a town of the county), major and its minors…
    const grid = await victim.as('grid');
    expect(await codes(grid)).not.toContain('E0502');
    expect(await codes(grid)).not.toContain('E05');
    // …not for the other county, and the category itself is untouched.
    expect(await codes(await attacker.as('grid'))).toContain('E0502');
    const d = await db();
    expect(
      await d
        .selectFrom('problem_categories')
        .select(['code', 'name', 'active', 'version'])
        .where('code', 'in', ['E0502', 'E05'])
        .orderBy('code')
        .execute(),
    ).toEqual(before.category);
    const { categoryUsableIn } = await import('../../server/modules/problem-categories/list-categories');
    const path = async (id: string) => (await d.selectFrom('regions').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    expect(await categoryUsableIn(d, 'E0502', await path(victim.townAId))).toBe(false);
    expect(await categoryUsableIn(d, 'E0502', await path(attacker.townAId))).toBe(true);
    // A dispatch rule needs a category usable in its region.
    expect(
      (
        await office.post('/api/problem-settings/dispatch-rules', {
          categoryCode: 'E0502',
          regionId: victim.townBId,
          unitId: victim.unitBId,
        })
      ).status,
    ).toBe(400);

    // The list at town A says where the setting comes from.
    const atTown = (await office.get(`/api/problem-categories?includeInactive=true&regionId=${victim.townAId}`)).body.items.find(
      (c: { code: string }) => c.code === 'E05',
    );
    expect(atTown).toMatchObject({
      active: false,
      regionId: null,
      activeSetting: { regionId: victim.countyId, inherited: true, version: null },
      abilities: { update: false, toggle: true },
    });
    // Town A starts the major again for itself only.
    expect(
      (await office.request('PUT', `/api/problem-categories/E05/regions/${victim.townAId}`, { active: true, version: null })).status,
    ).toBe(200);
    expect(await categoryUsableIn(d, 'E0502', await path(victim.townAId))).toBe(true);
    expect(await categoryUsableIn(d, 'E0502', await path(victim.townBId))).toBe(false);
    // Starting a minor where its major is stopped is refused.
    const minor = await office.request('PUT', `/api/problem-categories/E0502/regions/${victim.townBId}`, { active: true, version: null });
    expect(minor.status).toBe(400);
    expect(minor.body.error.message).toMatch(/请先启用大类/);
    // Reset both: inherited from the shipped flag again.
    expect((await office.delete(`/api/problem-categories/E05/regions/${victim.townAId}`)).status).toBe(204);
    expect((await office.delete(`/api/problem-categories/E05/regions/${victim.countyId}`)).status).toBe(204);
    expect(await codes(grid)).toContain('E0502');
  });

  it('dispatch suggestion resolves the nearest region: a town rule beats the county rule, a minor-class rule beats a major-class one', async () => {
    const { resolveDispatchRule } = await import('../../server/modules/problem-settings/resolve');
    const office = await victim.as('office');
    const d = await db();
    const path = async (id: string) => (await d.selectFrom('regions').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    expect(
      (
        await office.post('/api/problem-settings/dispatch-rules', {
          categoryCode: 'E01',
          regionId: victim.countyId,
          unitId: victim.unitAId,
        })
      ).status,
    ).toBe(201);
    expect(
      (await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'E01', regionId: victim.townAId, unitId: victim.unitBId }))
        .status,
    ).toBe(201);
    expect((await resolveDispatchRule(d, 'E0102', await path(victim.townAId)))?.unit_id).toBe(victim.unitBId);
    expect((await resolveDispatchRule(d, 'E0102', await path(victim.townBId)))?.unit_id).toBe(victim.unitAId);
    expect(
      (
        await office.post('/api/problem-settings/dispatch-rules', {
          categoryCode: 'E0102',
          regionId: victim.countyId,
          unitId: victim.unitAId,
        })
      ).status,
    ).toBe(201);
    expect((await resolveDispatchRule(d, 'E0102', await path(victim.townAId)))?.unit_id).toBe(victim.unitAId);
    expect(await resolveDispatchRule(d, 'E0102', await path(attacker.townAId))).toBeNull();
    // A global default rule is read-only for the county office.
    expect((await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'E0103', unitId: victim.unitAId })).status).toBe(403);
    // A unit the office cannot see is refused as if it did not exist.
    const foreign = await office.post('/api/problem-settings/dispatch-rules', {
      categoryCode: 'E0103',
      regionId: victim.townAId,
      unitId: attacker.unitAId,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/责任单位不存在/);
  });
});
