/**
 * POST requests: an integrator (api_key) files a citizen's request. It enters the triage queue as a problem in
 * 待受理 with source `open311` through the loop's own insert; the citizen's identity (email, names, phone, device,
 * account) is kept only in open311_requests, never in the problem and never in an answer.
 */
import { randomUUID } from 'node:crypto';
import { checkAnswers, severityFromAnswers } from '../../../common/category-questions';
import { PROBLEM_SEVERITIES, type ProblemSeverity } from '../../../common/problem-workflow';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications/notify';
import { insertProblem } from '../problems/insert-problem';
import { problemLink } from '../problems/verb';
import { authenticateKey, integratorActor } from '../integrations/authenticate-key';
import { listServices } from './repository';
import { questionsOf, saveQuestionAnswers } from '../problem-categories/category-questions';

export type FormBody = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
};

const bad = (message: string) => new AppError('validation', message);

/** `attribute[code]` (and `attribute[code][]`, repeated for a multivaluelist) → code → values. */
function attributesOf(body: FormBody): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([^\]]{1,40})\](\[\])?$/.exec(k);
    if (!m || v === undefined) continue;
    out.set(m[1], [...(out.get(m[1]) ?? []), ...(Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter(Boolean)]);
  }
  return out;
}

/** Files the request; answers the problem code and the token. */
export async function postRequest(ctx: Ctx, body: FormBody) {
  const integrator = await authenticateKey(ctx.db, one(body.api_key), ctx.clock.now());
  const jurisdiction = one(body.jurisdiction_id);
  if (jurisdiction && jurisdiction !== integrator.jurisdictionId)
    throw new AppError('forbidden', `该 api_key 只能向 jurisdiction_id=${integrator.jurisdictionId} 提交`);
  const serviceCode = one(body.service_code);
  if (!serviceCode) throw bad('service_code 必填');
  const [service] = await listServices(ctx.db, integrator.countyPath, serviceCode);
  if (!service) throw bad(`service_code ${serviceCode} 不存在或未开放`);

  const latText = one(body.lat);
  const lngText = one(body.long);
  const address = one(body.address_string) ?? one(body.address_id);
  if ((latText === undefined) !== (lngText === undefined)) throw bad('lat 和 long 须同时提供');
  if (latText === undefined && !address) throw bad('须提供位置：lat 和 long，或 address_string');
  const lat = latText === undefined ? null : Number(latText);
  const lng = lngText === undefined ? null : Number(lngText);
  if (lat !== null && !(Number.isFinite(lat) && lat >= -90 && lat <= 90)) throw bad('lat 须为 -90 到 90 之间的数');
  if (lng !== null && !(Number.isFinite(lng) && lng >= -180 && lng <= 180)) throw bad('long 须为 -180 到 180 之间的数');
  if (address && address.length > 200) throw bad('address_string 不超过 200 字');

  const email = one(body.email);
  if (email && (email.length > 120 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) throw bad('email 格式有误');
  const phone = one(body.phone);
  if (phone && !/^[+\d][\d\s-]{4,24}$/.test(phone)) throw bad('phone 格式有误');
  const mediaUrl = one(body.media_url);
  if (mediaUrl && (mediaUrl.length > 500 || !/^https?:\/\/\S+$/i.test(mediaUrl))) throw bad('media_url 须为 http(s) 网址');
  const description = one(body.description);
  if (description && description.length > 2000) throw bad('description 不超过 2000 字');
  for (const f of ['first_name', 'last_name', 'device_id', 'account_id'] as const)
    if ((one(body[f])?.length ?? 0) > 100) throw bad(`${f} 不超过 100 字`);

  // Attributes: the category's 附加问题 — required ones present, each value of its datatype (list values from the
  // list); an unknown code is refused (a typo would be lost silently). common/category-questions.ts checks them.
  const checked = checkAnswers(await questionsOf(ctx.db, service.code), attributesOf(body));
  if (!checked.ok) throw bad(checked.message);
  const answers = checked.answers;
  const severity: ProblemSeverity = severityFromAnswers(answers, PROBLEM_SEVERITIES, 'normal');

  const actorCtx: Ctx = { ...ctx, actor: integratorActor(integrator, 'Open311') };
  // The answers stay apart from the description (which Open311 publishes): staff read them on the problem page.
  const text = description ?? `${service.name}（${address ?? '见坐标'}）`;
  const token = randomUUID();
  const created = await ctx.db.transaction().execute(async (tx) => {
    const problem = await insertProblem(tx, actorCtx, {
      clientId: null,
      description: text.slice(0, 2000),
      categoryCode: service.code,
      source: 'open311',
      severity,
      state: 'pending',
      regionId: integrator.countyId,
      lat,
      lng,
      address: address ?? null,
      siteId: null,
    });
    await tx
      .insertInto('open311_requests')
      .values({
        problem_id: problem.id,
        key_id: integrator.keyId,
        token,
        service_code: service.code,
        email: email ?? null,
        first_name: one(body.first_name) ?? null,
        last_name: one(body.last_name) ?? null,
        phone: phone ?? null,
        device_id: one(body.device_id) ?? null,
        account_id: one(body.account_id) ?? null,
        media_url: mediaUrl ?? null,
        address_string: address ?? null,
        attributes: JSON.stringify(Object.fromEntries(answers.map((a) => [a.code, a.value]))),
        created_at: ctx.clock.now(),
      })
      .execute();
    await saveQuestionAnswers(tx, problem.id, answers, ctx.clock.now());
    // The audit trail names the key and integrator, never the citizen.
    await recordEvent(tx, actorCtx, {
      action: 'open311_request.received',
      subjectType: 'problem',
      subjectId: problem.id,
      after: { code: problem.code, key_id: integrator.keyId, integrator: integrator.integrator, service_code: service.code },
    });
    await notify(ctx, tx, [{ nearestOffice: integrator.countyPath }], {
      kind: 'reported',
      title: `Open311 新诉求 ${problem.code} 待受理`,
      body: text.slice(0, 80),
      link: problemLink(problem.id),
      problemId: problem.id,
      regionPath: integrator.countyPath,
    });
    return problem;
  });
  return { code: created.code, token, accountId: one(body.account_id) ?? null };
}
