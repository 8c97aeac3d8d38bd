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
    if (!(await database.db.selectFrom('problem_categories').select('code').where('code', 'like', `${code}%`).executeTakeFirst())) return code;
  }
}
/** This tenant's dispatch rules (other files add rules for their own regions meanwhile). */
const tenantRules = async () => {
  const { database } = await getHarness();
  const r = await database.db.selectFrom('dispatch_rules').select((eb) => eb.fn.countAll().as('n')).where('region_id', 'in', [t.townAId, t.townBId]).executeTakeFirstOrThrow();
  return Number(r.n);
};
/** Rows about one major class only: other test files write categories and audit events at the same time. */
const countUnder = async (major: string) => {
  const { database } = await getHarness();
  const db = database.db;
  const categories = await db.selectFrom('problem_categories').select((eb) => eb.fn.countAll().as('n')).where('code', 'like', `${major}%`).executeTakeFirstOrThrow();
  const audit = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('subject_type', '=', 'problem_category').where('subject_id', 'like', `${major}%`).executeTakeFirstOrThrow();
  return { categories: Number(categories.n), audit: Number(audit.n) };
};

describe(`problem settings (${engineName})`, () => {
  it('a minor class has its major code plus two digits and its kind; bad input is a Chinese 4xx and writes nothing', async () => {
    const office = await t.asScript('office');
    const major = await freeMajor();
    expect((await office.post('/api/problem-categories', { code: major, parentCode: null, name: '测试大类', kind: 'event' })).status).toBe(201);
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
    expect(await database.db.selectFrom('problem_categories').select('code').where('code', 'in', ['E0599', 'Q1234567']).execute()).toEqual([]);
    expect((await office.post('/api/problem-categories', { code: `${major}01`, parentCode: major, name: '测试小类', kind: 'event' })).status).toBe(201);
  });

  it('停用 a major class stops its minor classes too; a minor cannot start again before its major', async () => {
    const office = await t.asScript('office');
    const major = await freeMajor();
    await office.post('/api/problem-categories', { code: major, parentCode: null, name: '测试停用大类', kind: 'creation' });
    for (const n of ['01', '02', '03']) await office.post('/api/problem-categories', { code: `${major}${n}`, parentCode: major, name: `测试小类${n}`, kind: 'creation' });
    const all = async () => (await office.get('/api/problem-categories?includeInactive=true')).body.items.filter((c: { code: string }) => c.code.startsWith(major));
    const v = (code: string, items: Array<{ code: string; version: number }>) => items.find((c) => c.code === code)!.version;

    let items = await all();
    expect((await office.patch(`/api/problem-categories/${major}03`, { active: false, version: v(`${major}03`, items) })).status).toBe(200);
    items = await all();
    const res = await office.patch(`/api/problem-categories/${major}`, { active: false, version: v(major, items) });
    expect(res.status).toBe(200);
    expect(res.body.cascaded).toBe(2); // 03 was already stopped
    items = await all();
    expect(items.map((c: { code: string; active: boolean }) => [c.code, c.active])).toEqual([[major, false], [`${major}01`, false], [`${major}02`, false], [`${major}03`, false]]);
    // Reporters no longer see any of them.
    const visible = (await (await t.asScript('grid')).get('/api/problem-categories')).body.items.map((c: { code: string }) => c.code);
    expect(visible.filter((c: string) => c.startsWith(major))).toEqual([]);
    // The audit trail names the cascade.
    const audit = await (await t.asScript('auditor')).get(`/api/audit-events?subjectType=problem_category&pageSize=100`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.filter((e: { subjectId: string; action: string }) => e.subjectId === `${major}01` && e.action === 'problem_category.updated')).toHaveLength(1);

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
    const first = await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'E0502', regionId: t.townAId, unitId: t.unitAId });
    expect(first.status).toBe(201);
    const rules = await tenantRules();
    const again = await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'E0502', regionId: t.townAId, unitId: t.unitBId, note: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate');
    expect(again.body.error.message).toMatch(/已有派遣规则/);
    expect(await tenantRules()).toBe(rules);
    // A different region, or the whole category, is a different rule.
    expect((await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'E0502', regionId: t.townBId, unitId: t.unitBId })).status).toBe(201);
    expect((await office.post('/api/problem-settings/dispatch-rules', { regionId: t.townAId, unitId: t.unitBId })).status).toBe(201);
    expect((await office.post('/api/problem-settings/dispatch-rules', { regionId: t.townAId, unitId: t.unitAId })).status).toBe(409);
    expect((await office.post('/api/problem-settings/dispatch-rules', { unitId: t.unitAId })).status).toBe(400);
    expect((await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'Z9999', unitId: t.unitAId })).status).toBe(400);

    const list = await office.get('/api/problem-settings/dispatch-rules');
    expect(list.body.abilities).toEqual({ create: true });
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
