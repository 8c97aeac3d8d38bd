/** /api/problem-settings: deadline policies per severity and dispatch rules (category × region → unit), edited by the office. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app';
import { authorize, can } from '../../platform/policy';
import '../problems/policy';
import { createDispatchRule, dispatchRuleInput } from './create-dispatch-rule';
import { deleteDispatchRule } from './delete-dispatch-rule';
import { listDeadlinePolicies, listDispatchRules } from './repository';
import { severityParam, updateDeadlineInput, updateDeadlinePolicy } from './update-deadline-policy';

/** Registers the settings routes. */
export function problemSettingsRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['problem-settings'];

    app.get('/deadlines', { schema: { tags } }, async (req) => {
      authorize(req.ctx.actor, 'problems.list');
      const update = can(req.ctx.actor, 'problems.manageRules');
      return { items: (await listDeadlinePolicies(req.ctx.db)).map((p) => ({ ...p, abilities: { update } })) };
    });

    app.patch('/deadlines/:severity', { schema: { params: severityParam, body: updateDeadlineInput, tags } }, async (req) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      return { ...(await updateDeadlinePolicy(req.ctx, req.params.severity, req.body)), abilities: { update: true } };
    });

    app.get('/dispatch-rules', { schema: { tags } }, async (req) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      const items = (await listDispatchRules(req.ctx.db)).map((r) => ({ ...r, abilities: { delete: true } }));
      return { items, total: items.length, abilities: { create: true } };
    });

    app.post('/dispatch-rules', { schema: { body: dispatchRuleInput, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      return reply.status(201).send(await createDispatchRule(req.ctx, req.body));
    });

    app.delete('/dispatch-rules/:id', { schema: { params: z.object({ id: z.uuid('规则编号格式不正确') }), tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'problems.manageRules');
      await deleteDispatchRule(req.ctx, req.params.id);
      return reply.status(204).send();
    });
  };
}
