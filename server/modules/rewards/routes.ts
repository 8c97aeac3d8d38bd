/**
 * /api/rewards: 奖惩兑现 — the ledger (entries proposed when a ranking is published; 审批, 兑现 with proof, 撤销), its
 * .xlsx, the year view, and the office's rules. Thin: parse, call one command, present.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  deleteRewardRuleQuery,
  fileResponse,
  idParam,
  noContent,
  rewardEntryPage,
  rewardEntryResponse,
  rewardRuleBody,
  rewardRulePage,
  rewardRuleResponse,
  rewardTransitionBody,
  rewardYearResponse,
  updateRewardRuleBody,
  XLSX_MIME,
} from '../../../common/contracts';
import { DEFAULT_REWARD_RULES } from '../../../common/reward-workflow';
import type { ModuleDeps } from '../../app';
import { notFound } from '../../platform/errors';
import { authorize, can } from '../../platform/policy';
import { sendWorkbook } from '../../platform/xlsx';
import { visibleRuleSql } from './access';
import { transitionEntry } from './entry-workflow';
import { presentRule, ruleFields } from './presenter';
import { exportLedger, readEntries, readEntry, readYear } from './read-ledger';
import { findRule, listRules } from './repository';
import { createRule, retireRule, updateRule } from './save-rule';
import { entryFilterQuery, entryListQuery, ruleListQuery, yearQuery } from './schemas';

export function rewardRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['rewards'];

    /* ---------------------------------------------------------------- ledger */

    app.get('/entries', { schema: { tags, querystring: entryListQuery, response: { 200: rewardEntryPage } } }, async (req) =>
      readEntries(req.ctx, req.query),
    );

    app.get(
      '/entries.xlsx',
      { schema: { tags, querystring: entryFilterQuery, response: { 200: fileResponse(XLSX_MIME, '奖惩兑现台账') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportLedger(req.ctx, req.query);
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.get('/year', { schema: { tags, querystring: yearQuery, response: { 200: rewardYearResponse } } }, async (req) =>
      readYear(req.ctx, req.query),
    );

    app.get('/entries/:id', { schema: { tags, params: idParam, response: { 200: rewardEntryResponse } } }, async (req) =>
      readEntry(req.ctx, req.params.id),
    );

    app.post(
      '/entries/:id/transitions',
      { schema: { tags, params: idParam, body: rewardTransitionBody, response: { 200: rewardEntryResponse } } },
      async (req) => {
        await transitionEntry(req.ctx, req.params.id, req.body);
        return readEntry(req.ctx, req.params.id);
      },
    );

    /* ---------------------------------------------------------------- rules */

    app.get('/rules', { schema: { tags, querystring: ruleListQuery, response: { 200: rewardRulePage } } }, async (req) => {
      authorize(req.ctx.actor, 'evaluation.read');
      const rows = await listRules(req.ctx.db, visibleRuleSql(req.ctx.actor), req.query);
      return {
        items: rows.map((r) => presentRule(r, req.ctx.actor)),
        total: rows.length,
        defaults: DEFAULT_REWARD_RULES.map((r) =>
          ruleFields({
            ...r,
            list: r.list ?? null,
            rank: null,
            score: null,
            streak: null,
            proposal: r.proposal ?? null,
            amount: r.amount ?? null,
            points: null,
          }),
        ),
      };
    });

    app.post('/rules', { schema: { tags, body: rewardRuleBody, response: { 201: rewardRuleResponse } } }, async (req, reply) => {
      authorize(req.ctx.actor, 'evaluation.manage');
      const id = await createRule(req.ctx, req.body);
      return reply.status(201).send(presentRule((await findRule(req.ctx.db, id))!, req.ctx.actor));
    });

    app.get('/rules/:id', { schema: { tags, params: idParam, response: { 200: rewardRuleResponse } } }, async (req) => {
      const r = await findRule(req.ctx.db, req.params.id);
      if (!r || !can(req.ctx.actor, 'evaluation.read', { regionPath: r.region_path, campaignId: r.campaign_id }))
        throw notFound('奖惩规则');
      return presentRule(r, req.ctx.actor);
    });

    app.put(
      '/rules/:id',
      { schema: { tags, params: idParam, body: updateRewardRuleBody, response: { 200: rewardRuleResponse } } },
      async (req) => {
        await updateRule(req.ctx, req.params.id, req.body);
        return presentRule((await findRule(req.ctx.db, req.params.id))!, req.ctx.actor);
      },
    );

    app.delete(
      '/rules/:id',
      { schema: { tags, params: idParam, querystring: deleteRewardRuleQuery, response: { 204: noContent } } },
      async (req, reply) => {
        await retireRule(req.ctx, req.params.id, req.query.version);
        return reply.status(204).send(null);
      },
    );
  };
}
