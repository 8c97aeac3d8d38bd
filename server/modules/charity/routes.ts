/**
 * 慈善之家 routes (thin: parse, one command, present). Staff under /api/charity: organisations (registry, admins, the
 * .xlsx ledger), projects (create, edit, linked volunteer activities), receipts (multipart upload, download) and the
 * append-only ledger (POST entries and corrections — there is deliberately no PUT/PATCH/DELETE of an entry). The public
 * ledger under /api/public/charity (no account).
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  correctionBody,
  entryBody,
  entryParams,
  orgAdminsBody,
  orgBody,
  orgPage,
  orgResponse,
  orgsQuery,
  projectActivitiesBody,
  projectBody,
  projectPage,
  projectResponse,
  projectsQuery,
  publicProject,
  publicProjectPage,
  publicProjectsQuery,
  receiptParams,
  receiptResponse,
  updateOrgBody,
  updateProjectBody,
} from '../../../common/contracts/charity';
import { CHARITY_RECEIPT_MIMES } from '../../../common/charity';
import { fileResponse, idParam, XLSX_MIME } from '../../../common/contracts/shared';
import type { ModuleDeps } from '../../app';
import { sendWorkbook } from '../../platform/xlsx';
import { sendStored } from '../files/send-stored';
import { correctEntry } from './correct-entry';
import { linkActivities } from './link-activities';
import './policy';
import { exportOrganisations, readOrganisation, readOrganisations } from './read-organisations';
import { readProject, readProjects } from './read-projects';
import { readPublicProject, readPublicProjects } from './read-public';
import { readPublicReceipt, readReceipt } from './read-receipt';
import { recordEntry } from './record-entry';
import { registerOrganisation, updateOrganisation } from './register-organisation';
import { createProject, updateProject } from './save-project';
import { setOrgAdmins } from './set-org-admins';
import { readReceiptUpload, uploadReceipt } from './upload-receipt';

function staffRoutes(deps: ModuleDeps): FastifyPluginAsync {
  const { storage } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['charity'];

    // ---- organisations ----
    app.get(
      '/organisations',
      { schema: { tags, summary: '慈善组织（分页、排序、筛选）', querystring: orgsQuery, response: { 200: orgPage } } },
      async (req) => readOrganisations(req.ctx, req.query),
    );
    app.get(
      '/organisations/export.xlsx',
      {
        schema: {
          tags,
          summary: '慈善组织台账（.xlsx）',
          querystring: orgsQuery.omit({ page: true, pageSize: true }),
          response: { 200: fileResponse(XLSX_MIME, '慈善组织台账') },
        },
      },
      async (req, reply) => sendWorkbook(reply, '慈善组织台账.xlsx', await exportOrganisations(req.ctx, req.query)),
    );
    app.post(
      '/organisations',
      { schema: { tags, summary: '登记慈善组织', body: orgBody, response: { 201: orgResponse } } },
      async (req, reply) => reply.status(201).send(await readOrganisation(req.ctx, await registerOrganisation(req.ctx, req.body))),
    );
    app.get('/organisations/:id', { schema: { tags, params: idParam, response: { 200: orgResponse } } }, async (req) =>
      readOrganisation(req.ctx, req.params.id),
    );
    app.put(
      '/organisations/:id',
      { schema: { tags, summary: '修改慈善组织登记信息', params: idParam, body: updateOrgBody, response: { 200: orgResponse } } },
      async (req) => {
        await updateOrganisation(req.ctx, req.params.id, req.body);
        return readOrganisation(req.ctx, req.params.id);
      },
    );
    app.put(
      '/organisations/:id/admins',
      { schema: { tags, summary: '设置组织管理员', params: idParam, body: orgAdminsBody, response: { 200: orgResponse } } },
      async (req) => {
        await setOrgAdmins(req.ctx, req.params.id, req.body.userIds);
        return readOrganisation(req.ctx, req.params.id);
      },
    );

    // ---- projects ----
    app.get(
      '/projects',
      { schema: { tags, summary: '慈善项目（分页、排序、筛选）', querystring: projectsQuery, response: { 200: projectPage } } },
      async (req) => readProjects(req.ctx, req.query),
    );
    app.post(
      '/projects',
      { schema: { tags, summary: '新建慈善项目', body: projectBody, response: { 201: projectResponse } } },
      async (req, reply) => reply.status(201).send(await readProject(req.ctx, await createProject(req.ctx, req.body))),
    );
    app.get('/projects/:id', { schema: { tags, params: idParam, response: { 200: projectResponse } } }, async (req) =>
      readProject(req.ctx, req.params.id),
    );
    app.put(
      '/projects/:id',
      { schema: { tags, summary: '修改慈善项目', params: idParam, body: updateProjectBody, response: { 200: projectResponse } } },
      async (req) => {
        await updateProject(req.ctx, req.params.id, req.body);
        return readProject(req.ctx, req.params.id);
      },
    );
    app.put(
      '/projects/:id/activities',
      { schema: { tags, summary: '关联志愿活动', params: idParam, body: projectActivitiesBody, response: { 200: projectResponse } } },
      async (req) => {
        await linkActivities(req.ctx, req.params.id, req.body.activityIds);
        return readProject(req.ctx, req.params.id);
      },
    );

    // ---- receipts ----
    app.post(
      '/projects/:id/receipts',
      {
        schema: {
          tags,
          params: idParam,
          consumes: ['multipart/form-data'],
          summary: '上传票据（multipart：file；JPEG、PNG 或 PDF，按内容识别，10 MB 以内）',
          response: { 201: receiptResponse },
        },
      },
      async (req, reply) => reply.status(201).send(await uploadReceipt(req.ctx, storage, req.params.id, () => readReceiptUpload(req))),
    );
    app.get(
      '/projects/:id/receipts/:receiptId',
      { schema: { tags, summary: '查看票据', params: receiptParams, response: { 200: fileResponse(CHARITY_RECEIPT_MIMES, '票据') } } },
      async (req, reply) => {
        const r = await readReceipt(req.ctx, req.params.id, req.params.receiptId);
        return sendStored(reply, storage, r.storageKey, r.mime, r.name);
      },
    );

    // ---- the ledger (append-only: no route changes or deletes an entry) ----
    app.post(
      '/projects/:id/entries',
      { schema: { tags, summary: '记账（捐赠或支出）', params: idParam, body: entryBody, response: { 201: projectResponse } } },
      async (req, reply) => {
        await recordEntry(req.ctx, req.params.id, req.body);
        return reply.status(201).send(await readProject(req.ctx, req.params.id));
      },
    );
    app.post(
      '/projects/:id/entries/:entryId/corrections',
      {
        schema: {
          tags,
          summary: '更正台账条目（新增一条更正，注明原因）',
          params: entryParams,
          body: correctionBody,
          response: { 201: projectResponse },
        },
      },
      async (req, reply) => {
        await correctEntry(req.ctx, req.params.id, req.params.entryId, req.body);
        return reply.status(201).send(await readProject(req.ctx, req.params.id));
      },
    );
  };
}

function publicRoutes(deps: ModuleDeps): FastifyPluginAsync {
  const { storage } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];
    const config = { isPublic: true };
    app.get(
      '/charity/projects',
      {
        config,
        schema: { tags, summary: '慈善项目公开台账（按区县）', querystring: publicProjectsQuery, response: { 200: publicProjectPage } },
      },
      async (req) => readPublicProjects(req.ctx.db, req.query),
    );
    app.get(
      '/charity/projects/:id',
      { config, schema: { tags, summary: '慈善项目公开台账', params: idParam, response: { 200: publicProject } } },
      async (req) => readPublicProject(req.ctx.db, req.params.id),
    );
    app.get(
      '/charity/receipts/:id',
      {
        config,
        schema: {
          tags,
          summary: '公开台账的票据',
          params: z.object({ id: z.uuid('票据编号格式不正确') }),
          response: { 200: fileResponse(CHARITY_RECEIPT_MIMES, '票据') },
        },
      },
      async (req, reply) => {
        const r = await readPublicReceipt(req.ctx.db, req.params.id);
        return sendStored(reply, storage, r.storageKey, r.mime, r.name);
      },
    );
  };
}

export async function registerCharityRoutes(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  await app.register(staffRoutes(deps), { prefix: '/api/charity' });
  await app.register(publicRoutes(deps), { prefix: '/api/public' });
}
