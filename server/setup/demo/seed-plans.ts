/**
 * The demo's 实施方案、任务分解、每月汇报进度 and 项目化 (part of the story, seed-history.ts; the data: seed-plans-specs.ts),
 * through the commands the API calls (createPlan, createTask, updateTask, submitProgress, transitionProgress, sweepTasks,
 * createProject, updateMilestone, addPhoto, updateProject), each as the person who would act on the story's clock:
 * - the office of 示范县 enters the county's 三年行动实施方案 for the 全国文明城市 campaign with two 专项行动 (城乡环境卫生
 *   整治, 交通秩序整治) and 25 tasks in the county's own words (序号 1, 1.1 …, 工作任务, 具体措施, 牵头单位, 配合单位, 责任领导
 *   from the leading group, dates, 节点, links to standards and sites) on the story's second day;
 * - each lead unit's 联络员 reports progress every month (September to November) with a photo as evidence; the office
 *   approves or returns it (退回补充, with its comment) and the unit resubmits; one report comes after the 25th (迟报),
 *   a few of November's wait for the office, two stay returned, one unit misses November;
 * - the office moves one task's due date in October (the Gantt's baseline keeps the first plan) and ticks 节点 off;
 * - the tasks' sweep runs every working morning, so tasks past due get their 督办单 and, a week later, go to the
 *   responsible leader by themselves;
 * - three construction projects (挂图作战): the 东湖多彩花海 with its 交账, the 南关游园 and the 城东农贸市场, with all six
 *   milestones (some reached during the story by the owner unit, 花海's 主体完工 late), photos per milestone stage, the
 *   investment spent updated, and hand-over dates 22 to 112 days ahead.
 *
 * On the story's "today" (the tests use 2026-12-09) there are tasks in every status — 未开始, 进行中, 滞后, 已完成, 逾期 —
 * because the dates that decide it are set from that day: tasks past due ended 4, 6, 9 and 19 days before it, tasks not
 * started begin after it, and the percent each task's last approved report carries comes from the share of its time
 * gone. No random draws (the story's PRNG is left untouched): the same `now` gives the same plan.
 */
import { elapsedShare, type MilestoneKind } from '../../../common/tasks';
import { createTaskBody, updateProjectBody, type CreateProjectBody, type CreateTaskBody } from '../../../common/contracts/tasks';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { FileStorage } from '../../platform/storage';
import { beijingDay, isWorkingDay } from '../../modules/calendar/calendar';
import { uploadPhoto } from '../../modules/files/upload-photo';
import { createPlan } from '../../modules/plans/create-plan';
import { createTask, type CreateTaskFields } from '../../modules/plans/create-task';
import { transitionProgress } from '../../modules/plans/progress-workflow';
import { submitProgress } from '../../modules/plans/submit-progress';
import { sweepTasks } from '../../modules/plans/sweep-tasks';
import { updateTask } from '../../modules/plans/update-task';
import { addPhoto } from '../../modules/projects/add-photo';
import { createProject } from '../../modules/projects/create-project';
import { updateMilestone } from '../../modules/projects/update-milestone';
import { updateProject } from '../../modules/projects/update-project';
import '../../modules/plans/policy';
import '../../modules/projects/policy';
import type { DemoPhotos } from './history-photos';
import { PLANS, projectSpecs, taskSpecs, type PlanKey, type ProjectSpec, type TaskSpec } from './seed-plans-specs';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface PlanStoryDeps {
  db: Db;
  /** The story's present (ms). */
  now: number;
  /** Schedules an event on the story's queue (dropped when after `now`). */
  at: (t: number, what: string, run: () => Promise<void>) => void;
  user: (username: string) => Promise<Ctx>;
  /** The unit's 联络员 (or head): who reports for it. */
  unitCtx: (unitId: string) => Promise<Ctx>;
  system: Ctx;
  storage: FileStorage;
  photos: DemoPhotos;
}

// ---- dates ---------------------------------------------------------------------------------------------------------

const iso = (y: number, m0: number, d: number) => new Date(Date.UTC(y, m0, d)).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** An instant on a Beijing day at an hour (Beijing time). */
const bjAt = (day: string, hour: number) => Date.parse(`${day}T00:00:00Z`) - 8 * HOUR + hour * HOUR;

// ---- the story -----------------------------------------------------------------------------------------------------

export async function seedPlanStory(d: PlanStoryDeps): Promise<void> {
  const { db, now } = d;
  const county = await db.selectFrom('regions').select(['id', 'path']).where('code', '=', '139901').executeTakeFirst();
  if (!county) return;
  const campaign = await db
    .selectFrom('campaigns')
    .select(['id', 'region_id'])
    .where('region_id', '=', county.id)
    .where('title_type', '=', 'civilized_city')
    .orderBy('name')
    .executeTakeFirst();
  if (!campaign) return;
  const office = await d.user('office');
  // The county's units by name (another county may have a 城关街道办事处 of its own).
  const units = new Map(
    (
      await db
        .selectFrom('units as u')
        .innerJoin('regions as r', 'r.id', 'u.region_id')
        .select(['u.id', 'u.name'])
        .where('r.path', 'like', `${county.path}%`)
        .orderBy('u.name')
        .execute()
    ).map((u) => [u.name, u.id]),
  );
  const unitId = (name: string) => {
    const id = units.get(name);
    if (!id) throw new Error(`demo plans: no unit ${name}`);
    return id;
  };
  const members = new Map(
    (
      await db.selectFrom('leading_group_members').select(['id', 'name']).where('campaign_id', '=', campaign.id).orderBy('sort').execute()
    ).map((x) => [x.name, x.id]),
  );
  const sites = new Map(
    (
      await db
        .selectFrom('sites as s')
        .innerJoin('regions as r', 'r.id', 's.region_id')
        .select(['s.id', 's.name', 's.lat', 's.lng', 's.address'])
        .where('r.path', 'like', `${county.path}%`)
        .orderBy('s.name')
        .execute()
    ).map((s) => [s.name, s]),
  );
  const standards = await db
    .selectFrom('standards as s')
    .innerJoin('standard_versions as v', 'v.id', 's.version_id')
    .select(['s.id', 's.code', 's.site_type_codes'])
    .where('v.campaign_id', '=', campaign.id)
    .orderBy('s.code')
    .execute();
  const standardsAt = (type: string) =>
    standards
      .filter((s) => (s.site_type_codes ?? []).includes(type))
      .slice(0, 2)
      .map((s) => s.id);

  // The story's calendar: today (Beijing), and day d of the k-th month of the story (k = 0: three months before today's).
  const today = beijingDay(now);
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const m = (k: number, day: number) => {
    const first = new Date(Date.UTC(ty, tm - 1 - 3 + k, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    return iso(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last));
  };
  const rel = (n: number) => addDays(today, n);
  const period = (k: number) => m(k, 1).slice(0, 7);
  const monthLabel = (p: string) => `${Number(p.slice(5, 7))}月`;
  const storyStart = bjAt(m(0, 1), 0);

  const specs = taskSpecs(m, rel);
  const taskIds = new Map<string, string>();
  const key = (plan: PlanKey, code: string) => `${plan}:${code}`;
  const planIds = {} as Record<PlanKey, string>;

  // 1. The office enters the plan, its 专项行动 and the task table on the story's second day.
  const bodies = new Map<string, CreateTaskFields>();
  d.at(bjAt(m(0, 2), 10), 'plan', async () => {
    for (const [k, p] of Object.entries(PLANS) as Array<[PlanKey, (typeof PLANS)[PlanKey]]>)
      planIds[k] = await createPlan(office, {
        campaignId: campaign.id,
        parentId: k === 'main' ? null : planIds.main,
        kind: k === 'main' ? 'plan' : 'special',
        name: p.name,
        summary: p.summary,
      });
    for (const s of specs) {
      const body = createTaskBody.parse({
        parentId: s.parent ? (taskIds.get(key(s.plan, s.parent)) ?? null) : null,
        code: s.code,
        title: s.title,
        measures: s.measures,
        leadUnitId: unitId(s.lead),
        coopUnitIds: s.coop.map(unitId),
        leaderMemberId: s.leader ? (members.get(s.leader) ?? null) : null,
        startDate: s.start,
        dueDate: s.firstDue ?? s.due,
        milestones: (s.milestones ?? []).map((x) => ({ ...x, done: x.done && x.date < m(0, 2) })),
        standardIds: s.standardsAt ? standardsAt(s.standardsAt) : [],
        siteIds: (s.sites ?? []).map((n) => sites.get(n)?.id).filter((x): x is string => !!x),
      } satisfies CreateTaskBody);
      const id = await createTask(office, planIds[s.plan], body);
      taskIds.set(key(s.plan, s.code), id);
      bodies.set(id, body);
    }
  });
  /** 修改任务 through the command, at the task's current version. */
  const changeTask = async (s: TaskSpec, change: (b: CreateTaskFields) => CreateTaskFields) => {
    const id = taskIds.get(key(s.plan, s.code))!;
    const body = change(bodies.get(id)!);
    bodies.set(id, body);
    const { version } = await db.selectFrom('tasks').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const { parentId: _p, ...fields } = body;
    await updateTask(office, id, { ...fields, version });
  };

  // 2. Monthly reports: each lead unit's 联络员 reports before the 25th, the office reviews within a few days.
  const submit = async (s: TaskSpec, k: number, percent: number, summary: string) => {
    const ctx = await d.unitCtx(unitId(s.lead));
    const site = (s.sites ?? []).map((n) => sites.get(n)).find((x) => !!x);
    const photo = await uploadPhoto(ctx, d.storage, {
      bytes: await d.photos.jpeg(`${s.title.slice(0, 12)} ${period(k)}`, true),
      originalName: `${s.code}-${period(k)}.jpg`,
      fields: { lat: site?.lat ?? undefined, lng: site?.lng ?? undefined, address: site?.address ?? undefined },
    });
    await submitProgress(ctx, taskIds.get(key(s.plan, s.code))!, {
      period: period(k),
      percent,
      summary,
      difficulties: s.difficulty ?? null,
      fileIds: [photo.id],
    });
  };
  const review = async (s: TaskSpec, k: number, action: 'approve' | 'return', comment: string) => {
    const p = await db
      .selectFrom('task_progress')
      .select(['id', 'version'])
      .where('task_id', '=', taskIds.get(key(s.plan, s.code))!)
      .where('period', '=', period(k))
      .executeTakeFirstOrThrow();
    await transitionProgress(office, p.id, { action, version: p.version, comment });
  };

  for (const [i, s] of specs.entries()) {
    const target = targetPercent(s, today);
    const values = monthlyPercents(s, target);
    for (let k = 0; k < 3; k += 1) {
      const fate = s.reports[k];
      if (!fate) continue;
      const percent = values[k]!;
      // One report comes in after the 25th (迟报); a task that is finished reports it before its due date.
      const lateOne = s.aim === 'behind' && k === 2 && fate === 'submitted';
      const finishing = s.aim === 'done' && percent >= 100;
      const submitDay = lateOne ? 27 : finishing ? 12 : 18 + (i % 7);
      const tSubmit = bjAt(m(k, submitDay), 9.5 + (i % 6) * 0.8);
      const summary = `${monthLabel(period(k))}：${s.work[k] || s.work.find((w) => w) || '按计划推进'}。`;
      d.at(tSubmit, `progress ${s.code}`, async () => {
        await submit(s, k, percent, summary);
        if (fate === 'submitted') return;
        d.at(tSubmit + (1 + (i % 3)) * DAY + 2 * HOUR, `progress review ${s.code}`, async () => {
          if (fate === 'approved') return review(s, k, 'approve', percent >= 100 ? '任务已完成，同意销号' : '同意');
          await review(s, k, 'return', s.returnComment ?? '佐证材料不全，请补充后重新报送');
          if (fate === 'again')
            d.at(tSubmit + (3 + (i % 3)) * DAY + 3 * HOUR, `progress resubmit ${s.code}`, async () => {
              await submit(s, k, percent, `${summary}（已按要求补充佐证材料）`);
              d.at(tSubmit + (4 + (i % 3)) * DAY + 4 * HOUR, `progress review ${s.code}`, () =>
                review(s, k, 'approve', '补充材料已齐全，同意'),
              );
            });
        });
      });
    }
    // A task whose due date was moved: the office changes it in October, the baseline keeps the first plan.
    if (s.firstDue) d.at(bjAt(m(1, 16), 15), `task due ${s.code}`, () => changeTask(s, (b) => ({ ...b, dueDate: s.due })));
    // Milestones (节点) reached during the story.
    for (const [j, ms] of (s.milestones ?? []).entries())
      if (ms.done && ms.date >= m(0, 2))
        d.at(bjAt(ms.date, 17), `task milestone ${s.code}`, () =>
          changeTask(s, (b) => ({ ...b, milestones: b.milestones.map((x, n) => (n === j ? { ...x, done: true } : x)) })),
        );
  }

  // 3. The tasks' sweep every working morning (reminders, missing reports, 督办单 and the leader after a week).
  for (let t = storyStart + 8 * HOUR + 20 * 60_000; t < now; t += DAY) {
    if (!isWorkingDay(t)) continue;
    d.at(t, 'task sweep', async () => void (await sweepTasks(d.system)));
  }

  // 4. Projects: registered by the office in the story's first week, milestones and photos by the owner units.
  const projects = projectSpecs(m, rel);
  for (const [i, p] of projects.entries()) {
    const state: { id?: string; body?: CreateProjectBody } = {};
    const owner = unitId(p.owner);
    const registeredOn = m(0, 3 + i);
    const milestoneOf = async (kind: MilestoneKind) =>
      db
        .selectFrom('project_milestones')
        .select(['id', 'version'])
        .where('project_id', '=', state.id!)
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow();
    d.at(bjAt(registeredOn, 10 + i), `project ${p.name}`, async () => {
      state.body = {
        campaignId: campaign.id,
        regionId: county.id,
        name: p.name,
        type: p.type,
        address: p.address,
        lat: p.lat,
        lng: p.lng,
        outline: p.outline,
        ownerUnitId: owner,
        investmentPlanned: p.investmentPlanned,
        investmentSpent: p.spent[0],
        handoverDate: p.handover,
        description: p.description,
        taskId: p.task ? (taskIds.get(key(p.task.plan, p.task.code)) ?? null) : null,
        milestones: (Object.entries(p.milestones) as Array<[MilestoneKind, ProjectSpec['milestones'][MilestoneKind]]>).map(([kind, x]) => ({
          kind,
          plannedDate: x.planned,
          actualDate: x.actual && x.actual <= registeredOn ? x.actual : null,
          note: x.actual && x.actual <= registeredOn ? (x.note ?? null) : null,
        })),
      };
      state.id = await createProject(office, state.body);
    });
    // Milestones reached during the story: the owner unit records the date.
    for (const [kind, x] of Object.entries(p.milestones) as Array<[MilestoneKind, ProjectSpec['milestones'][MilestoneKind]]>)
      if (x.actual && x.actual > registeredOn)
        d.at(bjAt(x.actual, 16), `project milestone ${p.name}`, async () => {
          const ms = await milestoneOf(kind);
          await updateMilestone(await d.unitCtx(owner), state.id!, ms.id, {
            actualDate: x.actual!,
            note: x.note ?? null,
            version: ms.version,
          });
        });
    // Photos: the stage's pictures by the owner unit, the day of the milestone (or in the week after registration).
    for (const [j, ph] of p.photos.entries()) {
      const ms = p.milestones[ph.kind];
      const day = ph.day ?? (ms.actual && ms.actual > registeredOn ? ms.actual : m(0, 4 + i + j));
      d.at(bjAt(day, 16.5 + j * 0.3), `project photo ${p.name}`, async () => {
        const ctx = await d.unitCtx(owner);
        const file = await uploadPhoto(ctx, d.storage, {
          bytes: await d.photos.jpeg(`${p.name.slice(0, 8)} ${ph.caption}`, ph.stage !== 'before'),
          originalName: `${ph.stage}.jpg`,
          fields: { lat: p.lat, lng: p.lng, address: p.address },
        });
        await addPhoto(ctx, state.id!, {
          fileId: file.id,
          milestoneId: (await milestoneOf(ph.kind)).id,
          stage: ph.stage,
          caption: ph.caption,
        });
      });
    }
    // Investment spent: the office updates it from the owner's monthly statement.
    d.at(bjAt(m(2, 28), 11 + i), `project investment ${p.name}`, async () => {
      const { version } = await db.selectFrom('projects').select('version').where('id', '=', state.id!).executeTakeFirstOrThrow();
      const { milestones: _m, ...body } = state.body!;
      await updateProject(office, state.id!, updateProjectBody.parse({ ...body, investmentSpent: p.spent[1], version }));
    });
  }
}

/** The percent the task's last approved report carries on `today`, so the task has its aimed status. */
function targetPercent(s: TaskSpec, today: string): number {
  if (s.aim === 'done') return 100;
  if (s.percent !== undefined) return s.percent;
  // Units report round figures: down to a multiple of 5 (进行中 stays within 12 points of the time gone, 滞后 28 or more behind).
  const gone = Math.round(elapsedShare(s.start, s.due, today) * 100);
  const down5 = (x: number) => Math.floor(x / 5) * 5;
  if (s.aim === 'behind') return Math.max(10, Math.min(down5(gone - 28), 80));
  if (s.aim === 'in_progress') return Math.max(5, Math.min(down5(gone - 7), 95));
  return 0;
}

/**
 * The percents of the three months' reports: the last approved one carries `target`; a report still waiting (or
 * returned) a little more; earlier ones less, rounded to 5. A done task reports 100 in its last month.
 */
function monthlyPercents(s: TaskSpec, target: number): number[] {
  const lastApproved = [0, 1, 2].filter((k) => s.reports[k] === 'approved' || s.reports[k] === 'again').pop() ?? -1;
  const round5 = (x: number) => Math.max(5, Math.round(x / 5) * 5);
  return [0, 1, 2].map((k) => {
    if (k === lastApproved) return target;
    if (k > lastApproved) return Math.min(99, target + 6);
    const share = (k + 1) / (lastApproved + 1);
    return Math.min(target - 5, round5(target * (0.45 + 0.5 * share)));
  });
}
