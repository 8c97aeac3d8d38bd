/**
 * 问卷调查 (a wave): the office creates one in 筹备中 over a questionnaire version it can see (the version is frozen for
 * the wave), with population figures per town × respondent group, quotas allocated from them (largest remainder, see
 * `allocateQuotas`; split evenly by gender when asked), assigned interviewers and towns, and the public link's token.
 * While 筹备中 the office may replace all of it (version-guarded). Checks answer 422 naming the row; every change is
 * audited.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import { waveBody, type waveUpdateBody } from '../../../common/contracts/surveys';
import { allocateQuotas } from '../../../common/surveys';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, forbidden, versionConflict } from '../../platform/errors';
import { can } from '../../platform/policy';
import { surveysPolicy } from './policy';
import { mayManageWave, mayReadQuestionnaire, mayReadWave, waveNotFound } from './access';
import { findQuestionnaire, findWave, placedInterviewers, townsUnder, writeWaveRows } from './repository';
import { managedRegion } from './save-questionnaire';

type Body = z.output<typeof waveBody>;
type UpdateBody = z.output<typeof waveUpdateBody>;

const bad = (message: string, field?: string) => new AppError('unprocessable', message, field ? { field } : {});

/** Quota cells: the target over town × group rows by population, each row's share split evenly by gender if asked. */
export function computeQuotas(
  targetSize: number,
  population: Array<{ townId: string; groupCode: string; population: number }>,
  byGender: boolean,
) {
  const shares = allocateQuotas(
    targetSize,
    population.map((p) => p.population),
  );
  return population.flatMap((p, i) => {
    if (!byGender) return [{ townId: p.townId, groupCode: p.groupCode, gender: '', target: shares[i] }];
    const [male, female] = allocateQuotas(shares[i], [1, 1]);
    return [
      { townId: p.townId, groupCode: p.groupCode, gender: 'male', target: male },
      { townId: p.townId, groupCode: p.groupCode, gender: 'female', target: female },
    ];
  });
}

/** Everything a wave body is checked against; returns the region and the stored columns. */
async function checkWave(ctx: Ctx, body: Body) {
  const region = await managedRegion(ctx, body.regionId);
  const q = await findQuestionnaire(ctx.db, body.questionnaireId);
  if (!q || !mayReadQuestionnaire(ctx.actor, q) || !region.path.startsWith(q.region_path))
    throw bad('questionnaireId：问卷不存在或不属于本地区', 'questionnaireId');
  if (q.retired_at) throw bad('questionnaireId：该问卷已停用', 'questionnaireId');
  if (body.campaignId) {
    const c = await ctx.db
      .selectFrom('campaigns as c')
      .innerJoin('regions as r', 'r.id', 'c.region_id')
      .select(['c.id', 'r.path'])
      .where('c.id', '=', body.campaignId)
      .executeTakeFirst();
    if (!c || !(c.path.startsWith(region.path) || region.path.startsWith(c.path)))
      throw bad('campaignId：创建项目不存在或不属于本地区', 'campaignId');
  }
  const groups = new Set(q.definition.groups.map((g) => g.code));
  const towns = await townsUnder(ctx.db, region.path, [...new Set(body.population.map((p) => p.townId))]);
  const townIds = new Set(towns.map((t) => t.id));
  const seen = new Set<string>();
  body.population.forEach((p, i) => {
    const where = `人口第 ${i + 1} 行`;
    if (!townIds.has(p.townId)) throw bad(`${where}：乡镇（街道）不在${region.name}内`, `population.${i}.townId`);
    if (!groups.has(p.groupCode)) throw bad(`${where}：调查对象 ${p.groupCode} 不是问卷中的人群`, `population.${i}.groupCode`);
    const key = `${p.townId}|${p.groupCode}`;
    if (seen.has(key)) throw bad(`${where}：同一乡镇、同一人群重复填写`, `population.${i}`);
    seen.add(key);
  });
  if (!body.population.some((p) => p.population > 0)) throw bad('人口合计须大于0', 'population');
  const userIds = [...new Set(body.interviewers.map((i) => i.userId))];
  if (userIds.length !== body.interviewers.length) throw bad('访问员重复填写', 'interviewers');
  const placed = new Set((await placedInterviewers(ctx.db, userIds, surveysPolicy.table.interview, region.path)).map((u) => u.id));
  body.interviewers.forEach((iv, i) => {
    const where = `访问员第 ${i + 1} 行`;
    if (!placed.has(iv.userId)) throw bad(`${where}：不是${region.name}可执行访问的在岗人员`, `interviewers.${i}.userId`);
    for (const t of iv.townIds) if (!townIds.has(t)) throw bad(`${where}：所选乡镇不在本次调查的乡镇中`, `interviewers.${i}.townIds`);
  });
  const quotas = computeQuotas(body.targetSize, body.population, body.quotaByGender);
  return { region, q, quotas };
}

const newToken = () => crypto.randomBytes(18).toString('base64url');

const auditView = (b: Body) => ({
  name: b.name,
  questionnaireId: b.questionnaireId,
  startsOn: b.startsOn,
  endsOn: b.endsOn,
  targetSize: b.targetSize,
  quotaByGender: b.quotaByGender,
  minDurationSeconds: b.minDurationSeconds,
  publicLink: b.publicLink,
  towns: new Set(b.population.map((p) => p.townId)).size,
  interviewers: b.interviewers.length,
});

/** A new wave in 筹备中; returns its id. */
export async function createWave(ctx: Ctx, input: z.input<typeof waveBody>): Promise<string> {
  const body = waveBody.parse(input);
  const { region, quotas } = await checkWave(ctx, body);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const row = await tx
      .insertInto('survey_waves')
      .values({
        region_id: region.id,
        campaign_id: body.campaignId ?? null,
        questionnaire_id: body.questionnaireId,
        name: body.name,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        target_size: body.targetSize,
        quota_by_gender: body.quotaByGender,
        min_duration_seconds: body.minDurationSeconds,
        public_token: body.publicLink ? newToken() : null,
        created_by: actorUserId(ctx.actor),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeWaveRows(tx, row.id, body.population, quotas, body.interviewers);
    await recordEvent(tx, ctx, { action: 'survey_wave.created', subjectType: 'survey_wave', subjectId: row.id, after: auditView(body) });
    return row.id;
  });
}

/** Replaces a 筹备中 wave (at the caller's version). */
export async function updateWave(ctx: Ctx, id: string, body: UpdateBody): Promise<void> {
  const w = await findWave(ctx.db, id);
  if (!w || !mayReadWave(ctx.actor, w)) throw waveNotFound();
  if (!mayManageWave(ctx.actor, w) || !can(ctx.actor, 'surveys.manage')) throw forbidden('只有创建办可以修改问卷调查');
  if (w.version !== body.version) throw versionConflict();
  if (w.state !== 'draft') throw new AppError('conflict', '调查已开始，不能再修改设置');
  if (body.regionId !== w.region_id) throw bad('regionId：不能更改调查所属区划', 'regionId');
  const { quotas } = await checkWave(ctx, body);
  await ctx.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('survey_waves')
      .set({
        campaign_id: body.campaignId ?? null,
        questionnaire_id: body.questionnaireId,
        name: body.name,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        target_size: body.targetSize,
        quota_by_gender: body.quotaByGender,
        min_duration_seconds: body.minDurationSeconds,
        public_token: body.publicLink ? (w.public_token ?? newToken()) : null,
        updated_at: ctx.clock.now(),
        version: w.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', w.version)
      .where('state', '=', 'draft')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw versionConflict();
    await writeWaveRows(tx, id, body.population, quotas, body.interviewers);
    await recordEvent(tx, ctx, {
      action: 'survey_wave.updated',
      subjectType: 'survey_wave',
      subjectId: id,
      before: {
        name: w.name,
        questionnaireId: w.questionnaire_id,
        startsOn: w.starts_on,
        endsOn: w.ends_on,
        targetSize: w.target_size,
        quotaByGender: w.quota_by_gender,
        minDurationSeconds: w.min_duration_seconds,
        publicLink: w.public_token !== null,
      },
      after: auditView(body),
    });
  });
}
