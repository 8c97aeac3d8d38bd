/** /api/tasks — the task list and one task (GET /api/tasks?unitId=&status=overdue, GET/PUT/DELETE /api/tasks/:id). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, noContent, taskPage, taskResponse, tasksQuery, updateTaskBody } from '../../../common/contracts';
import { taskDetailWithLinks } from '../../../common/contracts/task-links';
import type { ModuleDeps } from '../../app';
import { deleteTask } from './delete-task';
import './policy';
import { readTask, readTaskDetail } from './read-task';
import { readTasks } from './read-tasks';
import { updateTask } from './update-task';

export function taskRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tasks'];

    app.get('/', { schema: { tags, querystring: tasksQuery, response: { 200: taskPage } } }, async (req) => readTasks(req.ctx, req.query));

    app.get('/:id', { schema: { tags, params: idParam, response: { 200: taskDetailWithLinks } } }, async (req) =>
      readTaskDetail(req.ctx, req.params.id),
    );

    app.put('/:id', { schema: { tags, params: idParam, body: updateTaskBody, response: { 200: taskResponse } } }, async (req) => {
      await updateTask(req.ctx, req.params.id, req.body);
      return readTask(req.ctx, req.params.id);
    });

    app.delete('/:id', { schema: { tags, params: idParam, response: { 204: noContent } } }, async (req, reply) => {
      await deleteTask(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });
  };
}
