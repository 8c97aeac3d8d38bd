/**
 * 奖惩规则: the office creates, edits and retires rules (evaluation.manage over the campaign). A rule is checked here and
 * answered 422 naming the field (`amount：…`). Every change is audited with its before and after; an entry copies its
 * rule when proposed, so neither an edit nor a retirement changes a past entry. Edits are version-guarded (409).
 */
import type { RewardRuleBody } from '../../../common/contracts/rewards';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Db, Tx } from '../../platform/db';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors';
import { can } from '../../platform/policy';
import { findRule } from './repository';

const bad = (field: string, message: string) => new AppError('unprocessable', `${field}：${message}`, { field });

type RuleInput = Omit<RewardRuleBody, 'campaignId'>;

/** The stored columns of a valid rule (fields the condition or kind does not use are cleared); 422 otherwise. */
export async function validateRule(db: Db | Tx, campaignId: string, b: RuleInput) {
  let groups: string[] | null = null;
  if (b.schemeKey) {
    const scheme = await db
      .selectFrom('evaluation_schemes')
      .select(['groups'])
      .where('scheme_key', '=', b.schemeKey)
      .where('campaign_id', '=', campaignId)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (!scheme) throw bad('schemeKey', '考核方案不存在或不属于该创建项目');
    groups = (scheme.groups as Array<{ name: string }>).map((g) => g.name);
  }
  const int = (v: number | null | undefined, min: number, max: number) => v != null && Number.isInteger(v) && v >= min && v <= max;
  if (b.match === 'list' && !b.list) throw bad('list', '请选择红榜（red）或黑榜（black）');
  if (b.match === 'rank' && !int(b.rank, 1, 100)) throw bad('rank', '名次须为 1 至 100 的整数');
  if (b.match === 'score_below' && (b.score == null || b.score <= 0 || b.score > 1000)) throw bad('score', '分数须大于 0，不超过 1000');
  if (b.match === 'streak' && !int(b.streak, 1, 24)) throw bad('streak', '连续上黑榜月数须为 1 至 24 的整数');
  if (b.match === 'proposal' && !b.proposal) throw bad('proposal', '请选择约谈（interview）或问责（accountability）');
  const groupName = b.groupName?.trim() || null;
  if (groupName && groups && !groups.includes(groupName)) throw bad('groupName', `考核方案中没有名为“${groupName}”的分组`);
  if (b.kind === 'subsidy' && (b.amount == null || b.amount <= 0 || b.amount > 10_000_000 || Math.round(b.amount * 100) !== b.amount * 100))
    throw bad('amount', '以奖代补须填写大于 0 的金额（元，最多两位小数，不超过 1000 万）');
  if (b.kind === 'deduct' && (b.points == null || b.points <= 0 || b.points > 100))
    throw bad('points', '扣年度考核分须填写大于 0、不超过 100 的分值');
  return {
    scheme_key: b.schemeKey ?? null,
    name: b.name,
    match: b.match,
    list: b.match === 'list' ? b.list! : null,
    rank: b.match === 'rank' ? b.rank! : null,
    score: b.match === 'score_below' ? b.score! : null,
    streak: b.match === 'streak' ? b.streak! : null,
    proposal: b.match === 'proposal' ? b.proposal! : null,
    group_name: groupName,
    kind: b.kind,
    amount: b.kind === 'subsidy' ? b.amount! : null,
    points: b.kind === 'deduct' ? b.points! : null,
    active: b.active ?? true,
  };
}

/** The campaign with its region, 404 unless the actor reads its evaluation, 403 unless they manage it. */
async function managedCampaign(ctx: Ctx, campaignId: string) {
  const c = await ctx.db
    .selectFrom('campaigns as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['c.id', 'r.path'])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
  const scope = c && { regionPath: c.path, campaignId: c.id };
  if (!scope || !can(ctx.actor, 'evaluation.read', scope)) throw notFound('创建项目');
  if (!can(ctx.actor, 'evaluation.manage', scope)) throw forbidden('只有创建办可以设置奖惩规则');
}

export async function createRule(ctx: Ctx, body: RewardRuleBody): Promise<string> {
  await managedCampaign(ctx, body.campaignId);
  const cols = await validateRule(ctx.db, body.campaignId, body);
  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const row = await tx
      .insertInto('reward_rules')
      .values({ ...cols, campaign_id: body.campaignId, created_by: actorUserId(ctx.actor), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, { action: 'reward_rule.created', subjectType: 'reward_rule', subjectId: row.id, after: cols });
    return row.id;
  });
}

async function loadForChange(ctx: Ctx, id: string, version: number | undefined) {
  const rule = await findRule(ctx.db, id);
  if (!rule || !can(ctx.actor, 'evaluation.read', { regionPath: rule.region_path, campaignId: rule.campaign_id }))
    throw notFound('奖惩规则');
  if (!can(ctx.actor, 'evaluation.manage', { regionPath: rule.region_path, campaignId: rule.campaign_id }))
    throw forbidden('只有创建办可以设置奖惩规则');
  if (version !== undefined && version !== rule.version) throw versionConflict();
  return rule;
}

const stored = (r: NonNullable<Awaited<ReturnType<typeof findRule>>>) => ({
  scheme_key: r.scheme_key,
  name: r.name,
  match: r.match,
  list: r.list,
  rank: r.rank,
  score: r.score,
  streak: r.streak,
  proposal: r.proposal,
  group_name: r.group_name,
  kind: r.kind,
  amount: r.amount === null ? null : Number(r.amount),
  points: r.points,
  active: r.active,
});

export async function updateRule(ctx: Ctx, id: string, body: RuleInput & { version: number }): Promise<void> {
  const rule = await loadForChange(ctx, id, body.version);
  const cols = await validateRule(ctx.db, rule.campaign_id, body);
  await ctx.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('reward_rules')
      .set({ ...cols, updated_at: ctx.clock.now(), version: rule.version + 1 })
      .where('id', '=', id)
      .where('version', '=', rule.version)
      .where('retired_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw versionConflict();
    await recordEvent(tx, ctx, {
      action: 'reward_rule.updated',
      subjectType: 'reward_rule',
      subjectId: id,
      before: stored(rule),
      after: cols,
    });
  });
}

export async function retireRule(ctx: Ctx, id: string, version?: number): Promise<void> {
  const rule = await loadForChange(ctx, id, version);
  await ctx.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('reward_rules')
      .set({ retired_at: ctx.clock.now(), updated_at: ctx.clock.now(), version: rule.version + 1 })
      .where('id', '=', id)
      .where('version', '=', rule.version)
      .where('retired_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw versionConflict();
    await recordEvent(tx, ctx, { action: 'reward_rule.retired', subjectType: 'reward_rule', subjectId: id, before: stored(rule) });
  });
}
