/** /api/campaigns: creation campaigns, their leading groups and task forces. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app';
import { notFound } from '../../platform/errors';
import { offsetOf } from '../../platform/pagination';
import { authorize, can, scopeWhere } from '../../platform/policy';
import { createCampaign } from './create-campaign';
import { deleteCampaign } from './delete-campaign';
import { addLeadingMember, removeLeadingMember, updateLeadingMember } from './manage-leading-group';
import { campaignSubject, presentCampaign, presentMember } from './presenter';
import { findCampaign, leadingGroup, listCampaigns, taskforce } from './repository';
import { campaignDetailResponse, campaignPage, campaignResponse, leadingMemberCreated, noContent } from '../../../common/contracts';
import { createCampaignBody, idParam, listCampaignsQuery, memberBody, memberParam, updateCampaignBody, updateMemberBody } from './schemas';
import { updateCampaign } from './update-campaign';
import './policy';

/** Registers the campaign routes. */
export function campaignRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['campaigns'];

    app.get('/', { schema: { querystring: listCampaignsQuery, response: { 200: campaignPage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'campaigns.list');
      const q = req.query;
      const actor = req.ctx.actor;
      const { items, total } = await listCampaigns(
        req.ctx.db,
        (eb) =>
          scopeWhere(eb, actor, 'campaigns.list', {
            campaignId: eb.ref('campaigns.id'),
            regionPath: eb.ref('r.path'),
            areaPath: eb.ref('r.path'),
          }),
        q,
        { limit: q.pageSize, offset: offsetOf(q), sort: q.sort, order: q.order },
      );
      return { items: items.map((c) => presentCampaign(c, actor)), total };
    });

    app.get('/:id', { schema: { params: idParam, response: { 200: campaignDetailResponse }, tags } }, async (req) => {
      const c = await findCampaign(req.ctx.db, req.params.id);
      if (!c || !can(req.ctx.actor, 'campaigns.read', campaignSubject(c))) throw notFound('创建项目');
      const [group, force] = await Promise.all([leadingGroup(req.ctx.db, c.id), taskforce(req.ctx.db, c.id)]);
      return { ...presentCampaign(c, req.ctx.actor), leadingGroup: group.map(presentMember), taskforce: force };
    });

    app.post('/', { schema: { body: createCampaignBody, response: { 201: campaignResponse }, tags } }, async (req, reply) =>
      reply.status(201).send(presentCampaign(await createCampaign(req.ctx, req.body), req.ctx.actor)),
    );

    app.patch('/:id', { schema: { params: idParam, body: updateCampaignBody, response: { 200: campaignResponse }, tags } }, async (req) =>
      presentCampaign(await updateCampaign(req.ctx, req.params.id, req.body), req.ctx.actor),
    );

    app.delete('/:id', { schema: { params: idParam, response: { 204: noContent }, tags } }, async (req, reply) => {
      await deleteCampaign(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    app.post(
      '/:id/leading-group',
      { schema: { params: idParam, body: memberBody, response: { 201: leadingMemberCreated }, tags } },
      async (req, reply) => {
        const id = await addLeadingMember(req.ctx, req.params.id, req.body);
        return reply.status(201).send({ id });
      },
    );

    app.patch(
      '/:id/leading-group/:memberId',
      { schema: { params: memberParam, body: updateMemberBody, response: { 204: noContent }, tags } },
      async (req, reply) => {
        await updateLeadingMember(req.ctx, req.params.id, req.params.memberId, req.body);
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/:id/leading-group/:memberId',
      { schema: { params: memberParam, response: { 204: noContent }, tags } },
      async (req, reply) => {
        await removeLeadingMember(req.ctx, req.params.id, req.params.memberId);
        return reply.status(204).send(null);
      },
    );
  };
}
