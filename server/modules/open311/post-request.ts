/**
 * POST requests: an integrator (api_key) files a citizen's request. It enters the triage queue as a problem in
 * 待受理 with source `open311` through the loop's own insert; the citizen's identity (email, names, phone, device,
 * account) is kept only in open311_requests, never in the problem and never in an answer.
 */
import { randomUUID } from 'node:crypto';
import type { ProblemSeverity } from '../../../common/problem-workflow';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications/notify';
import { insertProblem } from '../problems/insert-problem';
import { problemLink } from '../problems/verb';
import { authenticateKey, integratorActor } from '../integrations/authenticate-key';
import { parseW3c } from './datetime';
import { listServices } from './repository';
import { serviceAttributes } from './services';

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

  // Attributes: each checked against its datatype; an unknown code is refused (a typo would be lost silently).
  const defs = await serviceAttributes(ctx.db);
  const given = attributesOf(body);
  const attributes: Record<string, string | number | string[]> = {};
  const notes: string[] = [];
  for (const [code, values] of given) {
    const def = defs.find((d) => d.code === code);
    if (!def) throw bad(`未知属性 attribute[${code}]`);
    if (!values.length) continue;
    const label = (k: string) => def.values.find((v) => v.key === k)?.name;
    switch (def.datatype) {
      case 'singlevaluelist':
        if (values.length > 1 || !label(values[0]))
          throw bad(`attribute[${code}] 须为以下之一：${def.values.map((v) => v.key).join(', ')}`);
        attributes[code] = values[0];
        notes.push(`${def.description}：${label(values[0])}`);
        break;
      case 'multivaluelist': {
        const keys = values
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter(Boolean);
        const unknown = keys.filter((k) => !label(k));
        if (unknown.length) throw bad(`attribute[${code}] 含未知取值：${unknown.join(', ')}`);
        attributes[code] = [...new Set(keys)];
        notes.push(`${def.description}：${attributes[code].map((k) => label(k)).join('、')}`);
        break;
      }
      case 'number': {
        const n = Number(values[0]);
        if (!Number.isFinite(n) || n < 0 || n > 1_000_000) throw bad(`attribute[${code}] 须为数字`);
        attributes[code] = n;
        notes.push(`${def.description}：${n}`);
        break;
      }
      case 'datetime':
        attributes[code] = parseW3c(`attribute[${code}]`, values[0]).toISOString();
        notes.push(`${def.description}：${values[0]}`);
        break;
      default: {
        const max = def.datatype === 'text' ? 1000 : 100;
        if (values[0].length > max) throw bad(`attribute[${code}] 不超过 ${max} 字`);
        attributes[code] = values[0];
        notes.push(`${def.description}：${values[0]}`);
      }
    }
  }
  // The severity attribute was checked against the loop's severities (its singlevaluelist).
  const severity = (attributes.severity as ProblemSeverity | undefined) ?? 'normal';

  const actorCtx: Ctx = { ...ctx, actor: integratorActor(integrator, 'Open311') };
  const text = [
    description ?? `${service.name}（${address ?? '见坐标'}）`,
    ...(notes.length ? [`【附加信息】${notes.join('；')}`] : []),
  ].join('\n');
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
        attributes: JSON.stringify(attributes),
        created_at: ctx.clock.now(),
      })
      .execute();
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
