/** /api/plans — plans (实施方案、专项行动), their tree, tasks, the task table import/export, generation from standards. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createPlanBody,
  createTaskBody,
  fileResponse,
  generateTasksBody,
  generateTasksResult,
  idParam,
  importResult,
  planResponse,
  planTreeResponse,
  taskResponse,
  updatePlanBody,
  XLSX_MIME,
} from '../../../common/contracts';
import { planPage } from '../../../common/contracts/plan-list';
import type { ModuleDeps } from '../../app';
import { authorize } from '../../platform/policy';
import { readUploadedWorkbook, sendWorkbook } from '../../platform/xlsx';
import { createPlan } from './create-plan';
import { createTask } from './create-task';
import { generateTasks } from './generate-tasks';
import './policy';
import { readPlan, readPlanTree } from './read-plan-tree';
import { listPlansQuery, readPlans } from './read-plans';
import { readTask } from './read-task';
import { exportPlanTasks, importPlanTasks, taskTemplate } from './task-workbook';
import { updatePlan } from './update-plan';

export function planRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['plans'];

    app.get('/', { schema: { tags, querystring: listPlansQuery, response: { 200: planPage } } }, async (req) =>
      readPlans(req.ctx, req.query),
    );

    app.post('/', { schema: { tags, body: createPlanBody, response: { 201: planResponse } } }, async (req, reply) =>
      reply.status(201).send(await readPlan(req.ctx, await createPlan(req.ctx, req.body))),
    );

    app.get(
      '/import-template.xlsx',
      { schema: { tags, response: { 200: fileResponse(XLSX_MIME, '任务分解表导入模板') } } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'plans.manage');
        return sendWorkbook(reply, '任务分解表导入模板.xlsx', await taskTemplate());
      },
    );

    app.get('/:id', { schema: { tags, params: idParam, response: { 200: planTreeResponse } } }, async (req) =>
      readPlanTree(req.ctx, req.params.id),
    );

    app.put('/:id', { schema: { tags, params: idParam, body: updatePlanBody, response: { 200: planResponse } } }, async (req) => {
      await updatePlan(req.ctx, req.params.id, req.body);
      return readPlan(req.ctx, req.params.id);
    });

    app.post(
      '/:id/tasks',
      { schema: { tags, params: idParam, body: createTaskBody, response: { 201: taskResponse } } },
      async (req, reply) => reply.status(201).send(await readTask(req.ctx, await createTask(req.ctx, req.params.id, req.body))),
    );

    app.get(
      '/:id/export.xlsx',
      { schema: { tags, params: idParam, response: { 200: fileResponse(XLSX_MIME, '任务分解表') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportPlanTasks(req.ctx, req.params.id);
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.post(
      '/:id/import',
      { schema: { tags, params: idParam, consumes: ['multipart/form-data'], response: { 201: importResult } } },
      async (req, reply) => {
        const buffer = await readUploadedWorkbook(req);
        return reply.status(201).send(await importPlanTasks(req.ctx, req.params.id, buffer));
      },
    );

    app.post(
      '/:id/generate',
      { schema: { tags, params: idParam, body: generateTasksBody, response: { 200: generateTasksResult } } },
      async (req) => generateTasks(req.ctx, req.params.id, req.body),
    );
  };
}
