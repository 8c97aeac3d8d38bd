/**
 * /api/problem-settings: deadline policies per severity and dispatch rules (category × region → unit).
 * Both belong to a region and are inherited downward (resolve.ts); the global defaults are read-only
 * except through a global grant, and an office edits only the regions in its scope (others: 404).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createdDispatchRule,
  deadlinePolicyList,
  dispatchRuleBody,
  dispatchRuleList,
  noContent,
  regionDeadlineBody,
  savedDeadlinePolicy,
  updateDeadlineBody,
} from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { authorize, can } from '../../platform/policy';
import '../problems/policy';
import { createDispatchRule } from './create-dispatch-rule';
import { deleteDispatchRule } from './delete-dispatch-rule';
import { listDeadlinePolicies, listDispatchRules } from './repository';
import { homeRegion, mayEditGlobal, readableRegion } from './resolve';
import {
  regionSeverityParam,
  resetRegionDeadlinePolicy,
  setRegionDeadlinePolicy,
  severityParam,
  updateDeadlinePolicy,
} from './update-deadline-policy';

/** Registers the settings routes. */
export function problemSettingsRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['problem-settings'];

    app.get(
      '/deadlines',
      {
        schema: {
          querystring: z.object({ regionId: z.uuid('区域编号格式不正确').optional() }),
          response: { 200: deadlinePolicyList },
          tags,
        },
      },
      async (req) => {
        authorize(req.ctx.actor, 'problems.list');
        const region = req.query.regionId
          ? await readableRegion(req.ctx.db, req.ctx.actor, 'problems.list', req.query.regionId)
          : await homeRegion(req.ctx.db, req.ctx.actor, 'problems.list');
        return {
          region: region ? { id: region.id, name: region.name } : null,
          items: await listDeadlinePolicies(req.ctx.db, req.ctx.actor, region),
        };
      },
    );

    /** The global default (only through a global grant). */
    app.patch(
      '/deadlines/:severity',
      { schema: { params: severityParam, body: updateDeadlineBody, response: { 200: savedDeadlinePolicy }, tags } },
      async (req) => {
        authorize(req.ctx.actor, 'problems.manageRules');
        return { ...(await updateDeadlinePolicy(req.ctx, req.params.severity, req.body)), abilities: { update: true, reset: false } };
      },
    );

    /** A region's own value, inherited by everything under it. */
    app.put(
      '/regions/:regionId/deadlines/:severity',
      { schema: { params: regionSeverityParam, body: regionDeadlineBody, response: { 200: savedDeadlinePolicy }, tags } },
      async (req) => {
        authorize(req.ctx.actor, 'problems.manageRules');
        return {
          ...(await setRegionDeadlinePolicy(req.ctx, req.params.regionId, req.params.severity, req.body)),
          abilities: { update: true, reset: true },
        };
      },
    );

    /** Back to the inherited value. */
    app.delete(
      '/regions/:regionId/deadlines/:severity',
      { schema: { params: regionSeverityParam, response: { 204: noContent }, tags } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'problems.manageRules');
        await resetRegionDeadlinePolicy(req.ctx, req.params.regionId, req.params.severity);
        return reply.status(204).send(null);
      },
    );

    app.get('/dispatch-rules', { schema: { response: { 200: dispatchRuleList }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      const items = await listDispatchRules(req.ctx.db, req.ctx.actor);
      return {
        items,
        total: items.length,
        abilities: {
          create: can(req.ctx.actor, 'problems.manageRules'),
          createGlobal: mayEditGlobal(req.ctx.actor, 'problems.manageRules'),
        },
      };
    });

    app.post(
      '/dispatch-rules',
      { schema: { body: dispatchRuleBody, response: { 201: createdDispatchRule }, tags } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'problems.manageRules');
        return reply.status(201).send(await createDispatchRule(req.ctx, req.body));
      },
    );

    app.delete(
      '/dispatch-rules/:id',
      { schema: { params: z.object({ id: z.uuid('规则编号格式不正确') }), response: { 204: noContent }, tags } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'problems.manageRules');
        await deleteDispatchRule(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
