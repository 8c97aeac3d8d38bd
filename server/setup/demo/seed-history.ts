/**
 * The demo's story (演示历史): three months of work in 示范市 made through the real commands, after seed-demo.ts.
 *
 * A stepping clock (FixedClock) walks from the first day of the month three months before `now` up to `now`; every
 * action is an event on a time-ordered queue and runs as the person who would take it (the reporters, the office, each
 * unit's 联络员, the inspector, the leader) through the same command the API calls — report, 立案, 派遣, 签收, 退回,
 * 延期, 提交整改 (with a photo uploaded through the files module), 核查 (passed or failed), 回头看 — and the deadline
 * sweep runs twice a working day, so overdue cases and 督办单 happen by themselves. Whatever is still ahead of `now`
 * never happens: the last days' problems are left 待受理, 待派遣, 整改中, 待核查, and some are past their deadline.
 * Also: four inspection rounds (two 常规督查, two 暗访 released after a few days) and a fifth 暗访 under way, 材料
 * submissions with reviews, monthly 人工评分, the 全国文明城市月度考核 scheme with published months (公示 → one 申诉
 * answered → 审定 → 发布) and the current month in 草稿; the other two counties (seed-city.ts) with smaller histories;
 * the city office's 区县 scheme ranking the three counties, published for the last two months.
 *
 * Choices come from a seeded PRNG, so the same `now` gives the same history. It runs once: a database that already
 * has the second county (临河县, 139902) is left alone.
 */
import type { ProblemAction } from '../../../common/problem-workflow';
import { formatPeriod, periodOf } from '../../../common/period';
import type { Actor } from '../../platform/actor';
import { hashPassword } from '../../platform/auth/passwords';
import { FixedClock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { systemActor } from '../../platform/actor';
import { loadActor } from '../../platform/http';
import type { FileStorage } from '../../platform/storage';
import { isWorkingDay } from '../../modules/calendar/calendar';
import { uploadPhoto } from '../../modules/files/upload-photo';
import { createRound } from '../../modules/inspections/create-round';
import { recordVisit } from '../../modules/inspections/record-visit';
import { releaseRound } from '../../modules/inspections/release-round';
import { checklistFor, findRound } from '../../modules/inspections/repository';
import { prng, seedFrom } from '../../modules/inspections/sample-sites';
import { detectDocument } from '../../modules/materials/detect-document';
import { reviewMaterial } from '../../modules/materials/review-material';
import { submitMaterial } from '../../modules/materials/submit-material';
import { findProblem } from '../../modules/problems/repository';
import { submitProblem } from '../../modules/problems/submit-problem';
import { sweepDeadlines } from '../../modules/problems/sweep-deadlines';
import { transitionProblem } from '../../modules/problems/transition-problem';
// The policies of the modules the story acts through (the server registers them by loading its routes).
import '../../modules/inspections/policy';
import '../../modules/materials/policy';
import '../../modules/problems/policy';
import '../../modules/files/policy';
import { DemoPhotos } from './history-photos';
import { seedPlanStory } from './seed-plans';
import { seedSurveyStory } from './seed-survey';
import { seedHonourStory } from './seed-honours';
import { seedVolunteerStory } from './seed-volunteers';
import { seedCharityStory } from './seed-charity';
import { seedEvaluationStory } from './seed-evaluation';
import {
  ACK_COMMENTS,
  CATEGORY_TEXTS,
  DISPUTE_REASONS,
  EXTENSION_REASONS,
  REJECT_REASONS,
  RELAPSE_REASONS,
  STREETS,
  VERIFY_FAIL_REASONS,
  VERIFY_PASS_COMMENTS,
  type CategoryText,
} from './history-texts';
import { seedCity } from './seed-city';
import { DEMO_PASSWORD } from './seed-demo';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface HistoryOptions {
  storage: FileStorage;
  /** The story's "today" (default: the real time). */
  now?: Date;
  log?: (line: string) => void;
}

export interface HistorySummary {
  problems: number;
  rounds: number;
  materials: number;
  runs: number;
  /** Actions the story wanted that a command refused (should be none; printed, never thrown). */
  refused: string[];
  ms: number;
}

/** Beijing midnight of a calendar day given in Beijing terms. */
const bjDay = (y: number, m0: number, d: number) => new Date(Date.UTC(y, m0, d) - 8 * HOUR);
const bjParts = (t: number) => {
  const d = new Date(t + 8 * HOUR);
  return { y: d.getUTCFullYear(), m0: d.getUTCMonth(), d: d.getUTCDate() };
};

interface Place {
  siteId: string | null;
  siteName: string | null;
  regionId: string;
  regionPath: string;
  unitId: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
}

interface County {
  code: string;
  name: string;
  office: Ctx;
  verifier: Ctx;
  reporters: Array<{ ctx: Ctx; weight: number; regionPath?: string }>;
  /** Department key → unit id. */
  dept: Record<string, string>;
  towns: Array<{ id: string; path: string; name: string; unitId: string | null }>;
  places: Place[];
  /** Problems reported per day (average). */
  rate: number;
}

/** Seeds the story once; returns null when there is nothing to do (already seeded, or no demo county). */
export async function seedHistory(db: Db, opts: HistoryOptions): Promise<HistorySummary | null> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  if (await db.selectFrom('regions').select('id').where('code', '=', '139902').executeTakeFirst()) return null;
  if (!(await db.selectFrom('users').select('id').where('username', '=', 'office').executeTakeFirst())) return null;

  const now = (opts.now ?? new Date()).getTime();
  const today = bjParts(now);
  const start = bjDay(today.y, today.m0 - 3, 1).getTime();
  const clock = new FixedClock(new Date(start));
  const random = prng(seedFrom(`demo-history-${today.y}-${today.m0}`));
  const rnd = (a = 0, b = 1) => a + (b - a) * random();
  const chance = (p: number) => random() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const refused: string[] = [];
  const photos = new DemoPhotos();
  const storage = opts.storage;

  // ---- the rest of the city, and who acts -------------------------------------------------------------------------
  const system: Ctx = { actor: systemActor, db, clock, meta: { ip: null, userAgent: 'demo-history' } };
  await seedCity(db, system, await hashPassword(DEMO_PASSWORD));

  const ctxCache = new Map<string, Ctx>();
  const ctxOf = async (userId: string): Promise<Ctx> => {
    let c = ctxCache.get(userId);
    if (!c) {
      const actor: Actor | null = await loadActor(db, userId, 'session');
      if (!actor) throw new Error(`demo history: user ${userId} not found`);
      c = { actor, db, clock, meta: { ip: null, userAgent: 'demo-history' } };
      ctxCache.set(userId, c);
    }
    return c;
  };
  const user = async (username: string) =>
    ctxOf((await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
  const unitIdByName = new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]));
  const unitUser = new Map<string, string>();
  for (const r of await db
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .select(['u.id', 'u.unit_id', 'ur.role'])
    .where('ur.role', 'in', ['unit_liaison', 'unit_head'])
    .orderBy('ur.role', 'desc') // unit_liaison before unit_head
    .orderBy('u.username')
    .execute())
    if (r.unit_id && !unitUser.has(r.unit_id)) unitUser.set(r.unit_id, r.id);
  const unitCtx = (unitId: string) => ctxOf(unitUser.get(unitId)!);

  const office = await user('office');
  const inspector = await user('inspector');

  const loadCounty = async (
    code: string,
    officeCtx: Ctx,
    verifier: Ctx,
    reporters: County['reporters'],
    dept: Record<string, string>,
    rate: number,
  ): Promise<County> => {
    const county = await db.selectFrom('regions').select(['id', 'path', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
    const towns = await db
      .selectFrom('regions as r')
      .leftJoin('units as u', (j) => j.onRef('u.region_id', '=', 'r.id').on('u.type', '=', 'town'))
      .select(['r.id', 'r.path', 'r.name', 'u.id as unitId'])
      .where('r.level', '=', 'town')
      .where('r.path', 'like', `${county.path}%`)
      .orderBy('r.code')
      .execute();
    const sites = await db
      .selectFrom('sites as s')
      .innerJoin('regions as r', 'r.id', 's.region_id')
      .select(['s.id', 's.name', 's.region_id', 'r.path', 's.unit_id', 's.lat', 's.lng', 's.address'])
      .where('r.path', 'like', `${county.path}%`)
      .where('s.active', '=', true)
      .orderBy('s.name')
      .execute();
    const deptIds: Record<string, string> = {};
    for (const [k, name] of Object.entries(dept)) if (unitIdByName.has(name)) deptIds[k] = unitIdByName.get(name)!;
    return {
      code,
      name: county.name,
      office: officeCtx,
      verifier,
      reporters,
      dept: deptIds,
      towns: towns.map((t) => ({ id: t.id, path: t.path, name: t.name, unitId: t.unitId })),
      places: sites.map((s) => ({
        siteId: s.id,
        siteName: s.name,
        regionId: s.region_id,
        regionPath: s.path,
        unitId: s.unit_id,
        lat: s.lat,
        lng: s.lng,
        address: s.address,
      })),
      rate,
    };
  };

  const gridRegion = await db.selectFrom('regions').select(['id', 'path']).where('code', '=', '139901002001001').executeTakeFirstOrThrow();
  const c1 = await loadCounty(
    '139901',
    office,
    inspector,
    [
      { ctx: await user('volunteer'), weight: 3 },
      { ctx: inspector, weight: 3 },
      { ctx: office, weight: 2 },
      { ctx: await user('grid'), weight: 1, regionPath: gridRegion.path },
    ],
    {
      cg: '示范县城市管理综合行政执法局',
      zj: '示范县住房和城乡建设局',
      yl: '示范县园林绿化服务中心',
      jj: '示范县公安局交通警察大队',
      jt: '示范县交通运输局',
      wm: '示范县委宣传部',
      wj: '示范县卫生健康局',
      sw: '示范县水务局',
      sp: '示范县市场监督管理局',
    },
    0.95,
  );
  const office2 = await user('office2');
  const office3 = await user('office3');
  const c2 = await loadCounty(
    '139902',
    office2,
    office2,
    [{ ctx: office2, weight: 1 }],
    { cg: '临河县城市管理局', zj: '临河县住房和城乡建设局', sp: '临河县市场监督管理局' },
    0.35,
  );
  const c3 = await loadCounty(
    '139903',
    office3,
    office3,
    [{ ctx: office3, weight: 1 }],
    { cg: '青山区城市管理局', sp: '青山区市场监督管理局' },
    0.3,
  );
  // How well each unit works (0 poor … 1 good): decides lateness, disputes and failed checks, so rankings differ.
  const diligence = new Map<string, number>();
  const diligent = (unitId: string) => {
    let d = diligence.get(unitId);
    if (d === undefined) {
      d = rnd(0.15, 1);
      diligence.set(unitId, d);
    }
    return d;
  };

  // ---- the event queue -----------------------------------------------------------------------------------------------
  interface Ev {
    at: number;
    seq: number;
    what: string;
    run: () => Promise<void>;
  }
  const queue: Ev[] = [];
  let seq = 0;
  const at = (t: number, what: string, run: () => Promise<void>) => {
    const when = Math.max(t, clock.now().getTime() + 60_000);
    if (when > now) return;
    const ev = { at: when, seq: seq++, what, run };
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid]!.at <= when) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, ev);
  };
  /** Moves a time off the night: into working hours (08:30–18:00 Beijing) of the same or the next day. */
  const daytime = (t: number) => {
    const p = bjParts(t);
    const dayStart = bjDay(p.y, p.m0, p.d).getTime();
    const h = (t - dayStart) / HOUR;
    if (h < 8.5) return dayStart + 8.5 * HOUR + (h / 8.5) * 2 * HOUR;
    if (h > 18) return dayStart + DAY + 8.5 * HOUR + ((h - 18) / 6) * 2 * HOUR;
    return t;
  };
  const later = (hours: number) => daytime(clock.now().getTime() + hours * HOUR);

  const act = async (ctx: Ctx, id: string, action: ProblemAction, payload: Record<string, unknown>) => {
    const p = (await findProblem(db, id))!;
    return transitionProblem(ctx, id, action, p.version, payload);
  };
  const photo = async (
    ctx: Ctx,
    label: string,
    after: boolean,
    place: { lat: number | null; lng: number | null; address: string | null },
    roundId?: string,
  ) =>
    (
      await uploadPhoto(ctx, storage, {
        bytes: await photos.jpeg(label, after),
        originalName: after ? 'after.jpg' : 'scene.jpg',
        fields: { lat: place.lat ?? undefined, lng: place.lng ?? undefined, address: place.address ?? undefined, roundId },
      })
    ).id;

  let problems = 0;
  /** Cases the office declined (不予立案): at least one, so the demo always shows one whatever the draws. */
  let rejected = 0;

  // ---- the problem loop, step by step ------------------------------------------------------------------------------
  interface Case {
    id: string;
    county: County;
    cat: CategoryText | null;
    place: Place;
    unitId: string;
    /** Where this morning's cases stop (the office or the unit has not got to them yet). */
    stop?: 'accepted' | 'dispatched' | 'rectifying';
  }
  const altUnit = (c: Case): string => {
    const town = c.county.towns.find((t) => c.place.regionPath.startsWith(t.path));
    const options = [town?.unitId, c.county.dept.cg, c.county.dept.zj].filter((x): x is string => !!x && x !== c.unitId);
    return options[0] ?? c.unitId;
  };
  const dispatch = (c: Case, hours: number) =>
    at(later(hours), 'dispatch', async () => {
      await act(c.county.office, c.id, 'dispatch', { unitId: c.unitId });
      if (c.stop !== 'dispatched') afterDispatch(c, false);
    });
  const afterDispatch = (c: Case, again: boolean) => {
    const d = diligent(c.unitId);
    if (!again && !c.stop && chance(0.1 * (1 - d) + 0.03))
      at(later(rnd(2, 20)), 'dispute', async () => {
        await act(await unitCtx(c.unitId), c.id, 'dispute', { reason: pick(DISPUTE_REASONS) });
        c.unitId = altUnit(c);
        at(later(rnd(3, 24)), 're-dispatch', async () => {
          await act(c.county.office, c.id, 'dispatch', { unitId: c.unitId, comment: '已重新派遣至属地责任单位' });
          afterDispatch(c, true);
        });
      });
    else
      at(later(rnd(0.5, 18 * (1.2 - d))), 'acknowledge', async () => {
        await act(await unitCtx(c.unitId), c.id, 'acknowledge', { comment: pick(ACK_COMMENTS) });
        if (c.stop !== 'rectifying') await afterAcknowledge(c);
      });
  };
  const afterAcknowledge = async (c: Case) => {
    const p = (await findProblem(db, c.id))!;
    const d = diligent(c.unitId);
    const t = clock.now().getTime();
    const deadline = p.deadline ? new Date(p.deadline).getTime() : t + 7 * DAY;
    if (chance(0.07)) {
      at(later(rnd(12, 36)), 'request_extension', async () => {
        await act(await unitCtx(c.unitId), c.id, 'request_extension', { days: Math.floor(rnd(3, 6)), reason: pick(EXTENSION_REASONS) });
        at(later(rnd(2, 12)), 'extension answer', async () => {
          if (chance(0.75)) await act(c.county.office, c.id, 'approve_extension', { comment: '同意延期，请按新时限整改到位' });
          else await act(c.county.office, c.id, 'deny_extension', { reason: '问题简单，应在原时限内完成整改' });
          await scheduleRectify(c, d);
        });
      });
      return;
    }
    const late = chance(0.3 * (1 - d) + 0.04);
    const when = late ? deadline + rnd(20, 240) * HOUR : t + (deadline - t) * rnd(0.15, 0.85);
    at(daytime(when), 'submit_rectification', () => submit(c));
  };
  const scheduleRectify = async (c: Case, d: number) => {
    const p = (await findProblem(db, c.id))!;
    const t = clock.now().getTime();
    const deadline = p.deadline ? new Date(p.deadline).getTime() : t + 5 * DAY;
    const late = chance(0.25 * (1 - d));
    at(daytime(late ? deadline + rnd(20, 150) * HOUR : t + Math.max(deadline - t, 6 * HOUR) * rnd(0.2, 0.8)), 'submit_rectification', () =>
      submit(c),
    );
  };
  const submit = async (c: Case) => {
    const ctx = await unitCtx(c.unitId);
    const label = `${c.place.siteName ?? c.county.name} 整改后`;
    const photoId = await photo(ctx, label, true, c.place);
    await act(ctx, c.id, 'submit_rectification', {
      measures: pick(c.cat?.measures ?? ['已按测评标准整改到位，建立长效管理机制']),
      photoIds: [photoId],
    });
    at(later(rnd(3, 40)), 'verify', () => verify(c));
  };
  const verify = async (c: Case) => {
    const d = diligent(c.unitId);
    const p = (await findProblem(db, c.id))!;
    const passed = (p.rework_count ?? 0) > 0 || !chance(0.18 * (1 - d) + 0.04);
    await act(
      c.county.verifier,
      c.id,
      'verify',
      passed ? { passed, comment: pick(VERIFY_PASS_COMMENTS) } : { passed, comment: pick(VERIFY_FAIL_REASONS) },
    );
    if (!passed) at(later(rnd(20, 72)), 'resubmit', () => submit(c));
    else if (chance(0.07))
      at(later(rnd(240, 520)), 'reopen', async () => {
        const r = await act(c.county.verifier, c.id, 'reopen', { reason: pick(RELAPSE_REASONS) });
        const relapse = r.extra.relapseProblemId as string | undefined;
        if (relapse) {
          problems += 1;
          afterDispatch({ ...c, id: relapse }, true);
        }
      });
  };
  /** A problem just filed as 已立案 (a report accepted, or an inspector's finding). */
  const afterAccept = (c: Case) => {
    if (c.stop === 'accepted') return;
    dispatch(c, c.stop ? rnd(0.3, 2) : chance(0.08) ? rnd(30, 90) : rnd(0.3, 10));
  };

  const report = async (county: County, stop?: 'pending' | Case['stop']) => {
    const reporters = county.reporters.flatMap((r) => Array.from({ length: r.weight }, () => r));
    const who = pick(reporters);
    const cat = pick(CATEGORY_TEXTS);
    let place: Place;
    if (who.regionPath) {
      place = {
        siteId: null,
        siteName: null,
        regionId: gridRegion.id,
        regionPath: gridRegion.path,
        unitId: null,
        lat: null,
        lng: null,
        address: `朝阳路${Math.floor(rnd(1, 200))}号附近`,
      };
    } else if (chance(0.6) && county.places.length) place = pick(county.places);
    else {
      const town = pick(county.towns);
      place = {
        siteId: null,
        siteName: null,
        regionId: town.id,
        regionPath: town.path,
        unitId: town.unitId,
        lat: null,
        lng: null,
        address: `${town.name}${pick(STREETS)}${Math.floor(rnd(1, 200))}号附近`,
      };
    }
    const where = place.siteName ?? place.address ?? county.name;
    const description = pick(cat.texts).replace('{p}', where);
    const withPhoto = chance(0.4);
    const photoIds = withPhoto ? [await photo(who.ctx, cat.texts[0]!.replace('{p}', '').slice(0, 14), false, place)] : [];
    const severity = chance(0.08) ? 'major' : 'normal';
    const { problem } = await submitProblem(who.ctx, {
      clientId: `demo-history-${seq}-${problems}`,
      description,
      categoryCode: cat.code,
      severity,
      location: place.lat !== null && place.lng !== null ? { lat: place.lat, lng: place.lng } : null,
      address: place.address,
      regionId: place.regionId,
      siteId: place.siteId,
      photoIds,
    });
    problems += 1;
    const unitId = (chance(0.55) && place.unitId) || county.dept[cat.dept] || place.unitId || county.dept.cg!;
    const c: Case = { id: problem.id, county, cat, place, unitId, stop: stop === 'pending' ? undefined : stop };
    if (stop === 'pending') return;
    if (!c.stop && (rejected === 0 || chance(0.05))) {
      rejected += 1;
      at(later(rnd(2, 20)), 'reject', async () => {
        await act(county.office, c.id, 'reject', { reason: pick(REJECT_REASONS) });
      });
    } else
      // The last two days' reports mostly still wait for the office (待受理).
      at(
        later(
          c.stop
            ? rnd(0.5, 3)
            : clock.now().getTime() > now - 2 * DAY && chance(0.6)
              ? rnd(30, 72)
              : chance(0.1)
                ? rnd(40, 110)
                : rnd(0.5, 16),
        ),
        'accept',
        async () => {
          await act(county.office, c.id, 'accept', { comment: '情况属实，予以立案' });
          afterAccept(c);
        },
      );
  };

  // Reports through every day; the sweep twice a working day (and once more at the end).
  for (let t = start; t < now; t += DAY) {
    const working = isWorkingDay(t + 12 * HOUR);
    for (const county of [c1, c2, c3]) {
      const n = Math.round(rnd(0, 2) * county.rate * (working ? 1 : 0.5));
      for (let i = 0; i < n; i += 1) at(t + rnd(8.2, 18.5) * HOUR, 'report', () => report(county));
    }
    for (const h of working ? [8, 17.5] : [12]) at(t + h * HOUR, 'sweep', async () => void (await sweepDeadlines(system)));
  }

  // This morning's reports: still 待受理 when the office signs in.
  for (const back of [5, 3, 1.5]) at(now - back * HOUR, 'report', () => report(c1, 'pending'));
  for (const back of [30, 26]) at(now - back * HOUR, 'report', () => report(c1, 'accepted'));
  for (const back of [28, 22]) at(now - back * HOUR, 'report', () => report(c1, 'dispatched'));
  // …and two cases a unit signed for and then left: past their deadline, with a 督办单 from the sweep (超期).
  for (const back of [12, 9.5]) at(now - back * DAY, 'report', () => report(c1, 'rectifying'));

  // ---- inspection rounds (the demo county) ----------------------------------------------------------------------
  const civilized = await db
    .selectFrom('campaigns')
    .select(['id', 'region_id'])
    .where('title_type', '=', 'civilized_city')
    .executeTakeFirstOrThrow();
  let rounds = 0;
  const pendingCovert = new Map<string, Case[]>();
  const SAMPLE_TYPES = [
    'main_road',
    'back_street',
    'farmers_market',
    'community',
    'residential_compound',
    'public_square',
    'park',
    'hospital',
    'school',
  ];
  const month = (k: number) => bjParts(bjDay(today.y, today.m0 - 3 + k, 1).getTime());
  const dayOf = (k: number, d: number, h = 9) => bjDay(month(k).y, month(k).m0, d).getTime() + h * HOUR;
  const iso = (t: number) => {
    const p = bjParts(t);
    return `${p.y}-${String(p.m0 + 1).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  };
  // Sites' quality improves month by month (the campaign works), so each round scores a little better.
  const roundPlan: Array<{ k: number; day: number; kind: 'routine' | 'covert'; name: string; release?: number; failBase: number }> = [
    { k: 0, day: 16, kind: 'routine', name: '9月份创城常态化督查', failBase: 0.2 },
    { k: 1, day: 12, kind: 'covert', name: '10月份第一轮暗访', release: 4, failBase: 0.17 },
    { k: 1, day: 26, kind: 'routine', name: '10月份创城常态化督查', failBase: 0.14 },
    { k: 2, day: 13, kind: 'covert', name: '11月份模拟测评暗访', release: 4, failBase: 0.12 },
    { k: 3, day: 1, kind: 'covert', name: '12月份第一轮暗访', failBase: 0.1 },
  ];
  for (const plan of roundPlan) {
    const t0 = dayOf(plan.k, plan.day);
    if (t0 > now) continue;
    const label = (() => {
      const p = bjParts(t0);
      return `${p.m0 + 1}月份`;
    })();
    const name = plan.name.replace(/^\d+月份/, label);
    at(t0, `round ${name}`, async () => {
      const round = await createRound(office, {
        name,
        kind: plan.kind,
        campaignId: civilized.id,
        startDate: iso(t0),
        endDate: iso(t0 + 2 * DAY),
        sample: { siteTypeCodes: SAMPLE_TYPES, perType: 2, seed: `demo-${iso(t0)}` },
        inspectorIds: [inspector.actor.id],
        passThreshold: 0.85,
      });
      rounds += 1;
      const r = (await findRound(db, round.id))!;
      for (const [i, siteId] of round.siteIds.entries()) {
        // The current month's round is still under way: half its sites visited so far.
        if (plan.release === undefined && plan.k === 3 && i % 2 === 1) continue;
        at(t0 + (i % 2) * DAY + (1 + (i % 8)) * HOUR * 0.9, 'visit', async () => {
          const site = await db
            .selectFrom('sites')
            .select(['site_type_code', 'lat', 'lng', 'address', 'name', 'unit_id', 'region_id'])
            .where('id', '=', siteId)
            .executeTakeFirstOrThrow();
          const items = await checklistFor(db, r.standard_version_id!, site.site_type_code);
          if (!items.length) return;
          const siteFail = plan.failBase * rnd(0.3, 1.8);
          const results = [];
          for (const item of items) {
            const x = random();
            const verdict = x < siteFail ? 'fail' : x < siteFail + 0.06 ? 'na' : 'pass';
            const photoIds = verdict === 'fail' ? [await photo(inspector, `${site.name} ${item.code}`, false, site, round.id)] : [];
            results.push({
              standardId: item.id,
              verdict: verdict as 'pass' | 'fail' | 'na',
              photoIds,
              note: verdict === 'fail' ? '现场不符合测评标准' : undefined,
            });
          }
          const visit = await recordVisit(inspector, round.id, { siteId, results });
          const county = c1;
          const region = await db.selectFrom('regions').select('path').where('id', '=', site.region_id).executeTakeFirstOrThrow();
          const place: Place = {
            siteId,
            siteName: site.name,
            regionId: site.region_id,
            regionPath: region.path,
            unitId: site.unit_id,
            lat: site.lat,
            lng: site.lng,
            address: site.address,
          };
          const created = (visit.problems as Array<{ problemId: string; how: string }>).filter((p) => p.how === 'created');
          problems += created.length;
          const cases = created.map((p) => ({ id: p.problemId, county, cat: null, place, unitId: site.unit_id ?? county.dept.cg! }));
          if (plan.kind === 'covert') pendingCovert.set(round.id, [...(pendingCovert.get(round.id) ?? []), ...cases]);
          else for (const c of cases) afterAccept(c);
        });
      }
      if (plan.release !== undefined)
        at(t0 + plan.release * DAY, `release ${name}`, async () => {
          await releaseRound(office, round.id);
          for (const c of pendingCovert.get(round.id) ?? []) afterAccept(c);
        });
    });
  }

  // ---- 材料审核: each month's evidence from the units on the 全国文明城市 standards --------------------------------
  let materials = 0;
  const obligations = await db
    .selectFrom('standards as s')
    .innerJoin('standard_versions as v', 'v.id', 's.version_id')
    .select(['s.id', 's.lead_unit_id', 's.code'])
    .where('v.campaign_id', '=', civilized.id)
    .where('s.method', '=', 'material')
    .where('s.lead_unit_id', 'is not', null)
    .orderBy('s.code')
    .execute();
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const pdfKind = detectDocument(pdf);
  for (let k = 0; k < 4; k += 1) {
    const period = formatPeriod(periodOf('month', new Date(dayOf(k, 1))));
    for (const o of obligations) {
      const unitId = o.lead_unit_id!;
      if (!unitUser.has(unitId) || !chance(0.35 + 0.6 * diligent(unitId))) continue;
      const t = k === 3 ? dayOf(3, 1) + rnd(1, 40) * HOUR : dayOf(k, Math.floor(rnd(18, 28)), rnd(9, 17));
      at(t, 'material', async () => {
        const ctx = await unitCtx(unitId);
        const id = await submitMaterial(ctx, storage, {
          standardId: o.id,
          period,
          unitId,
          note: `${o.code} 佐证材料（${period}）`,
          files: [{ name: `${o.code}-${period}.pdf`, data: pdf, ...(pdfKind ?? { mime: 'application/pdf', ext: 'pdf' }) }],
        });
        materials += 1;
        at(later(rnd(4, 60)), 'material review', async () => {
          const m = await db.selectFrom('material_submissions').select(['version']).where('id', '=', id).executeTakeFirstOrThrow();
          const ok = chance(0.55 + 0.4 * diligent(unitId));
          await reviewMaterial(
            office,
            id,
            ok
              ? { decision: 'pass', comment: '材料齐全，审核通过', version: m.version }
              : { decision: 'return', comment: '佐证材料不完整，请补充活动照片和台账', version: m.version },
          );
          if (!ok && chance(0.7))
            at(later(rnd(24, 96)), 'material resubmit', async () => {
              await submitMaterial(ctx, storage, {
                standardId: o.id,
                period,
                unitId,
                note: '已补充佐证材料',
                files: [{ name: `${o.code}-${period}-补充.pdf`, data: pdf, ...(pdfKind ?? { mime: 'application/pdf', ext: 'pdf' }) }],
              });
              const again = await db.selectFrom('material_submissions').select(['version']).where('id', '=', id).executeTakeFirstOrThrow();
              at(later(rnd(4, 30)), 'material review', () =>
                reviewMaterial(office, id, { decision: 'pass', comment: '补充材料已齐全', version: again.version }),
              );
            });
        });
      });
    }
  }

  // ---- 月评排名 (seed-evaluation.ts) -----------------------------------------------------------------------------
  const evaluation = await seedEvaluationStory({
    db,
    now,
    at,
    user,
    dayOf,
    campaignId: civilized.id,
    towns: c1.towns,
    diligent,
    rnd,
  });

  // ---- walk the clock ------------------------------------------------------------------------------------------------
  const timing = process.env.DEMO_HISTORY_TIMING ? new Map<string, { n: number; ms: number }>() : null;
  let shownMonth = -1;
  let monthStart = Date.now();
  const progress = (label: string) => {
    log(
      `演示历史：${label} 完成（累计问题 ${problems} 件，督查 ${rounds} 轮，材料 ${materials} 份，考核 ${evaluation.runs} 次，用时 ${((Date.now() - monthStart) / 1000).toFixed(1)} 秒）`,
    );
    monthStart = Date.now();
  };
  await seedSurveyStory({ db, now, at, user });
  await seedPlanStory({ db, now, at, user, unitCtx, system, storage, photos });
  await seedHonourStory({ db, now, at, user, system });
  await seedVolunteerStory({ db, now, start, at, user, system });
  await seedCharityStory({ db, now, start, at, user, system, storage });
  while (queue.length) {
    const ev = queue.shift()!;
    const m = bjParts(ev.at).m0;
    if (m !== shownMonth) {
      if (shownMonth >= 0) progress(`${shownMonth + 1}月`);
      shownMonth = m;
    }
    clock.set(new Date(ev.at));
    const t1 = Date.now();
    try {
      await ev.run();
      if (timing) {
        const k = ev.what.split(' ')[0]!;
        const x = timing.get(k) ?? { n: 0, ms: 0 };
        x.n += 1;
        x.ms += Date.now() - t1;
        timing.set(k, x);
      }
    } catch (e) {
      refused.push(`${new Date(ev.at).toISOString()} ${ev.what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  clock.set(new Date(now));
  await sweepDeadlines(system);
  progress(`${shownMonth + 1}月（至今）`);
  if (timing) for (const [k, x] of [...timing].sort((a, b) => b[1].ms - a[1].ms)) log(`  ${k}: ${x.n} 次 ${x.ms} ms`);
  return { problems, rounds, materials, runs: evaluation.runs, refused, ms: Date.now() - started };
}
