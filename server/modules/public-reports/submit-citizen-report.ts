/**
 * 随手拍: a citizen's report becomes a problem in 待受理 (source citizen) through the loop's own insert path, filed
 * under the citizen account; who reported it (name, phone, device, address hash) goes to citizen_reports only. One
 * transaction: the proof of work is spent, the limits counted, the photos claimed, the problem, its photos, the
 * reporter row and the office's notice written — or nothing at all.
 */
import { sql } from 'kysely';
import { checkAnswers, severityFromAnswers } from '../../../common/category-questions';
import type { PublicReportInput } from '../../../common/contracts/public-reports';
import { PROBLEM_SEVERITIES } from '../../../common/problem-workflow';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications/notify';
import { insertProblem } from '../problems/insert-problem';
import { reportPhotosInsert } from '../problems/repository';
import { questionsOf, saveQuestionAnswers } from '../problem-categories/category-questions';
import { problemLink } from '../problems/verb';
import { spendChallenge } from './challenge';
import { asCitizen } from './citizen-actor';
import { countWrongCode, usePhoneCode } from './phone-codes';
import { keyHash, takeRateLimit } from './rate-limit';
import { claimUploads, countyByCode, isPublicCategory, nearestSiteRegion } from './repository';
import { newTrackingCode, trackingHash, trackingUrl } from './tracking-code';

/** Files the report; answers the tracking code (shown once) and the private link. */
export async function submitCitizenReport(ctx: Ctx, input: PublicReportInput): Promise<{ trackingCode: string; trackingUrl: string }> {
  const now = ctx.clock.now();
  if (input.phone && !input.phoneCode) throw new AppError('validation', '填写手机号时请获取并填写短信验证码');
  if (input.phoneCode && !input.phone) throw new AppError('validation', '请填写接收验证码的手机号');
  if (!input.location && !input.countyCode) throw new AppError('validation', '请定位或在地图上点选问题位置');
  const photoIds = [...new Set(input.photoIds)];
  const code = newTrackingCode();
  let wrongCodeId: string | null = null;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await spendChallenge(tx, now, input.proof);
      await takeRateLimit(tx, 'report', { ip: ctx.meta.ip, device: input.deviceId }, now);
      if (!(await isPublicCategory(tx, input.categoryCode))) throw new AppError('validation', '请从列表中选择问题类别');
      // The category's 附加问题: the same check as Open311's attributes, its messages naming the question.
      const given = new Map(Object.entries(input.answers ?? {}).map(([code, v]) => [code, Array.isArray(v) ? v : [v]]));
      const checked = checkAnswers(await questionsOf(tx, input.categoryCode), given, 'question');
      if (!checked.ok) throw new AppError('validation', checked.message);
      const county = input.countyCode ? await countyByCode(tx, input.countyCode) : undefined;
      if (input.countyCode && !county) throw new AppError('validation', '所选区县不存在');
      const near = input.location ? await nearestSiteRegion(tx, input.location.lat, input.location.lng, county?.path ?? null) : undefined;
      const region = near ? { id: near.region_id, path: near.path } : county;
      if (!region) throw new AppError('validation', '该位置不在本平台服务范围内，请选择所在区县');
      if (input.phone && input.phoneCode) {
        const wrong = await usePhoneCode(tx, now, input.phone, input.phoneCode);
        if (wrong) {
          wrongCodeId = wrong.wrongCodeId;
          throw new AppError('validation', '短信验证码不正确');
        }
      }
      const citizen = asCitizen(ctx);
      const problem = await insertProblem(tx, citizen, {
        clientId: null,
        description: input.description,
        categoryCode: input.categoryCode,
        source: 'citizen',
        severity: severityFromAnswers(checked.answers, PROBLEM_SEVERITIES, 'normal'),
        state: 'pending',
        regionId: region.id,
        lat: input.location?.lat ?? null,
        lng: input.location?.lng ?? null,
        address: input.address ?? null,
        siteId: null,
      });
      if ((await claimUploads(tx, photoIds, input.deviceId, problem.id)) !== photoIds.length) {
        throw new AppError('validation', '照片不存在、已被使用或不是本设备上传的，请重新上传');
      }
      await reportPhotosInsert(tx, problem.id, photoIds).execute();
      await saveQuestionAnswers(tx, problem.id, checked.answers, now);
      await sql`insert into citizen_reports (problem_id, original_problem_id, tracking_hash, name, phone, phone_verified, device_id, ip_hash, created_at)
        values (${problem.id}, ${problem.id}, ${trackingHash(code)}, ${input.name || null}, ${input.phone || null}, ${!!input.phone},
                ${input.deviceId}, ${ctx.meta.ip ? keyHash('ip', ctx.meta.ip) : null}, ${now})`.execute(tx);
      await notify(ctx, tx, [{ nearestOffice: region.path }], {
        kind: 'reported',
        title: `随手拍 ${problem.code} 待受理`,
        body: input.description.slice(0, 80),
        link: problemLink(problem.id),
        problemId: problem.id,
        regionPath: region.path,
      });
    });
  } catch (error) {
    if (wrongCodeId) await countWrongCode(ctx.db, wrongCodeId);
    throw error;
  }
  return { trackingCode: code, trackingUrl: trackingUrl(code) };
}
