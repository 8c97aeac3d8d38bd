/**
 * The covert-secrecy sweep (三不三无). Every GET route of the OpenAPI document is called by every account outside a
 * covert round's team, before and after the round is created and visits a site — a visit that files a new finding,
 * joins the unit's own open (dispatched) problem, and fails a standard whose problem was closed. Nothing any of them can
 * read may change until release: not a list, a count, a code, a timeline entry, a photo, a site page or a workbook.
 * After release the findings are public, but the covert inspector's name appears in no answer to the inspected.
 *
 * The sweep fails when a new GET route has a path parameter it does not know how to fill, so a module added later is
 * swept too (add its ids to ID_CANDIDATES).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client, Res } from '../support/client';
import { STANDARD_HEADERS } from '../support/entities';
import { createTenant, PASSWORD, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act } from '../support/problems';
import { makeHonourWorld } from '../support/honours';
import { formatPeriod, periodOf } from '../../common/period';
import { multipartForm, workbook } from '../support/xlsx';
import { Client as HttpClient } from '../support/client';
import { hashPassword } from '../../server/platform/auth/passwords';
import { refreshSnapshots } from '../../server/modules/dashboard/refresh-snapshots';
import { makeUscc, RECEIPT_PDF } from '../support/charity';

/** Accounts outside the covert team that hold a business role: everything they can read must stay the same. */
const OUTSIDERS = ['taskforce', 'unit', 'unit2', 'unithead', 'inspector', 'sitelead', 'grid', 'volunteer'];
/** 三员 accounts are global in the factory, so their lists hold other tests' tenants too: they get the mention check. */
const SEPARATED = ['admin', 'security', 'auditor'];

let t: Tenant;
let office: Client;
let routes: string[] = [];
const ids: Record<string, string> = {};
const clients: Record<string, Client> = {};
let covertName = '';
/** The office's 测评预测 before the covert round (it must not move until release). */
let predictionBefore: { score: { observations: number }; rounds: Array<{ id: string }> };

async function photoBy(c: Client, roundId?: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 110, b: 90 } } })
    .jpeg()
    .toBuffer();
  const m = multipartForm(roundId ? { roundId, address: '示范路背街' } : { address: '示范路背街' }, [['photo.jpg', jpeg]]);
  const res = await c.request('POST', '/api/files', m.body, { headers: m.headers });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** What a response looks like to a reader: JSON as is, a workbook as its cell text, anything else as its bytes' hash. */
async function readable(res: Res): Promise<unknown> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('json')) return { status: res.status, body: res.body };
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const cells: string[][] = [];
    wb.worksheets.forEach((ws) =>
      // row.values is sparse (a hole for each empty cell): Array.from fills the holes, so empty cells read as ''.
      ws.eachRow((row) =>
        cells.push(
          Array.from(row.values as unknown[])
            .slice(1)
            .map((v) => (v == null ? '' : String(v))),
        ),
      ),
    );
    return { status: res.status, cells };
  }
  // A .docx carries the real time of its making; its text is what a reader sees.
  if (type.includes('wordprocessingml')) return { status: res.status, docx: await zipEntry(res.raw, 'word/document.xml') };
  return { status: res.status, sha256: crypto.createHash('sha256').update(res.raw).digest('hex') };
}

/** One entry of a zip archive as text. */
function zipEntry(buffer: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => resolve(''));
      zip.readEntry();
    });
  });
}

/** JSON flattened to path → value, so a diff names the field that changed. */
function flatten(v: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (v && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (!entries.length) out.set(prefix, Array.isArray(v) ? '[]' : '{}');
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(v));
  return out;
}

/** The URLs to read: every GET route with each candidate id for its parameters, plus list filters. */
function urls(candidates: Record<string, string[]>): string[] {
  const out: string[] = [];
  const unknown: string[] = [];
  for (const path of routes) {
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (!params.length) {
      out.push(path + (QUERIES[path] ? `?${QUERIES[path]()}` : ''));
      continue;
    }
    const key = Object.keys(ID_CANDIDATES).find((prefix) => path.startsWith(prefix));
    if (!key) {
      unknown.push(path);
      continue;
    }
    for (const first of candidates[ID_CANDIDATES[key]] ?? [unknownId(ID_CANDIDATES[key])]) {
      let url = path.replace(`{${params[0]}}`, first);
      for (const p of params.slice(1))
        url = url.replace(`{${p}}`, (candidates[ID_CANDIDATES[`${key}#${p}`] ?? ''] ?? [unknownId(`${key}#${p}`)])[0]);
      out.push(url + (QUERIES[path] ? `?${QUERIES[path]()}` : ''));
    }
  }
  expect(unknown, 'GET routes with a path parameter the secrecy sweep cannot fill (add them to ID_CANDIDATES)').toEqual([]);
  return out.concat(EXTRA());
}

/** A 考核方案 over units A and B with the indicators a covert round's findings could move. */
async function evaluationScheme(name: string) {
  const res = await office.post('/api/evaluation/schemes', {
    campaignId: t.campaignId,
    name: `${name}${t.tag}`,
    periodType: 'month',
    redCount: 1,
    blackCount: 1,
    groups: [
      {
        name: '县直部门',
        subjectType: 'unit',
        unitIds: [t.unitAId, t.unitBId],
        indicators: [
          { code: 'inspection.avg_score_rate', weight: 40, rule: { type: 'linear', floor: 0, ceiling: 1 } },
          { code: 'inspection.covert_findings', weight: 30, rule: { type: 'deduction', per: 5, cap: 30 } },
          { code: 'problem.close_rate', weight: 20, rule: { type: 'linear', floor: 0, ceiling: 1 } },
          { code: 'problem.overdue_count', weight: 10, rule: { type: 'deduction', per: 1, cap: 10 } },
        ],
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

/** A run's figures without its own ids: subject, score, rank, list and every indicator's value and points. */
async function runFigures(runId: string) {
  const res = await office.get(`/api/evaluation/runs/${runId}/results`);
  expect(res.status).toBe(200);
  return res.body.groups.flatMap((g: { items: Array<Record<string, unknown>> }) =>
    g.items.map((i) => ({ subjectId: i.subjectId, score: i.score, rank: i.rank, list: i.list, indicators: i.indicators })),
  );
}

/** A stable id for a kind with no record in this tenant: the route is still walked (and must answer the same). */
const unknownIds = new Map<string, string>();
function unknownId(kind: string): string {
  if (!unknownIds.has(kind)) unknownIds.set(kind, crypto.randomUUID());
  return unknownIds.get(kind)!;
}

/** Route prefix (longest first where it matters) → the kind of id its parameter takes. */
const ID_CANDIDATES: Record<string, string> = {
  '/api/problems/': 'problem',
  '/api/inspection-rounds/': 'round',
  '/api/sites/': 'site',
  '/api/files/': 'file',
  '/api/standards/versions/{id}/diff/': 'version',
  '/api/standards/versions/{id}/diff/#other': 'version',
  '/api/standards/versions/': 'version',
  '/api/standards/by-unit/': 'unit',
  '/api/standards/': 'standard',
  '/api/units/': 'unit',
  '/api/regions/': 'region',
  '/api/campaigns/': 'campaign',
  '/api/users/': 'user',
  '/api/supervision-notices/': 'notice',
  '/api/materials/': 'material',
  '/api/materials/#fileId': 'file',
  '/api/notifications/': 'notification',
  '/api/problem-settings/': 'setting',
  '/api/problem-categories/': 'category',
  '/api/indicators/': 'indicator',
  // A tile's position is no id (z/x/y numbers, walked through EXTRA): the same tile server before and after.
  '/api/map-settings/tiles/': 'tile',
  '/api/patrols/': 'patrol',
  '/api/evaluation/schemes/': 'scheme',
  '/api/evaluation/runs/': 'run',
  '/api/evaluation/runs/#subjectId': 'unit',
  '/api/evaluation/objections/': 'objection',
  '/api/evaluation/subjects/': 'unit',
  // 奖惩兑现: entries exist only for published runs (this tenant's run stays in 公示), so by id they are placeholders; the
  // ledger, its .xlsx, the year view and the rules are walked as lists.
  '/api/rewards/entries/': 'rewardEntry',
  '/api/rewards/rules/': 'rewardRule',
  // Open311 and the public interface settings: a covert photo's public copy stays 404 before and after release.
  '/api/integrations/settings/regions/': 'region',
  '/open311/v2/services/': 'category',
  '/open311/v2/requests/': 'problemCode',
  '/open311/v2/tokens/': 'token',
  '/open311/v2/media/': 'file',
  // 曝光台: problem A is published on the board before the covert round joins it (staff and public views walked).
  '/api/exposures/eligibility/': 'problem',
  '/api/exposures/': 'exposure',
  '/api/exposures/#photoId': 'exposurePhoto',
  '/api/public/exposures/': 'exposure',
  '/api/public/exposures/#photoId': 'exposurePhoto',
  '/api/public/units/': 'unit',
  // 随手拍: merge suggestions by problem (a covert finding is never suggested); tracking codes are not ids (placeholders:
  // public-reports.test and public-sweep walk them with real codes).
  '/api/citizen-reports/triage/': 'problem',
  '/api/public/reports/': 'trackingCode',
  '/api/public/reports/#fileId': 'file',
  // 问卷调查's public link: a wave's token is no id of this tenant (a placeholder, 404 before and after; survey-public.test
  // and public-sweep walk real tokens).
  '/api/public/surveys/': 'waveToken',
  // 问卷调查 holds no covert data: a questionnaire and an open wave of the county, the same before and after.
  '/api/surveys/questionnaires/': 'questionnaire',
  '/api/surveys/waves/': 'wave',
  // 实施方案 / 任务 / 月度进度 / 项目: a task on the inspected site closing the standard the covert round fails, its
  // monthly report and a project of the unit — a covert finding moves none of them (no status, count or indicator).
  '/api/plans/': 'plan',
  '/api/tasks/': 'task',
  '/api/tasks/#fileId': 'taskEvidence',
  '/api/task-progress/': 'progress',
  '/api/projects/': 'project',
  // 好人之城: a county selection in public voting with an approved nominee (photo, contact) and a rejected one (no
  // covert data; the candidate page and its photo walked before and after). Candidates before the selection prefix.
  '/api/honours/selections/': 'honourSelection',
  '/api/honours/nominations/': 'honourNomination',
  '/api/public/honours/candidates/': 'honourNomination',
  '/api/public/honours/candidates/#fileId': 'honourPhoto',
  '/api/public/honours/': 'honourSelection',
  // 志愿之城: a team, a station and an approved volunteer of the county (the covert round touches none of them); the
  // certificate check's code is no id of this tenant (a placeholder; volunteers.test walks a real one). Teams and
  // stations before the volunteer's own prefix (the first prefix that matches wins).
  // 志愿活动 (its code, roster and page): an activity of the team the volunteer signed up for, run by the office.
  '/api/volunteers/activities/': 'volunteerActivity',
  '/api/volunteers/teams/': 'volunteerTeam',
  '/api/volunteers/stations/': 'volunteerStation',
  '/api/volunteers/': 'volunteer',
  '/api/public/volunteer-certificates/': 'certificateCode',
  // 慈善之家: an organisation of the county with a project, a receipt and a spending (no covert data; walked as is).
  '/api/charity/organisations/': 'charityOrg',
  '/api/charity/projects/': 'charityProject',
  '/api/charity/projects/#receiptId': 'charityReceipt',
  '/api/public/charity/projects/': 'charityProject',
  '/api/public/charity/receipts/': 'charityReceipt',
};
const QUERIES: Record<string, () => string> = {
  '/api/inspection-rounds/{id}/checklist': () => `siteId=${ids.site}`,
  '/api/standards/by-unit/{unitId}': () => `versionId=${ids.version}`,
  '/api/problems/metrics': () => 'groupBy=unit&from=2020-01-01&to=2030-01-01',
  // Published rankings of every county: walked for this tenant's county (other files publish theirs meanwhile).
  '/api/public/rankings': () => `regionId=${t.countyId}`,
  // Open311 lists hold every county's public requests: walked for this tenant's county (other files write theirs).
  ...Object.fromEntries(
    ['requests', 'servicerequestupdates', 'services'].flatMap((p) =>
      ['json', 'xml'].map((f) => [`/open311/v2/${p}.${f}`, () => `jurisdiction_id=${t.countyCode}`]),
    ),
  ),
};
/** Every registered indicator for each subject type it measures, this month (the default) and this year. */
let indicatorUrls: string[] = [];
const EXTRA = () => [
  ...indicatorUrls,
  '/api/problems?pageSize=100',
  '/api/problems?pageSize=100&source=covert',
  `/api/problems?pageSize=100&siteId=${ids.site}`,
  '/api/problems?pageSize=100&search=WT',
  '/api/problems?pageSize=100&search=AF',
  '/api/problems?pageSize=100&state=accepted',
  '/api/problems/metrics?groupBy=region&from=2020-01-01&to=2030-01-01',
  '/api/inspection-rounds?pageSize=100',
  '/api/notifications?pageSize=100',
  '/api/sites?pageSize=100',
  '/api/map-settings/tiles/1/0/0',
  `/api/map-settings?regionId=${t.townAId}`,
  `/api/prediction?campaignId=${t.campaignId}`,
  `/api/prediction?campaignId=${t.campaignId}&rounds=1`,
  `/api/prediction/priorities.xlsx?campaignId=${t.campaignId}`,
  `/api/tasks?pageSize=100&unitId=${t.unitAId}`,
  `/api/tasks?pageSize=100&planId=${ids.plan}`,
  '/api/tasks?pageSize=100&status=overdue',
  `/api/task-progress?pageSize=100&planId=${ids.plan}`,
  `/api/task-progress/export.xlsx?period=${ids.evaluationMonth}`,
  `/api/task-progress/bulletin.docx?period=2026-11`,
  `/api/projects?pageSize=100&unitId=${t.unitAId}`,
  '/api/projects/export.xlsx',
];

async function snapshot(keys: string[], candidates: Record<string, string[]>): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  const list = urls(candidates);
  for (const key of keys) {
    for (const url of list) {
      // Placeholders (ids of things that do not exist yet) are written as `~kind~n` so before and after line up.
      const shown = url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => LABEL.get(id) ?? id);
      const res = await clients[key].get(url);
      out.set(`${key} ${shown}`, flatten(await readable(res)));
    }
  }
  return out;
}
/** 指挥大屏 snapshots are what /api/dashboard answers: recompute the tenant's before each read of every route. */
async function refreshDashboards(): Promise<void> {
  const { database, clock } = await getHarness();
  await refreshSnapshots(database.db, clock.now(), { under: `/${t.countyId}/` });
}

/** Real and placeholder ids → a stable label, so a 404 for "not yet created" and "hidden" compare equal. */
const LABEL = new Map<string, string>();

function differences(
  before: Map<string, Map<string, string>>,
  again: Map<string, Map<string, string>>,
  after: Map<string, Map<string, string>>,
): string[] {
  const out: string[] = [];
  for (const [url, b] of before) {
    const a = after.get(url)!;
    const volatile = again.get(url)!;
    for (const k of new Set([...b.keys(), ...a.keys()])) {
      // A field that changes between two reads with nothing happening (a session's last-seen time) is not a leak.
      if (b.get(k) !== volatile.get(k)) continue;
      if (b.get(k) !== a.get(k)) out.push(`${url} :: ${k}: ${b.get(k)} → ${a.get(k)}`);
    }
  }
  return out;
}

beforeAll(async () => {
  t = await createTenant();
  const { app, database } = await getHarness();
  const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths)
    .filter(([, ops]) => 'get' in ops)
    .map(([p]) => p)
    .filter((p) => !p.startsWith('/api/docs'))
    // A fresh random proof-of-work challenge per call, holding nothing of any county (the public sweep walks it); its
    // per-address limit would otherwise answer 429 on the sweep's second pass when other files on the same database
    // took challenges from the same address.
    .filter((p) => p !== '/api/public/challenge')
    // Every county of the deployment with its sites' extent: other files add counties meanwhile on a shared PostgreSQL
    // database, so before and after differ for reasons of their own; a round adds no county or site (the public sweep
    // walks it for covert markers).
    .filter((p) => p !== '/api/public/categories');
  office = await t.asScript('office');
  // A covert inspector of their own: the tenant's inspector also works open rounds, where naming them is right.
  covertName = `暗访员${t.tag}`;
  const covert = await database.db
    .insertInto('users')
    .values({
      username: `covert_${t.tag}`,
      name: covertName,
      password_hash: await hashPassword(PASSWORD),
      must_change_password: false,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('user_roles')
    .values({ user_id: covert.id, role: 'inspector', scope_type: 'region', scope_id: t.countyId })
    .execute();
  ids.covertInspector = covert.id;
  clients.covert = await new HttpClient(app).login(`covert_${t.tag}`, PASSWORD);
  for (const key of [...OUTSIDERS, ...SEPARATED, 'office', 'leader']) clients[key] = await t.asScript(key);

  const m = multipartForm({ campaignId: t.campaignId, versionName: '测评体系（暗访测试）' }, [
    [
      's.xlsx',
      await workbook(
        [...STANDARD_HEADERS],
        [
          [
            '和谐宜居的生活环境',
            '背街小巷',
            '背街小巷-01-01',
            '路面平整，无坑洼积水',
            '实地考察',
            1,
            '背街小巷',
            `城管局${t.tag}`,
            '',
            '否',
          ],
          [
            '和谐宜居的生活环境',
            '背街小巷',
            '背街小巷-01-02',
            '无乱堆乱放、乱贴乱画',
            '实地考察',
            1,
            '背街小巷',
            `城管局${t.tag}`,
            '',
            '否',
          ],
          [
            '和谐宜居的生活环境',
            '背街小巷',
            '背街小巷-01-03',
            '垃圾桶摆放整齐、及时清运',
            '实地考察',
            1,
            '背街小巷',
            `城管局${t.tag}`,
            '',
            '否',
          ],
        ],
      ),
    ],
  ]);
  const imported = await office.request('POST', '/api/standards/import', m.body, { headers: m.headers });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  ids.version = imported.body.versionId;
  const tree = (await office.get(`/api/standards/versions/${ids.version}/tree`)).body;
  const standards = new Map<string, string>(
    tree.items
      .flatMap((i: { children: Array<{ standards: Array<{ id: string; code: string }> }> }) => i.children.flatMap((c) => c.standards))
      .map((s: { id: string; code: string }) => [s.code, s.id]),
  );
  ids.standardA = standards.get('背街小巷-01-01')!;
  ids.standardB = standards.get('背街小巷-01-02')!;
  ids.standardC = standards.get('背街小巷-01-03')!;
  const site = await office.post('/api/sites', {
    name: `幸福里背街${t.tag}`,
    siteTypeCode: 'back_street',
    regionId: t.townAId,
    unitId: t.unitAId,
    address: '示范县幸福里',
    location: { lat: 39.2, lng: 116.3 },
    leadName: '陈晓东',
    leadPhone: '13903190058',
  });
  expect(site.status).toBe(201);
  ids.site = site.body.id;
  await database.db.updateTable('sites').set({ lead_user_id: t.users.sitelead.id }).where('id', '=', ids.site).execute();
  // The 点长's check-in at the site today (点长巡查打卡): its grid, missed days and photo are walked too.
  const patrol = await clients.sitelead.post('/api/patrols', {
    clientId: crypto.randomUUID(),
    siteId: ids.site,
    photoIds: [await photoBy(clients.sitelead)],
    result: 'ok',
    location: { lat: 39.2001, lng: 116.3001 },
  });
  expect(patrol.status, JSON.stringify(patrol.body)).toBe(201);
  ids.patrol = patrol.body.id;
  ids.patrolPhoto = patrol.body.photos[0].fileId;

  // An open round finds two problems: A stays open with the unit, B goes round the loop and is closed.
  const inspector = clients.inspector;
  const openRound = await office.post('/api/inspection-rounds', {
    name: '十一月日常督查',
    kind: 'routine',
    campaignId: t.campaignId,
    standardVersionId: ids.version,
    startDate: '2026-11-01',
    endDate: '2026-11-30',
    siteIds: [ids.site],
    inspectorIds: [t.users.inspector.id],
  });
  expect(openRound.status).toBe(201);
  ids.openRound = openRound.body.id;
  const openPhoto = await photoBy(inspector);
  ids.openPhoto = openPhoto;
  const visit = await inspector.post(`/api/inspection-rounds/${ids.openRound}/visits`, {
    siteId: ids.site,
    results: [
      { standardId: ids.standardA, verdict: 'fail', photoIds: [openPhoto], note: '路面有坑' },
      { standardId: ids.standardB, verdict: 'fail', photoIds: [openPhoto], note: '墙面小广告' },
      { standardId: ids.standardC, verdict: 'pass' },
    ],
  });
  expect(visit.status, JSON.stringify(visit.body)).toBe(200);
  ids.problemA = visit.body.problems.find((p: { standardId: string }) => p.standardId === ids.standardA).problemId;
  ids.problemB = visit.body.problems.find((p: { standardId: string }) => p.standardId === ids.standardB).problemId;
  const unit = clients.unit;
  await act(office, ids.problemA, 'dispatch', { unitId: t.unitAId });
  await act(unit, ids.problemA, 'acknowledge');
  // 曝光台: problem A proposed, approved and published (its public copy and record) before any covert round exists.
  const exposure = await office.post('/api/exposures', { problemId: ids.problemA });
  expect(exposure.status, JSON.stringify(exposure.body)).toBe(201);
  ids.exposure = exposure.body.id;
  ids.exposurePhoto = exposure.body.photos[0].id;
  for (const [c, action] of [
    [office, 'submit'],
    [clients.leader, 'approve'],
  ] as const) {
    const cur = await office.get(`/api/exposures/${ids.exposure}`);
    const res = await c.post(`/api/exposures/${ids.exposure}/transitions`, { action, version: cur.body.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await act(office, ids.problemB, 'dispatch', { unitId: t.unitAId });
  await act(unit, ids.problemB, 'acknowledge');
  // 问卷调查: a questionnaire and an open wave with the volunteer assigned (no covert data; walked like everything else).
  const questionnaire = await office.post('/api/surveys/questionnaires/from-template', {
    regionId: t.countyId,
    template: 'weisheng-manyilv',
  });
  expect(questionnaire.status, JSON.stringify(questionnaire.body)).toBe(201);
  ids.questionnaire = questionnaire.body.id;
  const wave = await office.post('/api/surveys/waves', {
    questionnaireId: ids.questionnaire,
    regionId: t.countyId,
    name: '卫生城市满意率调查',
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    targetSize: 10,
    population: [{ townId: t.townAId, groupCode: 'citizen', population: 1000 }],
    interviewers: [{ userId: t.users.volunteer.id, townIds: [t.townAId] }],
  });
  expect(wave.status, JSON.stringify(wave.body)).toBe(201);
  ids.wave = wave.body.id;
  const opened = await office.post(`/api/surveys/waves/${ids.wave}/transitions`, { action: 'open', version: wave.body.version });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  await act(unit, ids.problemB, 'submit_rectification', { measures: '已清除小广告', photoIds: [await photoBy(unit)] });
  await act(office, ids.problemB, 'verify', { passed: true });
  // 月评排名: a scheme over units A and B with the indicators a covert round could move, this month's run in 公示 (the
  // unit reads its own row, the task force all of it) — the run's figures are walked before and after the covert visit.
  const month = formatPeriod(periodOf('month', (await getHarness()).clock.now()));
  ids.evaluationMonth = month;
  ids.scheme = (await evaluationScheme('月度考核')).id;
  const run = await office.post('/api/evaluation/runs', { schemeId: ids.scheme, period: month });
  expect(run.status, JSON.stringify(run.body)).toBe(201);
  ids.run = run.body.id;
  expect((await office.post(`/api/evaluation/runs/${ids.run}/transitions`, { action: 'publicize' })).status).toBe(200);
  // Indicators: every code for every subject type (the visits land in the current month and year).
  const indicators = (await office.get('/api/indicators')).body.items as Array<{ code: string; subjectTypes: string[] }>;
  expect(indicators.length).toBeGreaterThan(0);
  ids.indicatorCodes = indicators.map((i) => i.code).join(',');
  const year = String(new Date((await getHarness()).clock.now().getTime() + 8 * 3600_000).getUTCFullYear());
  indicatorUrls = indicators.flatMap((i) =>
    i.subjectTypes.flatMap((st) => [
      `/api/indicators/${i.code}?subjectType=${st}`,
      `/api/indicators/${i.code}?subjectType=${st}&period=${year}`,
    ]),
  );
  // 实施方案 → 任务 on the site the covert round will visit (closing standard A, which it fails), unit A's report of
  // last month with a photo, and unit A's project linked to the task.
  const plan = await office.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '创建全国文明城市实施方案' });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  ids.plan = plan.body.id;
  const task = await office.post(`/api/plans/${ids.plan}/tasks`, {
    code: '1',
    title: '幸福里背街改造提升',
    measures: '路面硬化、清理小广告、垃圾桶规范摆放',
    leadUnitId: t.unitAId,
    coopUnitIds: [t.unitBId],
    startDate: '2026-09-01',
    dueDate: '2026-12-31',
    standardIds: [ids.standardA, ids.standardB],
    siteIds: [ids.site],
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  ids.task = task.body.id;
  // The month's 工作台账 as a PDF document next to the photo.
  const ledger = multipartForm({}, [['幸福里背街整治台账.pdf', Buffer.from('%PDF-1.4\n%%EOF\n')]]);
  const doc = await unit.request('POST', `/api/tasks/${ids.task}/evidence`, ledger.body, { headers: ledger.headers });
  expect(doc.status, JSON.stringify(doc.body)).toBe(201);
  ids.taskEvidence = doc.body.id;
  const progress = await unit.post(`/api/tasks/${ids.task}/progress`, {
    period: '2026-11',
    percent: 60,
    summary: '完成幸福里背街路面硬化和小广告清理',
    fileIds: [await photoBy(unit), ids.taskEvidence],
  });
  expect(progress.status, JSON.stringify(progress.body)).toBe(201);
  ids.progress = progress.body.id;
  const project = await office.post('/api/projects', {
    campaignId: t.campaignId,
    regionId: t.townAId,
    name: '幸福里游园改造',
    type: 'park',
    ownerUnitId: t.unitAId,
    lat: 39.2,
    lng: 116.3,
    handoverDate: '2027-03-31',
    taskId: ids.task,
  });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  ids.project = project.body.id;
  const honours = await makeHonourWorld(t, office, clients.unit, 'voting');
  ids.honourSelection = honours.selectionId;
  ids.honourNomination = honours.nominationId;
  ids.honourPhoto = honours.photoId;
  const randomIdNumber = () => {
    const body = `1101${String(crypto.randomInt(0, 1e13)).padStart(13, '0')}`;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    return body + '10X98765432'[w.reduce((sum, x, i) => sum + x * Number(body[i]), 0) % 11];
  };
  const team = await office.post('/api/volunteers/teams', { regionId: t.townAId, kind: 'detachment', name: `城关镇志愿服务支队${t.tag}` });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  ids.volunteerTeam = team.body.id;
  const station = await office.post('/api/volunteers/stations', {
    regionId: t.townAId,
    level: 'institute',
    name: '城关镇新时代文明实践所',
    location: { lat: 39.2, lng: 116.3 },
  });
  expect(station.status, JSON.stringify(station.body)).toBe(201);
  ids.volunteerStation = station.body.id;
  const joined = await clients.grid.post('/api/volunteers/join', {
    name: '赵志远',
    idNumber: randomIdNumber(),
    teamId: ids.volunteerTeam,
    phone: '13700005678',
  });
  expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  ids.volunteer = joined.body.id;
  expect((await office.post(`/api/volunteers/${ids.volunteer}/review`, { decision: 'approve', version: 1 })).status).toBe(200);
  const activityStart = new Date((await getHarness()).clock.now().getTime() + 2 * 24 * 3600_000);
  const activity = await office.post('/api/volunteers/activities', {
    teamId: ids.volunteerTeam,
    title: '文明交通劝导志愿服务',
    startsAt: activityStart.toISOString(),
    endsAt: new Date(activityStart.getTime() + 3 * 3600_000).toISOString(),
    place: '人民路与中山路交叉口',
    location: { lat: 39.2, lng: 116.3 },
    capacity: 10,
  });
  expect(activity.status, JSON.stringify(activity.body)).toBe(201);
  ids.volunteerActivity = activity.body.id;
  expect((await clients.grid.post(`/api/volunteers/activities/${ids.volunteerActivity}/signups`, {})).status).toBe(201);
  const org = await office.post('/api/charity/organisations', {
    regionId: t.countyId,
    name: '县慈善总会',
    creditCode: makeUscc('51'),
    kind: 'association',
  });
  expect(org.status, JSON.stringify(org.body)).toBe(201);
  ids.charityOrg = org.body.id;
  expect((await office.request('PUT', `/api/charity/organisations/${ids.charityOrg}/admins`, { userIds: [t.users.unit.id] })).status).toBe(
    200,
  );
  const charityProject = await clients.unit.post('/api/charity/projects', {
    orgId: ids.charityOrg,
    regionId: t.townAId,
    name: '春蕾助学',
    category: 'education',
    goalFen: 10_000_000,
    beneficiaries: '困难学生',
    startsOn: '2026-09-01',
  });
  expect(charityProject.status, JSON.stringify(charityProject.body)).toBe(201);
  ids.charityProject = charityProject.body.id;
  const receiptForm = multipartForm({}, [['收据.pdf', RECEIPT_PDF]]);
  const receipt = await clients.unit.request('POST', `/api/charity/projects/${ids.charityProject}/receipts`, receiptForm.body, {
    headers: receiptForm.headers,
  });
  expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);
  ids.charityReceipt = receipt.body.id;
  const spent = await clients.unit.post(`/api/charity/projects/${ids.charityProject}/entries`, {
    kind: 'spending',
    amountFen: 120_000,
    purpose: '采购文具',
    occurredOn: '2026-11-20',
    receiptIds: [ids.charityReceipt],
  });
  expect(spent.status, JSON.stringify(spent.body)).toBe(201);
  // A report of the grid worker's own, so the reporters' views have something in them.
  const grid = await clients.grid.post('/api/problems', {
    clientId: crypto.randomUUID(),
    description: '幸福里路灯不亮',
    categoryCode: 'C0106',
    regionId: t.townAId,
    photoIds: [await photoBy(clients.grid)],
  });
  expect(grid.status, JSON.stringify(grid.body)).toBe(201);
}, 120_000);

describe(`covert-secrecy sweep (${engineName})`, () => {
  let candidatesBefore: Record<string, string[]>;
  let before: Map<string, Map<string, string>>;
  let again: Map<string, Map<string, string>>;
  const placeholder = (kind: string) => {
    const id = crypto.randomUUID();
    LABEL.set(id, `~${kind}~`);
    return id;
  };

  it('测评预测: the office reads the prediction before the covert round exists', async () => {
    const res = await office.get(`/api/prediction?campaignId=${t.campaignId}`);
    expect(res.status).toBe(200);
    expect(res.body.score.observations).toBe(3);
    predictionBefore = res.body;
  });

  it('walks every GET route for every account outside the covert team before the round exists', async () => {
    candidatesBefore = {
      problem: [ids.problemA, ids.problemB, placeholder('finding-new'), placeholder('finding-after-close')],
      round: [ids.openRound, placeholder('round')],
      site: [ids.site],
      file: [ids.openPhoto, placeholder('covert-photo'), ids.patrolPhoto],
      version: [ids.version],
      standard: [ids.standardA],
      unit: [t.unitAId],
      region: [t.townAId],
      campaign: [t.campaignId],
      user: [t.users.unit.id],
      indicator: ids.indicatorCodes.split(','),
      patrol: [ids.patrol],
      scheme: [ids.scheme],
      run: [ids.run],
      exposure: [ids.exposure],
      exposurePhoto: [ids.exposurePhoto],
      questionnaire: [ids.questionnaire],
      wave: [ids.wave],
      plan: [ids.plan],
      task: [ids.task],
      progress: [ids.progress],
      taskEvidence: [ids.taskEvidence],
      project: [ids.project],
      volunteerTeam: [ids.volunteerTeam],
      volunteerStation: [ids.volunteerStation],
      volunteer: [ids.volunteer],
      volunteerActivity: [ids.volunteerActivity],
      charityOrg: [ids.charityOrg],
      charityProject: [ids.charityProject],
      charityReceipt: [ids.charityReceipt],
    };
    await refreshDashboards();
    before = await snapshot([...OUTSIDERS], candidatesBefore);
    await refreshDashboards();
    again = await snapshot([...OUTSIDERS], candidatesBefore);
    expect(before.size).toBeGreaterThan(OUTSIDERS.length * 40);
  }, 300_000);

  it('a covert round that joins an open problem, finds a new one and a closed one again changes nothing outsiders can read', async () => {
    const round = await office.post('/api/inspection-rounds', {
      name: `第四季度暗访${t.tag}`,
      kind: 'covert',
      campaignId: t.campaignId,
      standardVersionId: ids.version,
      startDate: '2026-11-20',
      endDate: '2026-11-25',
      siteIds: [ids.site],
      inspectorIds: [ids.covertInspector],
    });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    ids.covertRound = round.body.id;
    const covertPhoto = await photoBy(clients.covert, ids.covertRound);
    ids.covertPhoto = covertPhoto;
    const visit = await clients.covert.post(`/api/inspection-rounds/${ids.covertRound}/visits`, {
      siteId: ids.site,
      results: [
        { standardId: ids.standardA, verdict: 'fail', photoIds: [covertPhoto], note: `坑洼仍在${t.tag}` },
        { standardId: ids.standardB, verdict: 'fail', photoIds: [covertPhoto], note: `小广告又出现${t.tag}` },
        { standardId: ids.standardC, verdict: 'fail', photoIds: [covertPhoto], note: `垃圾满溢${t.tag}` },
      ],
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    const how = Object.fromEntries(
      visit.body.problems.map((p: { standardId: string; how: string; problemId: string; code: string }) => [p.standardId, p]),
    );
    expect(how[ids.standardA]).toMatchObject({ how: 'attached', problemId: ids.problemA });
    expect(how[ids.standardB].how).toBe('created');
    expect(how[ids.standardC].how).toBe('created');
    // Covert findings number from their own sequence: the public WT sequence has no gap to count.
    expect(how[ids.standardB].code).toMatch(/^AF\d{6}-\d{6}-\d{6}$/);
    expect(how[ids.standardC].code).toMatch(/^AF\d{6}-\d{6}-\d{6}$/);
    ids.findingNew = how[ids.standardC].problemId;
    ids.findingAfterClose = how[ids.standardB].problemId;
    LABEL.set(ids.findingNew, '~finding-new~');
    LABEL.set(ids.findingAfterClose, '~finding-after-close~');
    LABEL.set(ids.covertRound, '~round~');
    LABEL.set(ids.covertPhoto, '~covert-photo~');

    // The office, the leaders and the team do see it.
    const a = (await office.get(`/api/problems/${ids.problemA}`)).body;
    expect(a.timeline.map((e: { action: string }) => e.action)).toContain('finding_attached');
    expect((await clients.leader.get(`/api/problems/${ids.findingNew}`)).status).toBe(200);

    const candidatesAfter = {
      ...candidatesBefore,
      problem: [ids.problemA, ids.problemB, ids.findingNew, ids.findingAfterClose],
      round: [ids.openRound, ids.covertRound],
      file: [ids.openPhoto, ids.covertPhoto, ids.patrolPhoto],
    };
    await refreshDashboards();
    const after = await snapshot([...OUTSIDERS], candidatesAfter);
    expect(differences(before, again, after)).toEqual([]);
  }, 300_000);

  it('a run computed before release counts none of the covert findings; one computed after release does', async () => {
    const before = await runFigures(ids.run);
    const during = await office.post('/api/evaluation/runs', {
      schemeId: (await evaluationScheme('暗访期间考核')).id,
      period: ids.evaluationMonth,
    });
    expect(during.status, JSON.stringify(during.body)).toBe(201);
    expect(await runFigures(during.body.id)).toEqual(before);
    const covertFindings = (figures: Array<{ subjectId: string; indicators: Array<{ code: string; value: number }> }>) =>
      figures.find((f) => f.subjectId === t.unitAId)!.indicators.find((i) => i.code === 'inspection.covert_findings')!.value;
    expect(covertFindings(before)).toBe(0);
    // Its provenance lists no covert finding either (the office could see them; the run must not count them).
    const prov = await office.get(`/api/evaluation/runs/${during.body.id}/subjects/${t.unitAId}/provenance`);
    expect(prov.status).toBe(200);
    const listed = prov.body.items.map((i: { recordId: string }) => i.recordId);
    expect(listed).not.toContain(ids.findingNew);
    expect(listed).not.toContain(ids.findingAfterClose);
  }, 120_000);

  it('测评预测: the office, who knows the covert round, gets the same figures until release', async () => {
    const res = await office.get(`/api/prediction?campaignId=${t.campaignId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(predictionBefore);
  });

  it('三员 accounts read nothing of the covert round either (no mention of its ids, names, notes or codes)', async () => {
    const secrets = [
      ids.covertRound,
      ids.findingNew,
      ids.findingAfterClose,
      ids.covertPhoto,
      `第四季度暗访${t.tag}`,
      `坑洼仍在${t.tag}`,
      `垃圾满溢${t.tag}`,
      covertName,
    ];
    const list = urls({ ...candidatesBefore, problem: [ids.problemA, ids.findingNew], round: [ids.covertRound], file: [ids.covertPhoto] });
    const leaks: string[] = [];
    for (const key of SEPARATED) {
      for (const url of list) {
        // The audit trail records every action for the 审计管理员 by design (等保); the auditor is never an inspected party.
        if (key === 'auditor' && url.startsWith('/api/audit-events')) continue;
        // Accounts are the 安全管理员's to manage: the covert inspector's account is listed there, with no round.
        if (key === 'security' && url.startsWith('/api/users')) continue;
        const res = await clients[key].get(url);
        const text =
          JSON.stringify(await readable(res)) + (String(res.headers['content-type']).includes('json') ? '' : res.raw.toString('latin1'));
        for (const s of secrets) if (text.includes(s)) leaks.push(`${key} ${url} mentions ${s}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 300_000);

  it('after release the findings are public, take public codes, and the inspected never learn who the covert team was', async () => {
    expect((await office.post(`/api/inspection-rounds/${ids.covertRound}/release`)).status).toBe(204);
    const released = (await office.get(`/api/problems/${ids.findingNew}`)).body;
    expect(released.code).toMatch(/^WT\d{6}-\d{6}-\d{6}$/);
    expect(released.timeline.map((e: { action: string }) => e.action)).toContain('covert_released');
    // The unit's own problem now shows the covert finding — by 暗访组.
    const unitView = (await clients.unit.get(`/api/problems/${ids.problemA}`)).body;
    const attached = unitView.timeline.find((e: { action: string }) => e.action === 'finding_attached');
    expect(attached).toMatchObject({ actorName: '暗访组', actorId: null });
    expect(unitView.photos.map((p: { fileId: string }) => p.fileId)).toContain(ids.covertPhoto);
    expect((await clients.unit.get(`/api/files/${ids.covertPhoto}/meta`)).body.uploadedBy).toEqual({ id: null, name: '暗访组' });
    // Dispatched to the unit, the new finding names 暗访组 as its reporter.
    await act(office, ids.findingNew, 'dispatch', { unitId: t.unitAId });
    expect((await clients.unit.get(`/api/problems/${ids.findingNew}`)).body).toMatchObject({ reporterName: '暗访组', reporterId: null });
    // The office that may know the team still sees the inspector.
    expect((await office.get(`/api/problems/${ids.findingNew}`)).body.reporterName).toBe(covertName);

    const list = urls({
      ...candidatesBefore,
      problem: [ids.problemA, ids.findingNew, ids.findingAfterClose],
      round: [ids.covertRound],
      file: [ids.covertPhoto],
    });
    const leaks: string[] = [];
    for (const key of [...OUTSIDERS, ...SEPARATED]) {
      for (const url of list) {
        if (key === 'auditor' && url.startsWith('/api/audit-events')) continue;
        if (key === 'security' && url.startsWith('/api/users')) continue;
        const res = await clients[key].get(url);
        const text = JSON.stringify(await readable(res));
        for (const s of [covertName, ids.covertInspector, `covert_${t.tag}`])
          if (text.includes(s)) leaks.push(`${key} ${url} names the covert inspector (${s})`);
      }
    }
    expect(leaks).toEqual([]);

    // Released, the round's findings count: a run computed now has them (so the check before release could fail).
    const after = await office.post('/api/evaluation/runs', {
      schemeId: (await evaluationScheme('发布后考核')).id,
      period: ids.evaluationMonth,
    });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    const unitA = (await runFigures(after.body.id)).find((f: { subjectId: string }) => f.subjectId === t.unitAId);
    expect(unitA.indicators.find((i: { code: string }) => i.code === 'inspection.covert_findings').value).toBe(2);

    // 指挥大屏: the released round's three 不符合 count as 暗访发现问题 once the snapshot is refreshed (0 before: swept above).
    const dashboard = async () => (await clients.taskforce.get('/api/dashboard')).body.kpis.covertFindings;
    expect(await dashboard()).toBe(0);
    await refreshDashboards();
    expect(await dashboard()).toBe(3);
  }, 300_000);

  it('测评预测: after release the covert round counts (its three observations, the round listed first)', async () => {
    const res = await office.get(`/api/prediction?campaignId=${t.campaignId}`);
    expect(res.status).toBe(200);
    expect(res.body.score.observations).toBe(predictionBefore.score.observations + 3);
    expect(res.body.rounds.map((r: { id: string }) => r.id)).toEqual([ids.covertRound, ...predictionBefore.rounds.map((r) => r.id)]);
  });
});
