/**
 * The access sweep (issue 7, "Done when"). Two tenants (two counties) are built through the API with a record of
 * every kind: region, unit, campaign, leading-group member, user, API token, site, standards version and standard,
 * inspection round, problem (with a photo), supervision notice, notification, material and its file, local category,
 * dispatch rule, a 点长's check-in (点长巡查打卡), … a 实施方案 with a task (unit A leads, unit B cooperates), unit A's
 * monthly report with a photo, a 项目 with its milestones and a photo. Then, from the OpenAPI document:
 *
 * - every GET route with path parameters is called by every account of the home tenant with the OTHER tenant's ids:
 *   the answer must be what a made-up id gets (404, or the same role-wide 403) — never 2xx with data, never a 403
 *   that confirms the record exists, never 5xx. The same route with the home tenant's ids must answer 2xx for at
 *   least one role, so a wrong id mapping cannot make the sweep pass by accident;
 * - every GET route without path parameters (lists, summaries, exports, workbooks) is called by every account of
 *   the home tenant, plain and with each `…Id` filter it declares set to the other tenant's id: no answer may hold
 *   the other tenant's ids or its unique tag (names of its county, units, users, sites), workbooks included;
 * - every POST/PUT/PATCH/DELETE route with a path parameter is called by every business account of the home tenant
 *   with the other tenant's ids and a body that passes validation: the answer is what a made-up id gets (404, or a
 *   role-wide 403) and none of the other tenant's rows, audit events or settings change.
 *
 * A route whose parameter has no id mapping fails the sweep ("unmapped"), so a module added later is swept too:
 * add its kind to PARAM_KINDS and its record to `build`, or, for a genuinely global route, to GLOBAL_ROUTES with the
 * reason.
 *
 * 三员 (admin, security, auditor) are global in the factory. What they should see of another county: the
 * organisation records their duty covers (regions, units, campaigns, sites and standards for the system
 * administrator; accounts for the security administrator; the audit trail for the auditor) exactly as they see the
 * home county's — global means global. What they must not see: business records (problems, photos, materials,
 * inspection rounds, 督办单, notifications) of any county, the other one included. The sweep asserts both.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { afterCommitSettled, type Client, type Res } from '../support/client';
import { drainJobs } from '../../server/platform/jobs-after-commit';
import { STANDARD_HEADERS } from '../support/entities';
import { createTenant, TENANT_ACCOUNTS, type Tenant, type TenantAccount } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { refreshSnapshots } from '../../server/modules/dashboard/refresh-snapshots';
import { act, uploadPhoto } from '../support/problems';
import { fileCitizenReport } from '../support/public-reports';
import { makeHonourWorld } from '../support/honours';
import { formatPeriod, periodOf } from '../../common/period';
import { multipartForm, workbook } from '../support/xlsx';
import { makeUscc } from '../support/charity';

const ROLES = TENANT_ACCOUNTS;
type RoleKey = TenantAccount;
const SEPARATED: readonly RoleKey[] = ['admin', 'security', 'auditor'];
const BUSINESS_ROLES = ROLES.filter((r) => !SEPARATED.includes(r));
/** Kinds of record that hold county business: no 三员 account may read them, in any county. */
const BUSINESS_KINDS = new Set([
  'problem',
  'file',
  'material',
  'materialFile',
  'round',
  'notification',
  'notice',
  'patrol',
  'scheme',
  'run',
  'objection',
  'rewardEntry',
  'rewardRule',
  'exposure',
  'exposurePhoto',
  'questionnaire',
  'wave',
  'surveyResponse',
  'plan',
  'task',
  'progress',
  'progressFile',
  'taskEvidence',
  'project',
  'milestone',
  'projectPhoto',
  'honourSelection',
  'honourNomination',
  'volunteerActivity',
  'volunteerAttendance',
  'projectFile',
  'volunteerTeam',
  'volunteerStation',
  'volunteer',
  'charityOrg',
  'charityProject',
  'charityEntry',
  'charityReceipt',
]);

/**
 * Which record a path parameter names: `<path up to the parameter>{param}` first, then `{param}` alone.
 * `severity` is not an id (the four severities are the same everywhere).
 */
const PARAM_KINDS: Record<string, string> = {
  '/api/auth/tokens/{id}': 'token',
  '/api/regions/{id}': 'region',
  '/api/units/{id}': 'unit',
  '/api/campaigns/{id}': 'campaign',
  '{memberId}': 'member',
  '/api/users/{id}': 'user',
  '/api/files/{id}': 'file',
  '/api/problems/{id}': 'problem',
  '/api/problem-categories/{code}': 'category',
  '{regionId}': 'region',
  '{severity}': 'severity',
  '/api/problem-settings/dispatch-rules/{id}': 'rule',
  '/api/supervision-notices/{id}': 'notice',
  '/api/notifications/{id}': 'notification',
  '/api/sites/{id}': 'site',
  '/api/standards/versions/{id}': 'version',
  '{other}': 'version',
  '/api/standards/by-unit/{id}': 'unit',
  '/api/standards/{id}': 'standard',
  '/api/inspection-rounds/{id}': 'round',
  '/api/materials/{id}': 'material',
  '{fileId}': 'materialFile',
  '/api/indicators/{code}': 'indicator',
  '/api/patrols/{id}': 'patrol',
  '/api/evaluation/schemes/{id}': 'scheme',
  '/api/evaluation/runs/{id}': 'run',
  '/api/evaluation/runs/{id}/subjects/{subjectId}': 'unit',
  '/api/evaluation/objections/{id}': 'objection',
  '/api/evaluation/subjects/{id}': 'unit',
  '/api/evaluation/annual-items/{id}': 'annualItem',
  '/api/rewards/entries/{id}': 'rewardEntry',
  '/api/rewards/rules/{id}': 'rewardRule',
  '/api/integrations/keys/{id}': 'integrationKey',
  '/api/exposures/{id}': 'exposure',
  '/api/exposures/{id}/photos/{photoId}': 'exposurePhoto',
  '/api/exposures/eligibility/{problemId}': 'problem',
  '/api/citizen-reports/triage/{id}': 'citizenProblem',
  '/api/citizen-reports/followups/{id}': 'followup',
  '/api/surveys/questionnaires/{id}': 'questionnaire',
  '/api/surveys/waves/{id}': 'wave',
  '/api/surveys/responses/{id}': 'surveyResponse',
  '/api/plans/{id}': 'plan',
  '/api/tasks/{id}': 'task',
  '/api/tasks/{id}/evidence/{fileId}': 'taskEvidence',
  '/api/task-progress/{id}': 'progress',
  '/api/projects/{id}': 'project',
  '/api/projects/{id}/milestones/{milestoneId}': 'milestone',
  '/api/projects/{id}/photos/{photoId}': 'projectPhoto',
  '/api/honours/selections/{id}': 'honourSelection',
  '/api/honours/nominations/{id}': 'honourNomination',
  '/api/volunteers/activities/{id}': 'volunteerActivity',
  '{attendanceId}': 'volunteerAttendance',
  '/api/volunteers/teams/{id}': 'volunteerTeam',
  '/api/volunteers/stations/{id}': 'volunteerStation',
  '/api/volunteers/{id}': 'volunteer',
  '/api/charity/organisations/{id}': 'charityOrg',
  '/api/charity/projects/{id}': 'charityProject',
  '{entryId}': 'charityEntry',
  '{receiptId}': 'charityReceipt',
};

/** Routes that are the same for every county, with the reason; the sweep skips them. */
const GLOBAL_ROUTES: Record<string, string> = {
  'GET /api/health': 'liveness, no data',
  'GET /api/site-types/': 'site types are national reference data (data/site-types.json)',
  'GET /api/auth/session': "the caller's own session",
  'GET /api/auth/tokens': "the caller's own tokens",
  'GET /api/regions/import-template': 'an empty workbook',
  'GET /api/units/import-template': 'an empty workbook',
  'GET /api/users/import-template': 'an empty workbook',
  'GET /api/sites/import-template': 'an empty workbook',
  'GET /api/standards/import-template': 'an empty workbook',
  'GET /api/audit-events/verify': 'checks the whole chain; answers counts and hashes only',
  'PATCH /api/problem-settings/deadlines/{severity}':
    'the global default 整改时限 (no id; only a global grant edits it, tested in problem-settings)',
  'GET /api/users/privileged-changes/{id}':
    '三员 cross-approvals: between global 三员 accounts only, no county owns them (tested in the accounts tests)',
  'POST /api/users/privileged-changes/{id}/approve': '三员 cross-approvals: between global 三员 accounts only, no county owns them',
  'POST /api/users/privileged-changes/{id}/reject': '三员 cross-approvals: between global 三员 accounts only, no county owns them',
  'GET /api/map-settings/tiles/{z}/{x}/{y}':
    'a base-map tile by its position (no id): the tile server applying to the caller, tested in map-settings',
  'GET /api/hotline/import-template': 'an empty workbook',
  'GET /api/plans/import-template.xlsx': "an empty workbook (the task table's columns and notes)",
  'GET /api/public/volunteer-certificates/{code}':
    '志愿服务证明查验: anyone holding an unguessable code, no county id; the name masked (volunteers.test and public-sweep)',
  'POST /api/hotline/orders': 'the 12345 intake: its integrator key says the county (tested in hotline)',
  'GET /api/public/charity/projects/{id}':
    "慈善之家 public ledger: every county's projects for anyone, contact data never in it (charity.test and public-sweep)",
  'GET /api/public/charity/receipts/{id}':
    '慈善之家 public ledger: a receipt an entry names, for anyone (charity.test and public-sweep; unattached ones 404)',
  ...Object.fromEntries(
    [
      'discovery',
      'services',
      'services/{service_code}',
      'requests',
      'requests/{service_request_id}',
      'tokens/{token}',
      'servicerequestupdates',
    ]
      .flatMap((p) => [`${p}.json`, `${p}.xml`])
      .flatMap((p) => (p.startsWith('requests.') ? [`GET /open311/v2/${p}`, `POST /open311/v2/${p}`] : [`GET /open311/v2/${p}`]))
      .concat(['GET /open311/v2/media/{fileId}.jpg'])
      .map((r) => [
        r,
        'Open311: the public requests of every county for anyone, posting by integrator key (open311.test and public-sweep)',
      ]),
  ),
  ...Object.fromEntries(
    [
      'GET /api/public/exposures',
      'GET /api/public/exposures/filters',
      'GET /api/public/exposures/{id}',
      'GET /api/public/exposures/{id}/photos/{photoId}',
      'GET /api/public/units',
      'GET /api/public/units/{id}/record',
      'GET /api/public/rankings',
    ].map((r) => [r, 'the public 曝光台/红黑榜: published items of every county for anyone (public-sweep walks it anonymously)']),
  ),
  ...Object.fromEntries(
    [
      'GET /api/public/challenge',
      'GET /api/public/categories',
      'GET /api/public/reports/{trackingCode}',
      'GET /api/public/reports/{trackingCode}/photos/{fileId}',
      'POST /api/public/reports/{trackingCode}/rating',
    ].map((r) => [r, "随手拍: the citizens' door, by tracking code, no county id (public-reports.test and public-sweep walk it)"]),
  ),
  ...Object.fromEntries(
    [
      'GET /api/public/honours/selections',
      'GET /api/public/honours/roll',
      'GET /api/public/honours/{selectionId}',
      'GET /api/public/honours/candidates/{id}',
      'GET /api/public/honours/candidates/{id}/photos/{fileId}',
      'POST /api/public/honours/{selectionId}/nominations',
      'POST /api/public/honours/{selectionId}/votes',
    ].map((r) => [
      r,
      '好人之城 public door: selections on display of every county for anyone, no contact in it (honours.test and public-sweep)',
    ]),
  ),
  ...Object.fromEntries(
    ['GET /api/public/surveys/{waveToken}', 'POST /api/public/surveys/{waveToken}/responses'].map((r) => [
      r,
      "问卷调查's public link: anyone with the wave's token, no account and no county id (survey-public.test and public-sweep walk it)",
    ]),
  ),
};

/**
 * Lists a 三员 account reads across every county by duty, business subjects included: the auditor reads the whole
 * audit trail (actions and subject ids of every county's records; that is what auditing is).
 */
const DUTY_LISTS: Partial<Record<RoleKey, string[]>> = {
  auditor: ['/api/audit-events/', '/api/audit-events/export'],
};

/** Query parameters that carry an id, and the kind they name. */
const QUERY_KINDS: Record<string, string> = {
  regionId: 'region',
  unitId: 'unit',
  campaignId: 'campaign',
  siteId: 'site',
  roundId: 'round',
  schemeId: 'scheme',
  versionId: 'version',
  standardId: 'standard',
  problemId: 'problem',
  userId: 'user',
  actorId: 'user',
  subjectId: 'problem',
  inspectorId: 'user',
  assigneeId: 'user',
  reporterId: 'user',
  leadUserId: 'user',
  planId: 'plan',
  taskId: 'task',
};

type Ids = Record<string, string>;
interface World {
  t: Tenant;
  ids: Ids;
}

/** A base map's stored values (底图设置), 无底图, created with `version: null`. */
const MAP_SETTINGS = {
  kind: 'none',
  tiandituLayer: 'vec',
  tiandituKey: null,
  tileUrl: null,
  tileMaxZoom: 18,
  attribution: '',
  version: null,
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const must = (res: Res, status: number, what: string) => {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(status);
  return res.body;
};

/** A tenant with one record of every kind, made through the API as its own people would. */
async function build(): Promise<World> {
  const t = await createTenant();
  const { app, database } = await getHarness();
  const db = database.db;
  const office = await t.as('office');
  const unit = await t.as('unit');
  // An indicator code is not an id (the same everywhere, like a severity): its route is swept through its regionId.
  const ids: Ids = {
    region: t.townAId,
    unit: t.unitAId,
    campaign: t.campaignId,
    user: t.users.unit.id,
    severity: 'normal',
    indicator: 'problems.close_rate',
  };

  ids.token = must(await unit.post('/api/auth/tokens', { name: '巡查脚本' }), 201, 'token').id;
  ids.member = must(
    await office.post(`/api/campaigns/${t.campaignId}/leading-group`, {
      name: '周国栋',
      post: '副县长',
      groupRole: 'deputy_leader',
      unitIds: [t.unitAId],
    }),
    201,
    'member',
  ).id;

  const sheet = await workbook(
    [...STANDARD_HEADERS],
    [
      [
        '和谐宜居的生活环境',
        '背街小巷',
        `背街-${t.tag}-01`,
        '路面平整，无坑洼积水',
        '实地考察',
        1,
        '背街小巷',
        `城管局${t.tag}`,
        `市场监管局${t.tag}`,
        '否',
      ],
      [
        '社会主义精神文明',
        '志愿服务',
        `志愿-${t.tag}-01`,
        '志愿服务记录完整，按月报送',
        '网上申报',
        2,
        '',
        `城管局${t.tag}`,
        `市场监管局${t.tag}`,
        '否',
      ],
    ],
  );
  const form = multipartForm({ campaignId: t.campaignId, versionName: `测评体系${t.tag}` }, [['s.xlsx', sheet]]);
  ids.version = must(
    await office.request('POST', '/api/standards/import', form.body, { headers: form.headers }),
    201,
    'standards import',
  ).versionId;
  const tree = must(await office.get(`/api/standards/versions/${ids.version}/tree`), 200, 'tree');
  const standards = tree.items.flatMap((i: { children: Array<{ standards: Array<{ id: string; code: string }> }> }) =>
    i.children.flatMap((c) => c.standards),
  );
  ids.standard = standards.find((x: { code: string }) => x.code.startsWith('背街')).id;
  const paperwork = standards.find((x: { code: string }) => x.code.startsWith('志愿')).id as string;

  ids.site = must(
    await office.post('/api/sites', {
      name: `幸福里背街${t.tag}`,
      siteTypeCode: 'back_street',
      regionId: t.townAId,
      unitId: t.unitAId,
      address: `幸福里${t.tag}`,
      location: { lat: 39.2, lng: 116.3 },
      leadName: '陈晓东',
      leadPhone: '13903190058',
    }),
    201,
    'site',
  ).id;
  await db.updateTable('sites').set({ lead_user_id: t.users.sitelead.id }).where('id', '=', ids.site).execute();
  // The 点长's check-in at the site (点长巡查打卡), with a photo of his own.
  const lead = await t.as('sitelead');
  ids.patrol = must(
    await lead.post('/api/patrols', {
      clientId: crypto.randomUUID(),
      siteId: ids.site,
      photoIds: [await uploadPhoto(lead)],
      result: 'ok',
      location: { lat: 39.2001, lng: 116.3001 },
    }),
    201,
    'patrol',
  ).id;
  ids.round = must(
    await office.post('/api/inspection-rounds', {
      name: `日常督查${t.tag}`,
      kind: 'routine',
      campaignId: t.campaignId,
      standardVersionId: ids.version,
      startDate: '2026-11-01',
      endDate: '2026-11-30',
      siteIds: [ids.site],
      inspectorIds: [t.users.inspector.id],
    }),
    201,
    'round',
  ).id;

  ids.file = await uploadPhoto(office);
  const problem = must(
    await office.post('/api/problems', {
      clientId: crypto.randomUUID(),
      description: `幸福里路面破损${t.tag}`,
      categoryCode: 'E0102',
      severity: 'normal',
      regionId: t.townAId,
      siteId: ids.site,
      location: { lat: 39.2, lng: 116.3 },
      address: `幸福里${t.tag}`,
      photoIds: [ids.file],
    }),
    201,
    'problem',
  );
  ids.problem = problem.id;
  await act(office, ids.problem, 'accept');
  await act(office, ids.problem, 'dispatch', { unitId: t.unitAId });
  // The notice is a job after commit: this node's drain loop (woken by the request) or another file's drain on a shared
  // database delivers it; wait for it rather than read the inbox at once.
  ids.notification = await vi.waitFor(
    async () => {
      await afterCommitSettled(app);
      await drainJobs(db);
      const notes = must(await unit.get('/api/notifications?pageSize=100'), 200, 'notifications');
      const note = notes.items.find((n: { problemId: string }) => n.problemId === ids.problem);
      if (!note) throw new Error('the 派遣 notice has not reached the unit yet');
      return note.id as string;
    },
    { timeout: 20_000, interval: 200 },
  );
  // A 督办单 as the deadline sweep writes it (the sweep itself is tested in problem-deadlines).
  const notice = await db
    .insertInto('supervision_notices')
    .values({
      code: `DB${t.tag}`,
      problem_id: ids.problem,
      unit_id: t.unitAId,
      issued_at: new Date(),
      deadline: new Date(Date.now() + 3 * 86400_000),
      escalated_at: null,
      escalated_to: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.notice = notice.id;

  const material = multipartForm({ standardId: paperwork, period: '2026-11', note: `台账${t.tag}` }, [['台账.pdf', PDF]]);
  ids.material = must(await unit.request('POST', '/api/materials', material.body, { headers: material.headers }), 201, 'material').id;
  ids.materialFile = (
    await db.selectFrom('material_files').select('id').where('submission_id', '=', ids.material).executeTakeFirstOrThrow()
  ).id;

  for (;;) {
    const code = `Y${String(crypto.randomInt(0, 10_000)).padStart(4, '0')}`;
    const res = await office.post('/api/problem-categories', { code, name: `本地类别${t.tag}`, kind: 'event' });
    if (res.status === 409) continue;
    ids.category = must(res, 201, 'category').code;
    break;
  }
  ids.rule = must(
    await office.post('/api/problem-settings/dispatch-rules', { categoryCode: 'E0102', regionId: t.townAId, unitId: t.unitAId }),
    201,
    'rule',
  ).id;
  // The town's own base map (底图), set by the system administrator: a tile server named after the tenant.
  must(
    await (
      await t.as('admin')
    ).request('PUT', `/api/map-settings/regions/${t.townAId}`, {
      ...MAP_SETTINGS,
      kind: 'tiles',
      tileUrl: `https://tiles-${t.tag}.example.gov.cn/{z}/{x}/{y}.png`,
      attribution: `底图${t.tag}`,
    }),
    200,
    'map settings',
  );
  // The town's own 任务进度设置 (due day 18), set by the office: a DELETE or PUT from elsewhere must not touch it.
  must(
    await office.request('PUT', `/api/task-settings/regions/${t.townAId}`, {
      progressDueDay: 18,
      remindDaysBefore: 2,
      escalateAfterDays: 1,
      leaderAfterDays: 5,
      milestoneRemindDays: 3,
      version: null,
    }),
    200,
    'task settings',
  );
  // 月评排名: a scheme over units A and B with this month's run published (its bulletin and workbook), and a second
  // scheme's run in 公示 with unit A's objection to its own row.
  ids.scheme = must(await office.post('/api/evaluation/schemes', evaluationScheme(t)), 201, 'scheme').id;
  ids.rewardRule = must(
    await office.post('/api/rewards/rules', {
      campaignId: t.campaignId,
      name: `前五名以奖代补${t.tag}`,
      match: 'rank',
      rank: 5,
      kind: 'subsidy',
      amount: 1000,
    }),
    201,
    'reward rule',
  ).id;
  const month = formatPeriod(periodOf('month', (await getHarness()).clock.now()));
  ids.run = must(await office.post('/api/evaluation/runs', { schemeId: ids.scheme, period: month }), 201, 'run').id;
  const leader = await t.as('leader');
  for (const [c, action] of [
    [office, 'publicize'],
    [leader, 'sign_off'],
    [office, 'publish'],
  ] as const)
    must(await c.post(`/api/evaluation/runs/${ids.run}/transitions`, { action }), 200, action);
  const second = must(
    await office.post('/api/evaluation/schemes', { ...evaluationScheme(t), name: `季度考核${t.tag}` }),
    201,
    'scheme 2',
  ).id;
  const open = must(await office.post('/api/evaluation/runs', { schemeId: second, period: month }), 201, 'run 2').id;
  must(await office.post(`/api/evaluation/runs/${open}/transitions`, { action: 'publicize' }), 200, 'publicize 2');
  ids.objection = must(
    await unit.post(`/api/evaluation/runs/${open}/objections`, { subjectId: t.unitAId, reason: `本月结案率统计有误${t.tag}` }),
    201,
    'objection',
  ).id;
  must(
    await office.post('/api/evaluation/manual-scores', {
      code: 'manual.score',
      subjectType: 'unit',
      subjectId: t.unitAId,
      period: month,
      value: 90,
      reason: `领导小组评议${t.tag}`,
    }),
    204,
    'manual score',
  );
  ids.annualItem = must(
    await office.post('/api/evaluation/annual-items', {
      schemeId: ids.scheme,
      year: Number(month.slice(0, 4)),
      subjectType: 'unit',
      subjectId: t.unitAId,
      points: 2,
      reason: `获省级表彰${t.tag}`,
    }),
    201,
    'annual item',
  ).id;
  // 奖惩兑现: publishing the run proposed an entry per unit (the campaign's rule above: 前 5 名 → 以奖代补).
  ids.rewardEntry = must(await office.get(`/api/rewards/entries?runId=${ids.run}&unitId=${t.unitAId}`), 200, 'reward entries').items[0]?.id;
  // 对接密钥 (the 安全管理员's) and a 12345 work order filed with it (its text carries the tag, so a leak is seen).
  const issued = must(
    await (await t.as('security')).post('/api/integrations/keys', { integrator: `12345-${t.tag}`, regionId: t.countyId }),
    201,
    'key',
  );
  ids.integrationKey = issued.item.id;
  const intake = await (
    await getHarness()
  ).app.inject({
    method: 'POST',
    url: '/api/hotline/orders',
    headers: { 'x-api-key': issued.key },
    payload: {
      orderNo: `GD-${t.tag}`,
      content: `幸福路垃圾满溢${t.tag}`,
      calledAt: '2026-12-01T09:00:00+08:00',
      caller: '周女士 13903190058',
    },
  });
  expect(intake.statusCode, intake.body).toBe(201);
  // 曝光台: the problem proposed for exposure (a draft with its photo).
  const exposure = must(await office.post('/api/exposures', { problemId: ids.problem }), 201, 'exposure');
  ids.exposure = exposure.id;
  ids.exposurePhoto = exposure.photos[0].id;
  // 随手拍: a citizen's report waiting in 待受理, and another one rated 不满意 in the 回访 list (rated by SQL: the loop to
  // 已办结 is walked in public-reports.test).
  ids.citizenProblem = (await fileCitizenReport(t, { name: `市民${t.tag}` })).problemId;
  ids.followup = (await fileCitizenReport(t)).citizenReportId;
  await sql`update citizen_reports set rating = 'dissatisfied', rated_at = now(), followup_state = 'open' where id = ${ids.followup}`.execute(
    (await getHarness()).database.db,
  );
  // 问卷调查: a questionnaire (its name carries the tag), an open wave with the volunteer assigned, one interview.
  ids.questionnaire = must(
    await office.post('/api/surveys/questionnaires/from-template', { regionId: t.countyId, template: 'weisheng-manyilv' }),
    201,
    'questionnaire',
  ).id;
  const surveyWave = must(
    await office.post('/api/surveys/waves', {
      questionnaireId: ids.questionnaire,
      regionId: t.countyId,
      name: `卫生城市满意率调查${t.tag}`,
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
      targetSize: 10,
      population: [{ townId: t.townAId, groupCode: 'citizen', population: 1000 }],
      interviewers: [{ userId: t.users.volunteer.id, townIds: [t.townAId] }],
    }),
    201,
    'survey wave',
  );
  ids.wave = surveyWave.id;
  must(await office.post(`/api/surveys/waves/${ids.wave}/transitions`, { action: 'open', version: surveyWave.version }), 200, 'open wave');
  ids.surveyResponse = must(
    await (await t.as('volunteer')).post(`/api/surveys/waves/${ids.wave}/responses`, surveyInterview(t)),
    201,
    'interview',
  ).id;
  // 实施方案 → 任务 (unit A leads, unit B cooperates; linked to the site and its standard) → unit A's monthly report with a
  // photo as evidence (待审核), and a 项目 of unit A linked to the task with its six milestones and a photo (names carry the tag).
  ids.plan = must(
    await office.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: `创建全国文明城市实施方案${t.tag}` }),
    201,
    'plan',
  ).id;
  ids.task = must(
    await office.post(`/api/plans/${ids.plan}/tasks`, {
      code: '1',
      title: `幸福里背街改造提升${t.tag}`,
      measures: `路面硬化、雨污分流、线缆入地${t.tag}`,
      leadUnitId: t.unitAId,
      coopUnitIds: [t.unitBId],
      leaderMemberId: ids.member,
      startDate: '2026-09-01',
      dueDate: '2026-12-31',
      standardIds: [ids.standard],
      siteIds: [ids.site],
    }),
    201,
    'task',
  ).id;
  ids.progressFile = await uploadPhoto(unit);
  // A document of the month (工作台账 PDF) uploaded for the task and named in the report next to the photo.
  const ledger = multipartForm({}, [[`幸福里背街整治台账${t.tag}.pdf`, PDF]]);
  ids.taskEvidence = must(
    await unit.request('POST', `/api/tasks/${ids.task}/evidence`, ledger.body, { headers: ledger.headers }),
    201,
    'task evidence',
  ).id;
  ids.progress = must(
    await unit.post(`/api/tasks/${ids.task}/progress`, {
      period: '2026-11',
      percent: 40,
      summary: `完成幸福里背街路面硬化${t.tag}`,
      difficulties: `管线迁改需协调${t.tag}`,
      fileIds: [ids.progressFile, ids.taskEvidence],
    }),
    201,
    'progress',
  ).id;
  const project = must(
    await office.post('/api/projects', {
      campaignId: t.campaignId,
      regionId: t.townAId,
      name: `幸福里游园改造${t.tag}`,
      type: 'park',
      address: `幸福里${t.tag}`,
      lat: 39.2,
      lng: 116.3,
      ownerUnitId: t.unitAId,
      investmentPlanned: 1_200_000,
      investmentSpent: 300_000,
      handoverDate: '2027-03-31',
      description: `游园提质改造${t.tag}`,
      taskId: ids.task,
    }),
    201,
    'project',
  );
  ids.project = project.id;
  ids.milestone = project.milestones[0].id;
  ids.projectFile = await uploadPhoto(unit);
  ids.projectPhoto = must(
    await unit.post(`/api/projects/${ids.project}/photos`, {
      fileId: ids.projectFile,
      milestoneId: ids.milestone,
      stage: 'before',
      caption: `改造前${t.tag}`,
    }),
    201,
    'project photo',
  ).id;
  // 志愿之城: a 支队 in 城关镇 with unit A's liaison as its admin, a 实践所 on the map, the towns' population, and the
  // 网格员 joined as a volunteer and approved by the office (names carry the tag).
  ids.volunteerTeam = must(
    await office.post('/api/volunteers/teams', { regionId: t.townAId, kind: 'detachment', name: `城关镇志愿服务支队${t.tag}` }),
    201,
    'volunteer team',
  ).id;
  must(
    await office.request('PUT', `/api/volunteers/teams/${ids.volunteerTeam}/admins`, { userIds: [t.users.unit.id] }),
    200,
    'team admins',
  );
  ids.volunteerStation = must(
    await office.post('/api/volunteers/stations', {
      regionId: t.townAId,
      level: 'institute',
      name: `城关镇新时代文明实践所${t.tag}`,
      location: { lat: 39.2, lng: 116.3 },
    }),
    201,
    'volunteer station',
  ).id;
  must(
    await office.request('PUT', '/api/volunteers/population', { year: 2026, items: [{ regionId: t.townAId, population: 23_456 }] }),
    204,
    'population',
  );
  // 好人之城: a published county 好人榜 with unit A's winner (photo, contact) and a rejected nomination.
  const honours = await makeHonourWorld(t, office, unit, 'published');
  ids.honourSelection = honours.selectionId;
  ids.honourNomination = honours.nominationId;
  const sweepId = (() => {
    const body = `3201${String(crypto.randomInt(0, 1e13)).padStart(13, '0')}`;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    return body + '10X98765432'[w.reduce((s, x, i) => s + x * Number(body[i]), 0) % 11];
  })();
  ids.volunteer = must(
    await (
      await t.as('grid')
    ).post('/api/volunteers/join', {
      name: `网格志愿者${t.tag}`,
      idNumber: sweepId,
      teamId: ids.volunteerTeam,
      phone: '13700001234',
      skills: ['文明劝导'],
    }),
    201,
    'volunteer',
  ).id;
  must(await office.post(`/api/volunteers/${ids.volunteer}/review`, { decision: 'approve', version: 1 }), 200, 'approve volunteer');
  // 志愿活动: the team's admin (unit A's liaison) publishes an activity starting within the hour; the volunteer signs up
  // and checks in by the organiser's code inside the geofence (an attendance to act on).
  const now = (await getHarness()).clock.now();
  ids.volunteerActivity = must(
    await unit.post('/api/volunteers/activities', {
      teamId: ids.volunteerTeam,
      title: `文明交通劝导志愿服务${t.tag}`,
      startsAt: new Date(now.getTime() + 30 * 60_000).toISOString(),
      endsAt: new Date(now.getTime() + 3 * 3600_000).toISOString(),
      place: `人民路与中山路交叉口${t.tag}`,
      location: { lat: 39.2, lng: 116.3 },
      capacity: 10,
    }),
    201,
    'volunteer activity',
  ).id;
  const gridVolunteer = await t.as('grid');
  must(await gridVolunteer.post(`/api/volunteers/activities/${ids.volunteerActivity}/signups`, {}), 201, 'activity sign-up');
  const checkinCode = must(await unit.get(`/api/volunteers/activities/${ids.volunteerActivity}/checkin-code`), 200, 'check-in code').code;
  ids.volunteerAttendance = must(
    await gridVolunteer.post('/api/volunteers/checkins', { code: checkinCode, location: { lat: 39.2002, lng: 116.3001 } }),
    201,
    'check-in',
  ).attendanceId;
  // 慈善之家: the office registers a 慈善总会 (unit A's liaison records for it); a project with a receipt and a spending.
  ids.charityOrg = must(
    await office.post('/api/charity/organisations', {
      regionId: t.countyId,
      name: `县慈善总会${t.tag}`,
      creditCode: makeUscc('51'),
      kind: 'association',
      contactName: `刘建华${t.tag}`,
    }),
    201,
    'charity organisation',
  ).id;
  must(
    await office.request('PUT', `/api/charity/organisations/${ids.charityOrg}/admins`, { userIds: [t.users.unit.id] }),
    200,
    'charity admins',
  );
  ids.charityProject = must(
    await unit.post('/api/charity/projects', {
      orgId: ids.charityOrg,
      regionId: t.townAId,
      name: `春蕾助学${t.tag}`,
      category: 'education',
      goalFen: 10_000_000,
      beneficiaries: `困难学生${t.tag}`,
      startsOn: '2026-09-01',
    }),
    201,
    'charity project',
  ).id;
  const receiptForm = multipartForm({}, [['收据.pdf', PDF]]);
  ids.charityReceipt = must(
    await unit.request('POST', `/api/charity/projects/${ids.charityProject}/receipts`, receiptForm.body, { headers: receiptForm.headers }),
    201,
    'charity receipt',
  ).id;
  ids.charityEntry = must(
    await unit.post(`/api/charity/projects/${ids.charityProject}/entries`, {
      kind: 'spending',
      amountFen: 120_000,
      purpose: `采购文具${t.tag}`,
      occurredOn: '2026-11-20',
      receiptIds: [ids.charityReceipt],
    }),
    201,
    'charity entry',
  ).entries[0].id;
  expect(ids.rewardEntry, 'reward entry').toBeTruthy();
  return { t, ids };
}

/** One interview in the tenant's 城关镇 (国家卫生城市 template: every shown question answered 满意). */
function surveyInterview(t: Tenant) {
  const answers: Record<string, string> = { Q1: 'A', Q2: 'A' };
  for (let i = 3; i <= 13; i++) answers[`Q${i}`] = 'A';
  return {
    clientId: crypto.randomUUID(),
    profile: { townId: t.townAId, group: 'citizen', gender: 'female', age: 40, residence: 'gt3y' },
    answers,
    startedAt: '2026-12-02T09:00:00+08:00',
    finishedAt: '2026-12-02T09:06:00+08:00',
  };
}

/** A 考核方案 over the tenant's two units (its name carries the tag, so a leak is seen). */
const evaluationScheme = (t: Tenant) => ({
  campaignId: t.campaignId,
  name: `月度考核${t.tag}`,
  periodType: 'month',
  groups: [
    {
      name: '县直部门',
      subjectType: 'unit',
      unitIds: [t.unitAId, t.unitBId],
      indicators: [
        { code: 'manual.score', weight: 50, rule: { type: 'linear', floor: 60, ceiling: 100 } },
        { code: 'problem.close_rate', weight: 50, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
      ],
    },
  ],
});

let home: World;
let other: World;
let routes: Array<{ method: string; path: string; query: string[] }> = [];
const clients = {} as Record<RoleKey, Client>;

/** The kind of record each `{param}` of a path names, or null when one has no mapping. */
function kindsOf(path: string): Array<{ param: string; kind: string | null }> {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => {
    const prefix = path.slice(0, m.index! + m[0].length);
    return { param: m[1], kind: PARAM_KINDS[prefix] ?? PARAM_KINDS[`{${m[1]}}`] ?? null };
  });
}

/** A made-up id of the kind (a code for categories). */
const madeUp = (kind: string) =>
  kind === 'category' ? 'Y9999' : kind === 'severity' ? 'normal' : kind === 'indicator' ? 'problems.close_rate' : crypto.randomUUID();

/** The path with its parameters filled, plus the id query parameters it declares (some routes need them). */
function fill(path: string, pick: (kind: string) => string, query: string[] = [], pickQuery = pick): string {
  const url = path.replace(/\{([^}]+)\}/g, (_m, param: string) => {
    const k = kindsOf(path).find((x) => x.param === param)!.kind!;
    return pick(k);
  });
  const qs = query.filter((q) => QUERY_KINDS[q]).map((q) => `${q}=${pickQuery(QUERY_KINDS[q])}`);
  return qs.length ? `${url}?${qs.join('&')}` : url;
}

/** All text of a response, workbooks included, for the leak check. */
async function textOf(res: Res): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as never);
    const out: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text ?? '')))));
    return out.join('\n');
  }
  // A .docx (通报): the text of its document part.
  if (type.includes('wordprocessingml')) return zipEntry(res.raw, 'word/document.xml');
  return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
}

/** One entry of a zip archive as text ('' when absent). */
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

/** Marks of the other tenant: its record ids and its unique tag (in every name it owns). */
const marksOf = (w: World, kinds?: Set<string>) => [
  ...Object.entries(w.ids)
    .filter(([k]) => k !== 'severity' && k !== 'category' && k !== 'indicator' && (!kinds || kinds.has(k)))
    .map(([, id]) => id),
  ...(kinds ? [] : [w.t.tag, w.t.countyId]),
];

/** Fingerprint of the other tenant's rows and trail, to prove a refused mutation changed nothing. */
async function fingerprint(w: World) {
  const db = (await getHarness()).database.db;
  const one = async (table: string, column: string, id: string) =>
    (await db
      .selectFrom(table as never)
      .selectAll()
      .where(column as never, '=', id as never)
      .execute()) as unknown[];
  const ids = w.ids;
  const regionIds = [w.t.countyId, w.t.townAId, w.t.townBId];
  return {
    rows: {
      regions: await db.selectFrom('regions').selectAll().where('id', 'in', regionIds).orderBy('id').execute(),
      units: await db.selectFrom('units').selectAll().where('id', 'in', [w.t.unitAId, w.t.unitBId]).orderBy('id').execute(),
      campaign: await one('campaigns', 'id', ids.campaign),
      member: await one('leading_group_members', 'id', ids.member),
      users: await db
        .selectFrom('users')
        .selectAll()
        .where(
          'id',
          'in',
          Object.values(w.t.users).map((u) => u.id),
        )
        .orderBy('id')
        .execute(),
      roles: await db
        .selectFrom('user_roles')
        .selectAll()
        .where(
          'user_id',
          'in',
          Object.values(w.t.users).map((u) => u.id),
        )
        .orderBy('user_id')
        .execute(),
      token: await one('api_tokens', 'id', ids.token),
      site: await one('sites', 'id', ids.site),
      patrol: await one('site_patrols', 'id', ids.patrol),
      version: await one('standard_versions', 'id', ids.version),
      versionsOfCampaign: await db
        .selectFrom('standard_versions')
        .select('id')
        .where('campaign_id', '=', ids.campaign)
        .orderBy('id')
        .execute(),
      standard: await one('standards', 'id', ids.standard),
      round: await one('inspection_rounds', 'id', ids.round),
      visits: await db
        .selectFrom('inspection_visits' as never)
        .selectAll()
        .where('round_id' as never, '=', ids.round as never)
        .execute(),
      problem: await one('problems', 'id', ids.problem),
      problemEvents: await db.selectFrom('problem_events').select('id').where('problem_id', '=', ids.problem).orderBy('id').execute(),
      notice: await one('supervision_notices', 'id', ids.notice),
      notification: await one('notifications', 'id', ids.notification),
      material: await one('material_submissions', 'id', ids.material),
      category: await one('problem_categories', 'code', ids.category),
      categorySettings: await db.selectFrom('region_category_settings').selectAll().where('region_id', 'in', regionIds).execute(),
      deadlines: await db.selectFrom('region_deadline_policies').selectAll().where('region_id', 'in', regionIds).execute(),
      rules: await db.selectFrom('dispatch_rules').selectAll().where('region_id', 'in', regionIds).orderBy('id').execute(),
      mapSettings: await db.selectFrom('map_settings').selectAll().where('region_id', 'in', regionIds).orderBy('id').execute(),
      taskSettings: await db.selectFrom('region_task_settings').selectAll().where('region_id', 'in', regionIds).orderBy('id').execute(),
      schemes: await db.selectFrom('evaluation_schemes').selectAll().where('campaign_id', '=', ids.campaign).orderBy('id').execute(),
      runs: await db.selectFrom('evaluation_runs').selectAll().where('campaign_id', '=', ids.campaign).orderBy('id').execute(),
      results: await db
        .selectFrom('evaluation_results as er')
        .innerJoin('evaluation_runs as e', 'e.id', 'er.run_id')
        .selectAll('er')
        .where('e.campaign_id', '=', ids.campaign)
        .orderBy('er.run_id')
        .orderBy('er.subject_id')
        .execute(),
      objection: await one('evaluation_objections', 'id', ids.objection),
      annualItem: await one('evaluation_annual_items', 'id', ids.annualItem),
      rewardEntries: await db.selectFrom('reward_entries').selectAll().where('campaign_id', '=', ids.campaign).orderBy('id').execute(),
      rewardRules: await db.selectFrom('reward_rules').selectAll().where('campaign_id', '=', ids.campaign).orderBy('id').execute(),
      exposure: await one('exposures', 'id', ids.exposure),
      exposurePhotos: await db.selectFrom('exposure_photos').selectAll().where('exposure_id', '=', ids.exposure).orderBy('id').execute(),
      questionnaires: await db
        .selectFrom('survey_questionnaires')
        .selectAll()
        .where('region_id', '=', w.t.countyId)
        .orderBy('id')
        .execute(),
      wave: await one('survey_waves', 'id', ids.wave),
      honourSelection: await one('honour_selections', 'id', ids.honourSelection),
      honourNominations: await db
        .selectFrom('honour_nominations')
        .selectAll()
        .where('selection_id', '=', ids.honourSelection)
        .orderBy('id')
        .execute(),
      volunteerActivity: await one('volunteer_activities', 'id', ids.volunteerActivity),
      volunteerSignups: await db
        .selectFrom('volunteer_signups')
        .selectAll()
        .where('activity_id', '=', ids.volunteerActivity)
        .orderBy('id')
        .execute(),
      volunteerAttendance: await one('volunteer_attendance', 'id', ids.volunteerAttendance),
      quotas: await db.selectFrom('survey_quotas').selectAll().where('wave_id', '=', ids.wave).orderBy('group_code').execute(),
      surveyResponses: await db.selectFrom('survey_responses').selectAll().where('wave_id', '=', ids.wave).orderBy('id').execute(),
      plans: await db.selectFrom('plans').selectAll().where('campaign_id', '=', ids.campaign).orderBy('id').execute(),
      tasks: await db
        .selectFrom('tasks as t')
        .innerJoin('plans as p', 'p.id', 't.plan_id')
        .selectAll('t')
        .where('p.campaign_id', '=', ids.campaign)
        .orderBy('t.id')
        .execute(),
      progress: await db.selectFrom('task_progress').selectAll().where('task_id', '=', ids.task).orderBy('id').execute(),
      taskEvents: await db.selectFrom('task_events').select('id').where('task_id', '=', ids.task).orderBy('id').execute(),
      taskEvidence: await db.selectFrom('task_evidence_files').selectAll().where('task_id', '=', ids.task).orderBy('id').execute(),
      projects: await db.selectFrom('projects').selectAll().where('region_id', 'in', regionIds).orderBy('id').execute(),
      milestones: await db.selectFrom('project_milestones').selectAll().where('project_id', '=', ids.project).orderBy('id').execute(),
      projectPhotos: await db.selectFrom('project_photos').selectAll().where('project_id', '=', ids.project).orderBy('id').execute(),
      volunteerTeams: await db.selectFrom('volunteer_teams').selectAll().where('region_id', 'in', regionIds).orderBy('id').execute(),
      teamAdmins: await db
        .selectFrom('volunteer_team_admins')
        .selectAll()
        .where('team_id', '=', ids.volunteerTeam)
        .orderBy('user_id')
        .execute(),
      volunteerStations: await db.selectFrom('volunteer_stations').selectAll().where('region_id', 'in', regionIds).orderBy('id').execute(),
      volunteers: await db.selectFrom('volunteers').selectAll().where('region_id', 'in', regionIds).orderBy('id').execute(),
      population: await db.selectFrom('region_population').selectAll().where('region_id', 'in', regionIds).orderBy('region_id').execute(),
      charityOrg: await one('charity_organisations', 'id', ids.charityOrg),
      charityAdmins: await db
        .selectFrom('charity_org_admins')
        .selectAll()
        .where('org_id', '=', ids.charityOrg)
        .orderBy('user_id')
        .execute(),
      charityProject: await one('charity_projects', 'id', ids.charityProject),
      charityLinks: await db.selectFrom('charity_project_activities').selectAll().where('project_id', '=', ids.charityProject).execute(),
      charityEntries: await db
        .selectFrom('charity_ledger_entries')
        .selectAll()
        .where('project_id', '=', ids.charityProject)
        .orderBy('entry_no')
        .execute(),
      charityReceipts: await db
        .selectFrom('charity_receipts')
        .selectAll()
        .where('project_id', '=', ids.charityProject)
        .orderBy('id')
        .execute(),
    },
    audit: Number(
      (
        await db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('subject_id', 'in', [...Object.values(ids), ...regionIds, w.t.unitBId, ...Object.values(w.t.users).map((u) => u.id)])
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

beforeAll(async () => {
  home = await build();
  other = await build();
  const { app } = await getHarness();
  const spec = app.swagger() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> };
  routes = Object.entries(spec.paths)
    .filter(([p]) => !p.startsWith('/api/docs'))
    .flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([m, op]) => ({
          method: m.toUpperCase(),
          path,
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        })),
    );
  for (const key of ROLES) clients[key] = await home.t.as(key);
}, 180_000);

/** A multipart body (an .xlsx upload) for a mutation route. */
class Multipart {
  constructor(readonly form: ReturnType<typeof multipartForm>) {}
}

/** Valid bodies for the mutation routes, so a refusal comes from the scope check, not from validation. */
async function bodyFor(method: string, path: string, w: World): Promise<unknown> {
  const db = (await getHarness()).database.db;
  const version = async (table: string, column: string, id: string) =>
    Number(
      (
        (await db
          .selectFrom(table as never)
          .select('version' as never)
          .where(column as never, '=', id as never)
          .executeTakeFirst()) as { version?: number } | undefined
      )?.version ?? 1,
    );
  const ids = w.ids;
  switch (`${method} ${path}`) {
    case 'PATCH /api/regions/{id}':
      return { name: '被改的镇', version: await version('regions', 'id', ids.region) };
    case 'PATCH /api/units/{id}':
      return { liaisonPhone: '13900009999', version: await version('units', 'id', ids.unit) };
    case 'PATCH /api/campaigns/{id}':
      return { name: '被改的创建', version: await version('campaigns', 'id', ids.campaign) };
    case 'POST /api/campaigns/{id}/leading-group':
      return { name: '冒名成员', post: '副县长', groupRole: 'deputy_leader', unitIds: [] };
    case 'PATCH /api/campaigns/{id}/leading-group/{memberId}':
      return { name: '被改的成员', version: await version('leading_group_members', 'id', ids.member) };
    case 'PATCH /api/users/{id}':
      return { name: '被改的用户', version: await version('users', 'id', ids.user) };
    case 'POST /api/problems/{id}/transitions':
      return { action: 'acknowledge', version: await version('problems', 'id', ids.problem) };
    case 'PATCH /api/problem-categories/{code}':
      return { name: '被改的类别', version: await version('problem_categories', 'code', ids.category) };
    case 'PUT /api/problem-categories/{code}/questions':
      return { questions: [], version: null };
    case 'PUT /api/problem-categories/{code}/regions/{regionId}':
      return { active: false, version: null };
    case 'PUT /api/problem-settings/regions/{regionId}/deadlines/{severity}':
      return { hours: 1, workingDays: false, version: null };
    case 'PUT /api/notifications/settings/regions/{regionId}/thresholds':
      return { remindBeforeHours: 1, escalateAfterHours: 1, version: null };
    case 'PUT /api/task-settings/regions/{regionId}':
      return {
        progressDueDay: 5,
        remindDaysBefore: 0,
        escalateAfterDays: 1,
        leaderAfterDays: 1,
        milestoneRemindDays: 0,
        version: await version('region_task_settings', 'region_id', ids.region),
      };
    case 'PUT /api/map-settings/regions/{regionId}':
      return { ...MAP_SETTINGS, version: await version('map_settings', 'region_id', ids.region) };
    case 'PATCH /api/sites/{id}':
      return { name: '被改的点位', version: await version('sites', 'id', ids.site) };
    case 'POST /api/standards/versions/{id}/clone':
      return { name: '偷来的体系', campaignId: home.ids.campaign };
    case 'POST /api/inspection-rounds/{id}/visits':
      return { siteId: ids.site, results: [{ standardId: ids.standard, verdict: 'pass' }] };
    case 'PUT /api/evaluation/schemes/{id}': {
      const { campaignId: _c, ...body } = evaluationScheme(w.t);
      return body;
    }
    case 'POST /api/evaluation/runs/{id}/transitions':
      return { action: 'publicize' };
    case 'POST /api/evaluation/runs/{id}/objections':
      return { subjectId: w.t.unitAId, reason: '越权申诉，请求复核本月排名' };
    case 'POST /api/evaluation/objections/{id}/answer':
      return { decision: 'reject', reason: '越权答复' };
    case 'PUT /api/evaluation/runs/{id}/bulletin-text':
      return { requirements: '（一）越权改写。' };
    case 'POST /api/rewards/entries/{id}/transitions':
      return { action: 'withdraw', reason: '越权撤销奖惩' };
    case 'PUT /api/rewards/rules/{id}':
      return {
        name: '被改的规则',
        match: 'list',
        list: 'black',
        kind: 'criticize',
        version: await version('reward_rules', 'id', ids.rewardRule),
      };
    case 'POST /api/exposures/{id}/transitions':
      return {
        action: 'edit',
        title: '越权修改的曝光标题',
        description: '越权修改的曝光公开说明文字，应当被拒绝。',
        version: await version('exposures', 'id', ids.exposure),
      };
    case 'POST /api/integrations/keys/{id}/revoke':
      return { version: await version('integration_keys', 'id', ids.integrationKey) };
    case 'PUT /api/integrations/settings/regions/{regionId}':
      return { publicSources: ['citizen'], hotlineCallbackUrl: null, version: null };
    case 'POST /api/materials/{id}/review':
      return { decision: 'pass', version: await version('material_submissions', 'id', ids.material) };
    case 'POST /api/citizen-reports/triage/{id}/reject':
      return { reasonCode: 'untrue', version: await version('problems', 'id', ids.citizenProblem) };
    case 'POST /api/citizen-reports/triage/{id}/merge':
      return { targetId: ids.problem, version: await version('problems', 'id', ids.citizenProblem) };
    case 'POST /api/citizen-reports/followups/{id}':
      return { result: '越权回访记录', reopen: false };
    case 'PUT /api/surveys/questionnaires/{id}':
      return {
        name: '被改的问卷',
        definition: (
          await db.selectFrom('survey_questionnaires').select('definition').where('id', '=', ids.questionnaire).executeTakeFirstOrThrow()
        ).definition,
      };
    case 'PUT /api/surveys/waves/{id}':
      return {
        questionnaireId: ids.questionnaire,
        regionId: w.t.countyId,
        name: '被改的调查',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
        targetSize: 10,
        population: [{ townId: w.t.townAId, groupCode: 'citizen', population: 1000 }],
        version: await version('survey_waves', 'id', ids.wave),
      };
    case 'POST /api/surveys/waves/{id}/transitions':
      return { action: 'close', version: await version('survey_waves', 'id', ids.wave) };
    case 'POST /api/surveys/waves/{id}/responses':
      return surveyInterview(w.t);
    case 'POST /api/surveys/responses/{id}/review':
      return { decision: 'voided', note: '越权作废' };
    case 'PUT /api/plans/{id}':
      return { name: '被改的实施方案', summary: null, version: await version('plans', 'id', ids.plan) };
    case 'POST /api/plans/{id}/tasks':
      return { title: '越权新增的任务', leadUnitId: w.t.unitAId, startDate: '2026-12-01', dueDate: '2026-12-31' };
    case 'POST /api/plans/{id}/import':
      return new Multipart(
        multipartForm({}, [
          [
            '任务分解表.xlsx',
            await workbook(
              ['序号', '工作任务', '具体措施', '牵头单位', '配合单位', '完成时限', '责任领导'],
              [['9', '越权导入的任务', '', '', '', '2026-12-31', '']],
            ),
          ],
        ]),
      );
    case 'POST /api/plans/{id}/generate':
      return { dueDate: '2026-12-31' };
    case 'PUT /api/tasks/{id}':
      return {
        title: '被改的任务',
        leadUnitId: w.t.unitAId,
        startDate: '2026-09-01',
        dueDate: '2027-01-31',
        version: await version('tasks', 'id', ids.task),
      };
    case 'POST /api/tasks/{id}/evidence':
      return new Multipart(multipartForm({}, [['越权上传的台账.pdf', PDF]]));
    case 'POST /api/tasks/{id}/progress':
      return { period: '2026-11', percent: 90, summary: '越权报送的进度情况', fileIds: [] };
    case 'POST /api/task-progress/{id}/actions':
      return { action: 'approve', version: await version('task_progress', 'id', ids.progress) };
    case 'PUT /api/projects/{id}':
      return {
        regionId: w.t.townAId,
        name: '被改的项目',
        type: 'park',
        ownerUnitId: w.t.unitAId,
        handoverDate: '2027-03-31',
        version: await version('projects', 'id', ids.project),
      };
    case 'PUT /api/projects/{id}/milestones/{milestoneId}':
      return { actualDate: '2026-11-01', note: '越权填写', version: await version('project_milestones', 'id', ids.milestone) };
    case 'POST /api/projects/{id}/photos':
      return { fileId: ids.projectFile, stage: 'after', caption: '越权上传' };
    case 'PATCH /api/honours/selections/{id}':
      return { title: '越权修改的好人评选', version: await version('honour_selections', 'id', ids.honourSelection) };
    case 'POST /api/honours/selections/{id}/publish':
      return { version: await version('honour_selections', 'id', ids.honourSelection), winnerIds: [ids.honourNomination] };
    case 'POST /api/honours/selections/{id}/nominations':
      return {
        categoryCode: 'helping',
        nomineeName: '越权推荐的好人',
        headline: '越权推荐的一句话事迹',
        story: '这是一条越权提交的推荐，不应写入其他区县的评选，事迹内容足够三十个字以通过校验。',
        contactName: '越权联系人',
        contactPhone: '13900001111',
      };
    case 'POST /api/honours/selections/{id}/votes/exclude':
      return { voteIds: [crypto.randomUUID()], reason: '越权剔除投票' };
    case 'PUT /api/honours/selections/{id}/review-scores':
      return { items: [{ candidateId: ids.honourNomination, score: 1 }] };
    case 'POST /api/honours/nominations/{id}/approve':
      return { version: await version('honour_nominations', 'id', ids.honourNomination), note: '越权审核通过' };
    case 'POST /api/honours/nominations/{id}/reject':
      return { version: await version('honour_nominations', 'id', ids.honourNomination), reason: '越权不予通过' };
    case 'POST /api/honours/nominations/{id}/forward':
      return { targetSelectionId: ids.honourSelection };
    case 'PUT /api/volunteers/teams/{id}':
      return { name: '越权改名的志愿队伍', version: await version('volunteer_teams', 'id', ids.volunteerTeam) };
    case 'PUT /api/volunteers/teams/{id}/admins':
      return { userIds: [] };
    case 'PUT /api/volunteers/stations/{id}':
      return { name: '越权改名的实践阵地', version: await version('volunteer_stations', 'id', ids.volunteerStation) };
    case 'POST /api/volunteers/{id}/review':
      return { decision: 'reject', comment: '越权审核志愿者', version: await version('volunteers', 'id', ids.volunteer) };
    case 'PATCH /api/volunteers/activities/{id}':
      return { title: '越权修改的志愿活动', version: await version('volunteer_activities', 'id', ids.volunteerActivity) };
    case 'POST /api/volunteers/activities/{id}/cancel':
      return { reason: '越权取消活动', version: await version('volunteer_activities', 'id', ids.volunteerActivity) };
    case 'POST /api/volunteers/activities/attendance/{attendanceId}/confirm-outside':
      return { version: await version('volunteer_attendance', 'id', ids.volunteerAttendance) };
    case 'POST /api/volunteers/activities/attendance/{attendanceId}/correct':
      return { minutes: 60, reason: '越权更正志愿时长', version: await version('volunteer_attendance', 'id', ids.volunteerAttendance) };
    case 'PUT /api/charity/organisations/{id}': {
      const org = await db
        .selectFrom('charity_organisations')
        .select(['credit_code', 'version'])
        .where('id', '=', ids.charityOrg)
        .executeTakeFirstOrThrow();
      return { name: '越权改名的慈善组织', creditCode: org.credit_code, kind: 'association', status: 'deregistered', version: org.version };
    }
    case 'PUT /api/charity/organisations/{id}/admins':
      return { userIds: [] };
    case 'PUT /api/charity/projects/{id}':
      return {
        regionId: w.t.townAId,
        name: '越权改名的慈善项目',
        category: 'education',
        goalFen: 1,
        beneficiaries: '越权修改',
        startsOn: '2026-09-01',
        status: 'closed',
        version: await version('charity_projects', 'id', ids.charityProject),
      };
    case 'PUT /api/charity/projects/{id}/activities':
      return { activityIds: [] };
    case 'POST /api/charity/projects/{id}/receipts':
      return new Multipart(multipartForm({}, [['越权上传的票据.pdf', PDF]]));
    case 'POST /api/charity/projects/{id}/entries':
      return { kind: 'donation', donationType: 'money', amountFen: 100, occurredOn: '2026-11-21', purpose: '越权记账' };
    case 'POST /api/charity/projects/{id}/entries/{entryId}/corrections':
      return { kind: 'spending', amountFen: 0, occurredOn: '2026-11-20', purpose: '越权更正', reason: '越权更正台账' };
    default:
      return method === 'DELETE' ? undefined : {};
  }
}

describe(`access sweep (${engineName})`, () => {
  it('every route with a path parameter has an id mapping (or is listed as global with a reason)', () => {
    const unmapped = routes
      .filter((r) => !GLOBAL_ROUTES[`${r.method} ${r.path}`])
      .flatMap((r) =>
        kindsOf(r.path)
          .filter((k) => !k.kind || !(k.kind in home.ids))
          .map((k) => `${r.method} ${r.path} {${k.param}}`),
      );
    expect(unmapped, 'add the kind to PARAM_KINDS and a record of it to build()').toEqual([]);
    expect(routes.length).toBeGreaterThan(90);
  });

  it("reading another county's records by id answers exactly as a made-up id does, for every role", async () => {
    const failures: string[] = [];
    const get = routes.filter((r) => r.method === 'GET' && r.path.includes('{') && !GLOBAL_ROUTES[`GET ${r.path}`]);
    for (const r of get) {
      const kinds = kindsOf(r.path).map((k) => k.kind!);
      const business = kinds.some((k) => BUSINESS_KINDS.has(k));
      let readable = 0;
      for (const role of ROLES) {
        const c = clients[role];
        const mine = await c.get(fill(r.path, (k) => home.ids[k], r.query));
        const theirs = await c.get(fill(r.path, (k) => other.ids[k], r.query));
        const none = await c.get(fill(r.path, madeUp, r.query, (k) => other.ids[k]));
        if (mine.status < 300) readable++;
        const label = `${role} GET ${r.path}`;
        if (theirs.status >= 500) failures.push(`${label}: ${theirs.status}`);
        if (SEPARATED.includes(role)) {
          // Global accounts: the other county looks exactly like the home county, and business records not at all.
          if (theirs.status !== mine.status) failures.push(`${label}: other county ${theirs.status}, home county ${mine.status}`);
          if (business && theirs.status !== none.status)
            failures.push(`${label}: business record answered ${theirs.status} (made-up id: ${none.status})`);
          if (business && theirs.status < 300) failures.push(`${label}: a 三员 account reads business records`);
        } else {
          if (theirs.status !== none.status)
            failures.push(
              `${label}: other county ${theirs.status}, made-up id ${none.status} (${JSON.stringify(theirs.body).slice(0, 120)})`,
            );
          if (theirs.status < 300) failures.push(`${label}: other county's record answered ${theirs.status}`);
        }
      }
      if (readable === 0) failures.push(`GET ${r.path}: no role read the home county's record — the id mapping is wrong`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("lists, summaries and workbooks never hold another county's records, with or without its ids as filters", async () => {
    const failures: string[] = [];
    const lists = routes.filter((r) => r.method === 'GET' && !r.path.includes('{') && !GLOBAL_ROUTES[`GET ${r.path}`]);
    expect(lists.length).toBeGreaterThan(20);
    for (const r of lists) {
      const variants = [
        '',
        ...r.query.filter((q) => QUERY_KINDS[q] && other.ids[QUERY_KINDS[q]]).map((q) => `?${q}=${other.ids[QUERY_KINDS[q]]}`),
      ];
      for (const role of ROLES) {
        // 三员 accounts are global: their own duty's lists hold every county; business records must never show.
        if (DUTY_LISTS[role]?.includes(r.path)) continue;
        const marks = SEPARATED.includes(role) ? marksOf(other, BUSINESS_KINDS) : marksOf(other);
        for (const q of variants) {
          const res = await clients[role].get(r.path + q);
          const label = `${role} GET ${r.path}${q}`;
          if (res.status >= 500) failures.push(`${label}: ${res.status}`);
          if (res.status >= 300) continue;
          const text = await textOf(res);
          const leaked = marks.filter((m) => text.includes(m));
          if (leaked.length)
            failures.push(
              `${label}: holds ${leaked.map((m) => Object.entries(other.ids).find(([, v]) => v === m)?.[0] ?? (m === other.t.tag ? 'tag' : m)).join(', ')}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("changing another county's records by id answers as a made-up id does, and changes nothing", async () => {
    const failures: string[] = [];
    const before = await fingerprint(other);
    const mutations = routes.filter((r) => r.method !== 'GET' && r.path.includes('{') && !GLOBAL_ROUTES[`${r.method} ${r.path}`]);
    expect(mutations.length).toBeGreaterThan(20);
    for (const r of mutations) {
      for (const role of BUSINESS_ROLES) {
        const c = clients[role];
        const body = await bodyFor(r.method, r.path, other);
        const [payload, opts] = body instanceof Multipart ? [body.form.body, { headers: body.form.headers }] : [body, undefined];
        const none = await c.request(r.method as 'POST', fill(r.path, madeUp), payload, opts);
        const theirs = await c.request(
          r.method as 'POST',
          fill(r.path, (k) => other.ids[k]),
          payload,
          opts,
        );
        const label = `${role} ${r.method} ${r.path}`;
        if (none.status === 400) failures.push(`${label}: the sweep's body does not validate (${JSON.stringify(none.body).slice(0, 160)})`);
        if (theirs.status !== none.status || ![403, 404].includes(theirs.status)) {
          failures.push(
            `${label}: other county ${theirs.status}, made-up id ${none.status} (${JSON.stringify(theirs.body).slice(0, 160)})`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await fingerprint(other)).toEqual(before);
  }, 300_000);

  it("指挥大屏: another county's region answers as a made-up one (404) for every role, and its snapshot is not refreshed", async () => {
    const { database, clock } = await getHarness();
    const db = database.db;
    // The other county has its snapshots (what a refresh by a stranger would overwrite).
    await refreshSnapshots(db, new Date(clock.now().getTime() - 3_600_000), { under: `/${other.t.countyId}/` });
    const snapshotOf = () =>
      db.selectFrom('dashboard_snapshots').select(['computed_at', 'data']).where('region_id', '=', other.ids.region).executeTakeFirst();
    const before = await snapshotOf();
    const failures: string[] = [];
    for (const role of ROLES) {
      const c = clients[role];
      const mine = await c.get('/api/dashboard');
      // Only the office, leaders and the task force have a 大屏, and it is their own county's.
      const reads = ['office', 'leader', 'taskforce'].includes(role);
      if (mine.status !== (reads ? 200 : 404)) failures.push(`${role} GET /api/dashboard: ${mine.status}`);
      if (reads && mine.body.region?.id !== home.t.countyId) failures.push(`${role} GET /api/dashboard: region ${mine.body.region?.id}`);
      for (const [method, path] of [
        ['GET', '/api/dashboard'],
        ['GET', '/api/dashboard/sites'],
        ['POST', '/api/dashboard/refresh'],
      ] as const) {
        const theirs = await c.request(method, `${path}?regionId=${other.ids.region}`);
        const none = await c.request(method, `${path}?regionId=${madeUp('region')}`);
        if (theirs.status !== 404 || none.status !== 404)
          failures.push(`${role} ${method} ${path}: other ${theirs.status}, made-up ${none.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotOf()).toEqual(before);
  }, 120_000);
});

describe(`access sweep: files held by plans and projects (${engineName})`, () => {
  it("another county's progress evidence and project photos answer as a made-up file for every role; the office, leaders and task force open their own county's", async () => {
    const failures: string[] = [];
    for (const kind of ['progressFile', 'projectFile']) {
      for (const suffix of ['/meta', '', '/thumbnail', '/evidence']) {
        for (const role of ROLES) {
          const c = clients[role];
          const theirs = await c.get(`/api/files/${other.ids[kind]}${suffix}`);
          const none = await c.get(`/api/files/${crypto.randomUUID()}${suffix}`);
          if (theirs.status !== none.status || theirs.status < 300)
            failures.push(`${role} GET /api/files/{${kind}}${suffix}: other county ${theirs.status}, made-up ${none.status}`);
        }
      }
    }
    // Whoever reads the plan or the project opens the report's evidence and the project's photos (the unit uploaded them).
    for (const kind of ['progressFile', 'projectFile'])
      for (const role of ['office', 'leader', 'taskforce'] as const) {
        const mine = await clients[role].get(`/api/files/${home.ids[kind]}/meta`);
        if (mine.status !== 200) failures.push(`${role} GET /api/files/{${kind}}/meta (home county): ${mine.status}`);
      }
    // The report's document: whoever reads the plan and the lead unit open it; the cooperating unit (unit B) and the
    // other roles get what a made-up id gets.
    for (const role of ROLES) {
      const mine = await clients[role].get(`/api/tasks/${home.ids.task}/evidence/${home.ids.taskEvidence}`);
      const reads = ['office', 'leader', 'taskforce', 'unit', 'unithead'].includes(role);
      if (mine.status !== (reads ? 200 : 404))
        failures.push(`${role} GET /api/tasks/{task}/evidence/{taskEvidence} (home county): ${mine.status}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe(`access sweep: 测评预测 (${engineName})`, () => {
  it("the prediction and its workbook: the office, leaders and task force read their own campaign's; another county's answers as a made-up one (404)", async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const c = clients[role];
      const reads = ['office', 'leader', 'taskforce'].includes(role);
      for (const path of ['/api/prediction', '/api/prediction/priorities.xlsx']) {
        const mine = await c.get(`${path}?campaignId=${home.ids.campaign}`);
        const theirs = await c.get(`${path}?campaignId=${other.ids.campaign}`);
        const none = await c.get(`${path}?campaignId=${crypto.randomUUID()}`);
        const label = `${role} GET ${path}`;
        if (mine.status !== (reads ? 200 : 404)) failures.push(`${label}: own campaign ${mine.status}`);
        if (theirs.status !== 404 || none.status !== 404) failures.push(`${label}: other county ${theirs.status}, made-up ${none.status}`);
        if (mine.status === 200) {
          const text = await textOf(mine);
          const leaked = marksOf(other).filter((m) => text.includes(m));
          if (leaked.length) failures.push(`${label}: holds ${leaked.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
