/**
 * Standards, sites and inspections: import validation and round trip, reproducible sampling, scoring and
 * the round report, findings that become (or join) problems, 回头看 relapses, and covert secrecy.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, uploadPhoto } from '../support/problems';
import { multipartForm, readBack, workbook } from '../support/xlsx';

const HEADERS = ['测评项目', '测评内容', '编码', '测评标准', '测评方法', '分值', '适用点位类型', '牵头单位', '责任单位', '负面清单'];

const wb = (rows: unknown[][]) => workbook(HEADERS, rows);

async function importStandards(c: Client, campaignId: string, versionName: string, file: Buffer) {
  const m = multipartForm({ campaignId, versionName }, [['s.xlsx', file]]);
  return c.request('POST', '/api/standards/import', m.body, { headers: m.headers });
}

let t: Tenant;
let office: Client;
let photo: string;
/** Photos are attached by whoever took them: the inspector's own, and the unit's own rectification photo. */
let unitPhoto: string;
let versionId: string;
let standards: Map<string, string>;
const sites: Record<string, string> = {};

function rowsFor(tag: string) {
  return [
    [
      '和谐宜居的生活环境',
      '农贸市场管理',
      '农贸市场-01-01',
      '市场内无占道经营，商品摆放整齐',
      '实地考察',
      2,
      '农贸市场',
      `市场监管局${tag}`,
      `城管局${tag}`,
      '否',
    ],
    [
      '和谐宜居的生活环境',
      '农贸市场管理',
      '农贸市场-01-02',
      '市场内地面干净，无积存垃圾',
      '实地考察',
      1,
      '农贸市场',
      `市场监管局${tag}`,
      '',
      '否',
    ],
    [
      '和谐宜居的生活环境',
      '农贸市场管理',
      '农贸市场-01-03',
      '设有公益广告宣传栏并及时更新',
      '实地考察',
      1,
      '集贸市场（农贸市场）',
      '',
      `城管局${tag}；市场监管局${tag}`,
      '否',
    ],
    [
      '和谐宜居的生活环境',
      '背街小巷',
      '背街小巷-01-01',
      '路面平整，无坑洼积水',
      '实地考察',
      1.5,
      '背街小巷；主次干道',
      `城管局${tag}`,
      '',
      '否',
    ],
    ['健康向上的人文环境', '群众满意度', '5.1.1', '群众对创建工作满意度不低于 90%', '问卷调查', 3, '', '', '', '否'],
    ['长效常态的创建工作机制', '负面清单', '9.9.1', '测评期间弄虚作假', '其他', 0, '', '', '', '是'],
  ];
}

describe(`standards, sites and inspections (${engineName})`, () => {
  beforeAll(async () => {
    t = await createTenant();
    office = await t.asScript('office');
    photo = await uploadPhoto(await t.asScript('inspector'));
    unitPhoto = await uploadPhoto(await t.asScript('unit'));
  });

  it('imports a standards workbook, serves its tree and exports it back field for field', async () => {
    const res = await importStandards(office, t.campaignId, '测评体系2026版', await wb(rowsFor(t.tag)));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.counts).toEqual({ items: 7, standards: 6 });
    versionId = res.body.versionId;
    const tree = (await office.get(`/api/standards/versions/${versionId}/tree`)).body;
    expect(tree.items.map((i: { name: string }) => i.name)).toEqual(['和谐宜居的生活环境', '健康向上的人文环境', '长效常态的创建工作机制']);
    const all = tree.items.flatMap((i: { children: Array<{ standards: Array<{ id: string; code: string }> }> }) =>
      i.children.flatMap((c) => c.standards),
    );
    standards = new Map(all.map((s: { id: string; code: string }) => [s.code, s.id]));
    expect([...standards.keys()]).toEqual(['农贸市场-01-01', '农贸市场-01-02', '农贸市场-01-03', '背街小巷-01-01', '5.1.1', '9.9.1']);
    const exported = await readBack((await office.get(`/api/standards/versions/${versionId}/export`)).raw);
    // A title row (the version, as of the export day), an information row, then 序号 and the import layout.
    expect(exported[0][0]).toMatch(/^测评体系2026版（截至\d{4}年\d{1,2}月\d{1,2}日）$/);
    expect(exported[1][0]).toContain('导出时间');
    expect(exported[2]).toEqual(['序号', ...HEADERS]);
    expect(exported[5]).toEqual([
      '3',
      '和谐宜居的生活环境',
      '农贸市场管理',
      '农贸市场-01-03',
      '设有公益广告宣传栏并及时更新',
      '实地考察',
      '1',
      '集贸市场（农贸市场）',
      '',
      `城管局${t.tag}；市场监管局${t.tag}`,
      '否',
    ]);
    // Round trip: the exported file imports as an identical version.
    const again = await importStandards(
      office,
      t.campaignId,
      '测评体系2026版（复核）',
      (await office.get(`/api/standards/versions/${versionId}/export`)).raw,
    );
    expect(again.status).toBe(201);
    const diff = (await office.get(`/api/standards/versions/${versionId}/diff/${again.body.versionId}`)).body;
    expect(diff).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports every bad standards row and writes nothing', async () => {
    const before = (await office.get(`/api/standards/versions?campaignId=${t.campaignId}`)).body.total;
    const res = await importStandards(
      office,
      t.campaignId,
      '错误版本',
      await wb([
        ['和谐宜居的生活环境', '农贸市场管理', 'A-1', '标准', '实地考察', 2, '农贸市场', '', '', '否'],
        ['和谐宜居的生活环境', '农贸市场管理', 'A-1', '标准', '观察', -1, '火星基地', '不存在的单位', '', '也许'],
        ['', '', '', '', '', '', '', '', '', ''].map((x, i) => (i === 5 ? 'abc' : x)),
        ['和谐宜居的生活环境', '农贸市场管理', 'A-2', '标准', '实地考察', 1, '', '', '', '否'],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_invalid');
    const cells = res.body.error.rows.map((r: { row: number; column: string }) => `${r.row}:${r.column}`);
    expect(cells).toEqual(
      expect.arrayContaining([
        '3:编码',
        '3:测评方法',
        '3:分值',
        '3:适用点位类型',
        '3:牵头单位',
        '3:负面清单',
        '4:测评项目',
        '4:编码',
        '4:分值',
        '5:适用点位类型',
      ]),
    );
    expect(cells.some((c: string) => c.startsWith('2:'))).toBe(false);
    expect((await office.get(`/api/standards/versions?campaignId=${t.campaignId}`)).body.total).toBe(before);
  });

  it('clones a version and shows what changed', async () => {
    const clone = await office.post(`/api/standards/versions/${versionId}/clone`, { name: '测评体系2027版' });
    expect(clone.status).toBe(201);
    const { database } = await getHarness();
    await database.db
      .updateTable('standards')
      .set({ points: 5 })
      .where('version_id', '=', clone.body.versionId)
      .where('code', '=', '农贸市场-01-01')
      .execute();
    const diff = (await office.get(`/api/standards/versions/${versionId}/diff/${clone.body.versionId}`)).body;
    expect(diff.changed).toEqual([{ code: '农贸市场-01-01', fields: [{ field: '分值', before: 2, after: 5 }] }]);
  });

  it('keeps sites with their unit and lead, filtered by type and region', async () => {
    const make = async (name: string, siteTypeCode: string, regionId: string, unitId: string | null, lat: number) => {
      const res = await office.post('/api/sites', {
        name,
        siteTypeCode,
        regionId,
        unitId,
        address: `示范路 ${name}`,
        location: { lat, lng: 116.4 },
        leadName: '陈晓东',
        leadPhone: '13903190058',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      sites[name] = res.body.id;
    };
    for (let i = 1; i <= 4; i++) await make(`农贸市场${i}`, 'farmers_market', i <= 2 ? t.townAId : t.townBId, t.unitAId, 39 + i / 100);
    for (let i = 1; i <= 3; i++) await make(`背街小巷${i}`, 'back_street', t.townAId, t.unitBId, 39.5 + i / 100);
    const markets = await office.get(`/api/sites?siteTypeCode=farmers_market&regionId=${t.townAId}`);
    expect(markets.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['农贸市场1', '农贸市场2']);
    expect(markets.body.items[0]).toMatchObject({ siteTypeCode: 'farmers_market', regionId: t.townAId, unitId: t.unitAId });
    const unit2 = await t.asScript('unit2');
    expect((await unit2.get('/api/sites?pageSize=100')).body.items.map((s: { name: string }) => s.name).sort()).toEqual([
      '背街小巷1',
      '背街小巷2',
      '背街小巷3',
    ]);
    expect((await unit2.get(`/api/sites/${sites['农贸市场1']}`)).status).toBe(404);
    const types = (await office.get('/api/site-types')).body.items;
    expect(types.find((x: { code: string }) => x.code === 'farmers_market').name).toBe('集贸市场（农贸市场）');
  });

  it('draws the same sample from the same seed', async () => {
    const body = (seed: string) => ({
      name: `抽样${seed}`,
      kind: 'routine',
      campaignId: t.campaignId,
      standardVersionId: versionId,
      startDate: '2026-11-01',
      endDate: '2026-11-30',
      sample: { siteTypeCodes: ['farmers_market', 'back_street'], perType: 2, seed },
    });
    const a = await office.post('/api/inspection-rounds', body('abc'));
    const b = await office.post('/api/inspection-rounds', body('abc'));
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.siteIds).toHaveLength(4);
    expect(b.body.siteIds).toEqual(a.body.siteIds);
    const seeds = await Promise.all(
      ['s1', 's2', 's3', 's4', 's5'].map(async (s) => (await office.post('/api/inspection-rounds', body(s))).body.siteIds.join()),
    );
    expect(new Set(seeds).size).toBeGreaterThan(1);
    const restricted = await office.post('/api/inspection-rounds', {
      ...body('x'),
      sample: { siteTypeCodes: ['farmers_market'], perType: 5, regionIds: [t.townBId], seed: 'x' },
    });
    expect(restricted.body.siteIds.sort()).toEqual([sites['农贸市场3'], sites['农贸市场4']].sort());
  });

  it('scores visits, turns failures into problems (or joins the open one) and reports per site, type and town', async () => {
    const inspector = await t.asScript('inspector');
    // Rounds are created at different moments in real life; the test clock is frozen, so move it.
    (await getHarness()).clock.advanceMinutes(1);
    const first = await office.post('/api/inspection-rounds', {
      name: '十一月日常督查',
      kind: 'routine',
      campaignId: t.campaignId,
      standardVersionId: versionId,
      startDate: '2026-11-01',
      endDate: '2026-11-30',
      siteIds: [sites['农贸市场1'], sites['农贸市场2'], sites['背街小巷1']],
      inspectorIds: [t.users.inspector.id],
      passThreshold: 0.8,
    });
    expect(first.status).toBe(201);
    const round = first.body.id;
    // Dates are calendar days, not midnights in some time zone.
    expect((await office.get(`/api/inspection-rounds/${round}`)).body).toMatchObject({ startDate: '2026-11-01', endDate: '2026-11-30' });
    const checklist = (await inspector.get(`/api/inspection-rounds/${round}/checklist?siteId=${sites['农贸市场1']}`)).body.items;
    expect(checklist.map((x: { code: string }) => x.code)).toEqual(['农贸市场-01-01', '农贸市场-01-02', '农贸市场-01-03']);
    const noPhoto = await inspector.post(`/api/inspection-rounds/${round}/visits`, {
      siteId: sites['农贸市场1'],
      results: [{ standardId: standards.get('农贸市场-01-01'), verdict: 'fail', photoIds: [] }],
    });
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.error.message).toContain('须拍照留证');
    const notApplicable = await inspector.post(`/api/inspection-rounds/${round}/visits`, {
      siteId: sites['农贸市场1'],
      results: [{ standardId: standards.get('背街小巷-01-01'), verdict: 'pass' }],
    });
    expect(notApplicable.status).toBe(400);

    const v1 = await inspector.post(`/api/inspection-rounds/${round}/visits`, {
      siteId: sites['农贸市场1'],
      results: [
        { standardId: standards.get('农贸市场-01-01'), verdict: 'fail', photoIds: [photo], note: '东门有占道摆摊' },
        { standardId: standards.get('农贸市场-01-02'), verdict: 'pass' },
        { standardId: standards.get('农贸市场-01-03'), verdict: 'na' },
      ],
    });
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    expect(v1.body).toMatchObject({ passed: 1, failed: 1, notApplicable: 1, scoreRate: 0.5, deductionScore: 98 });
    expect(v1.body.problems).toEqual([expect.objectContaining({ standardId: standards.get('农贸市场-01-01'), how: 'created' })]);
    const problemId = v1.body.problems[0].problemId;
    const problem = (await office.get(`/api/problems/${problemId}`)).body;
    expect(problem).toMatchObject({ state: 'accepted', siteId: sites['农贸市场1'], source: 'inspection', categoryCode: 'W0108' });
    expect((await office.get(`/api/problems/${problemId}/dispatch-suggestion`)).body.suggestion).toMatchObject({
      unitId: t.unitAId,
      reason: '点位包保单位',
    });

    // Saving again keeps the same problem; a later round's failure on the same site and standard joins it.
    const v1b = await inspector.post(`/api/inspection-rounds/${round}/visits`, {
      siteId: sites['农贸市场1'],
      results: [
        { standardId: standards.get('农贸市场-01-01'), verdict: 'fail', photoIds: [photo] },
        { standardId: standards.get('农贸市场-01-02'), verdict: 'pass' },
        { standardId: standards.get('农贸市场-01-03'), verdict: 'pass' },
      ],
    });
    expect(v1b.body).toMatchObject({ scoreRate: 0.6667, problems: [] });
    await inspector.post(`/api/inspection-rounds/${round}/visits`, {
      siteId: sites['农贸市场2'],
      results: [
        { standardId: standards.get('农贸市场-01-01'), verdict: 'pass' },
        { standardId: standards.get('农贸市场-01-02'), verdict: 'pass' },
        { standardId: standards.get('农贸市场-01-03'), verdict: 'pass' },
      ],
    });
    await inspector.post(`/api/inspection-rounds/${round}/visits`, {
      siteId: sites['背街小巷1'],
      results: [{ standardId: standards.get('背街小巷-01-01'), verdict: 'pass' }],
    });

    const report = (await office.get(`/api/inspection-rounds/${round}/report`)).body;
    expect(report.overall).toMatchObject({ sites: 3, visited: 3, passRate: 0.6667 });
    expect(report.bySiteType.find((g: { key: string }) => g.key === 'farmers_market')).toMatchObject({
      sites: 2,
      visited: 2,
      avgScoreRate: 0.8333,
      passRate: 0.5,
      failures: 1,
    });
    expect(report.bySite[0]).toMatchObject({ name: '农贸市场1', scoreRate: 0.6667, meetsThreshold: false });
    expect(report.byRegion.find((g: { key: string }) => g.key === t.townAId)).toMatchObject({ sites: 3 });

    const second = await office.post('/api/inspection-rounds', {
      name: '十二月日常督查',
      kind: 'routine',
      campaignId: t.campaignId,
      standardVersionId: versionId,
      startDate: '2026-12-01',
      endDate: '2026-12-31',
      siteIds: [sites['农贸市场1']],
      inspectorIds: [t.users.inspector.id],
      passThreshold: 0.8,
    });
    const v2 = await inspector.post(`/api/inspection-rounds/${second.body.id}/visits`, {
      siteId: sites['农贸市场1'],
      results: [
        { standardId: standards.get('农贸市场-01-01'), verdict: 'fail', photoIds: [photo] },
        { standardId: standards.get('农贸市场-01-02'), verdict: 'pass' },
        { standardId: standards.get('农贸市场-01-03'), verdict: 'pass' },
      ],
    });
    expect(v2.body.problems).toEqual([expect.objectContaining({ problemId, how: 'attached' })]);
    const compared = (await office.get(`/api/inspection-rounds/${second.body.id}/report`)).body;
    expect(compared.previous).toMatchObject({ roundId: round, change: { passRate: -0.6667 } });
    const xlsx = await office.get(`/api/inspection-rounds/${round}/report/export`);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    const docx = await office.get(`/api/inspection-rounds/${round}/report/bulletin`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-type'])).toContain('wordprocessingml');
    // Zip entry names are stored uncompressed: the document and the embedded evidence photo.
    expect(docx.raw.toString('latin1')).toContain('word/document.xml');
    expect(docx.raw.toString('latin1')).toMatch(/word\/media\/[^"]+\.(jpg|jpeg|png)/);
  });

  it('回头看: a failed re-check of a standard whose problem was closed reopens it as a linked relapse', async () => {
    const inspector = await t.asScript('inspector');
    const unit = await t.asScript('unit');
    const r1 = await office.post('/api/inspection-rounds', {
      name: '专项督查',
      kind: 'special',
      campaignId: t.campaignId,
      standardVersionId: versionId,
      startDate: '2026-10-01',
      endDate: '2026-10-31',
      siteIds: [sites['农贸市场3']],
      inspectorIds: [t.users.inspector.id],
    });
    const v = await inspector.post(`/api/inspection-rounds/${r1.body.id}/visits`, {
      siteId: sites['农贸市场3'],
      results: [{ standardId: standards.get('农贸市场-01-02'), verdict: 'fail', photoIds: [photo] }],
    });
    const pid = v.body.problems[0].problemId;
    await act(office, pid, 'dispatch', { unitId: t.unitAId });
    await act(unit, pid, 'acknowledge');
    await act(unit, pid, 'submit_rectification', { measures: '已清扫', photoIds: [unitPhoto] });
    await act(office, pid, 'verify', { passed: true });
    const recheck = await office.post('/api/inspection-rounds', {
      name: '回头看',
      kind: 'recheck',
      campaignId: t.campaignId,
      standardVersionId: versionId,
      startDate: '2026-11-15',
      endDate: '2026-11-20',
      recheckDays: 30,
      inspectorIds: [t.users.inspector.id],
    });
    expect(recheck.status, JSON.stringify(recheck.body)).toBe(201);
    expect(recheck.body.siteIds).toContain(sites['农贸市场3']);
    const again = await inspector.post(`/api/inspection-rounds/${recheck.body.id}/visits`, {
      siteId: sites['农贸市场3'],
      results: [{ standardId: standards.get('农贸市场-01-02'), verdict: 'fail', photoIds: [photo] }],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.problems[0].how).toBe('relapse');
    const relapse = (await office.get(`/api/problems/${again.body.problems[0].problemId}`)).body;
    expect(relapse).toMatchObject({ relapsedFrom: pid, state: 'dispatched', unitId: t.unitAId });
  });
});

describe(`暗访 covert secrecy (${engineName})`, () => {
  let round: string;
  let problemId: string;
  let code: string;
  const OUTSIDERS = ['unit', 'unithead', 'sitelead', 'grid', 'volunteer', 'taskforce', 'unit2'];

  beforeAll(async () => {
    if (!t) return;
    const { database } = await getHarness();
    // A second inspector who is not on the covert team; the site lead leads the covert site.
    await database.db
      .insertInto('user_roles')
      .values({ user_id: t.users.unit2.id, role: 'inspector', scope_type: 'region', scope_id: t.countyId })
      .execute();
    await database.db.updateTable('sites').set({ lead_user_id: t.users.sitelead.id }).where('id', '=', sites['背街小巷2']).execute();
  });

  it('a covert round and what it finds exist only for its team, the office and leaders until release', async () => {
    const inspector = await t.asScript('inspector');
    const created = await office.post('/api/inspection-rounds', {
      name: '第四季度暗访',
      kind: 'covert',
      campaignId: t.campaignId,
      standardVersionId: versionId,
      startDate: '2026-11-20',
      endDate: '2026-11-25',
      siteIds: [sites['背街小巷2']],
      inspectorIds: [t.users.inspector.id],
    });
    expect(created.status).toBe(201);
    round = created.body.id;
    // Evidence must be taken for the covert round (its watermark then reads 暗访组): a photo taken outside it is refused.
    const outside = await inspector.post(`/api/inspection-rounds/${round}/visits`, {
      siteId: sites['背街小巷2'],
      results: [{ standardId: standards.get('背街小巷-01-01'), verdict: 'fail', photoIds: [photo], note: '路面坑洼积水' }],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toContain('暗访');
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 80, g: 80, b: 80 } } })
      .jpeg()
      .toBuffer();
    const form = multipartForm({ roundId: round }, [['covert.jpg', jpeg]]);
    const covertPhoto = (await inspector.request('POST', '/api/files', form.body, { headers: form.headers })).body.id;
    const visit = await inspector.post(`/api/inspection-rounds/${round}/visits`, {
      siteId: sites['背街小巷2'],
      results: [{ standardId: standards.get('背街小巷-01-01'), verdict: 'fail', photoIds: [covertPhoto], note: '路面坑洼积水' }],
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    problemId = visit.body.problems[0].problemId;
    code = visit.body.problems[0].code;
    const p = (await office.get(`/api/problems/${problemId}`)).body;
    expect(p.source).toBe('covert');
    expect(p.allowedActions).not.toContain('dispatch');
    const blocked = await office.post(`/api/problems/${problemId}/transitions`, {
      action: 'dispatch',
      version: p.version,
      unitId: t.unitBId,
    });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.message).toContain('发布');

    for (const key of ['office', 'leader', 'inspector']) {
      const c = await t.asScript(key);
      expect(
        (await c.get('/api/inspection-rounds?pageSize=100')).body.items.map((r: { id: string }) => r.id),
        key,
      ).toContain(round);
      expect((await c.get(`/api/inspection-rounds/${round}`)).status, key).toBe(200);
    }
    for (const key of OUTSIDERS) {
      const c = await t.asScript(key);
      const rounds = await c.get('/api/inspection-rounds?pageSize=100');
      expect(JSON.stringify(rounds.body), key).not.toContain(round);
      expect(JSON.stringify(rounds.body), key).not.toContain('第四季度暗访');
      for (const url of [
        `/api/inspection-rounds/${round}`,
        `/api/inspection-rounds/${round}/report`,
        `/api/inspection-rounds/${round}/checklist?siteId=${sites['背街小巷2']}`,
        `/api/problems/${problemId}`,
      ]) {
        expect((await c.get(url)).status, `${key} ${url}`).toBe(404);
      }
      const visitTry = await c.post(`/api/inspection-rounds/${round}/visits`, {
        siteId: sites['背街小巷2'],
        results: [{ standardId: standards.get('背街小巷-01-01'), verdict: 'pass' }],
      });
      expect([403, 404], `${key} visit`).toContain(visitTry.status);
      const lists = [
        `/api/problems?pageSize=500`,
        `/api/problems?search=${encodeURIComponent(code)}`,
        `/api/problems?source=covert`,
        '/api/problems/summary',
        '/api/notifications?pageSize=200',
        '/api/home',
      ];
      for (const url of lists) {
        const body = JSON.stringify((await c.get(url)).body);
        expect(body, `${key} ${url}`).not.toContain(problemId);
        expect(body, `${key} ${url}`).not.toContain(code);
      }
      const site = await c.get(`/api/sites/${sites['背街小巷2']}`);
      if (site.status === 200) {
        expect(JSON.stringify(site.body), `${key} site`).not.toContain(round);
        expect(JSON.stringify(site.body), `${key} site`).not.toContain(problemId);
        expect(site.body.visits, `${key} site visits`).toEqual([]);
      }
      const ledger = await c.get('/api/problems/export');
      if (ledger.status === 200) expect(ledger.raw.toString('latin1'), `${key} export`).not.toContain(code);
      const byUnit = await c.get(`/api/standards/by-unit/${t.unitBId}?versionId=${versionId}`);
      if (byUnit.status === 200)
        expect(byUnit.body.items.find((s: { code: string }) => s.code === '背街小巷-01-01')?.observations ?? 0, `${key} compliance`).toBe(
          0,
        );
    }
  });

  it('release makes the findings visible and dispatchable; then they flow through the loop', async () => {
    const unit2 = await t.asScript('unit2');
    expect((await unit2.post(`/api/inspection-rounds/${round}/release`)).status).toBe(404);
    expect((await office.post(`/api/inspection-rounds/${round}/release`)).status).toBe(204);
    expect((await office.post(`/api/inspection-rounds/${round}/release`)).status).toBe(409);
    expect((await unit2.get('/api/inspection-rounds?pageSize=100')).body.items.map((r: { id: string }) => r.id)).toContain(round);
    const p = (await office.get(`/api/problems/${problemId}`)).body;
    expect(p.allowedActions).toContain('dispatch');
    await act(office, problemId, 'dispatch', { unitId: t.unitBId });
    expect((await unit2.get(`/api/problems/${problemId}`)).status).toBe(200);
    const sitelead = await t.asScript('sitelead');
    expect((await sitelead.get(`/api/sites/${sites['背街小巷2']}`)).body.visits).toHaveLength(1);
  });
});
