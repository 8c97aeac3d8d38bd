/**
 * /api/projects — construction projects (项目化), their milestones and photos, the countdown board and the battle map
 * (the list), and the 项目台账 export. Thin: parse, call one command or reader, present.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, idParam, noContent, XLSX_MIME } from '../../../common/contracts';
import {
  addProjectPhotoBody,
  createProjectBody,
  projectDetailResponse,
  projectPage,
  projectPhotoResponse,
  projectResponse,
  projectsQuery,
  updateMilestoneBody,
  updateProjectBody,
} from '../../../common/contracts/tasks';
import type { ModuleDeps } from '../../app';
import { sendWorkbook } from '../../platform/xlsx';
import { addPhoto } from './add-photo';
import { createProject } from './create-project';
import { exportProjects } from './export-projects';
import './policy';
import { presentPhoto } from './presenter';
import { readProject } from './read-project';
import { readProjects } from './read-projects';
import { removePhoto } from './remove-photo';
import { photosOf } from './repository';
import { updateMilestone } from './update-milestone';
import { updateProject } from './update-project';

const milestoneParams = idParam.extend({ milestoneId: z.uuid('节点编号格式不正确') });
const photoParams = idParam.extend({ photoId: z.uuid('照片编号格式不正确') });
const exportQuery = projectsQuery.omit({ page: true, pageSize: true });

export function projectRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['projects'];

    app.get('/', { schema: { tags, querystring: projectsQuery, response: { 200: projectPage } } }, async (req) =>
      readProjects(req.ctx, req.query),
    );

    app.get(
      '/export.xlsx',
      { schema: { tags, querystring: exportQuery, response: { 200: fileResponse(XLSX_MIME, '项目台账') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportProjects(req.ctx, req.query);
        return sendWorkbook(reply, fileName, buffer);
      },
    );

    app.post('/', { schema: { tags, body: createProjectBody, response: { 201: projectResponse } } }, async (req, reply) =>
      reply.status(201).send(await readProject(req.ctx, await createProject(req.ctx, req.body))),
    );

    app.get('/:id', { schema: { tags, params: idParam, response: { 200: projectDetailResponse } } }, async (req) =>
      readProject(req.ctx, req.params.id),
    );

    app.put(
      '/:id',
      { schema: { tags, params: idParam, body: updateProjectBody, response: { 200: projectDetailResponse } } },
      async (req) => {
        await updateProject(req.ctx, req.params.id, req.body);
        return readProject(req.ctx, req.params.id);
      },
    );

    app.put(
      '/:id/milestones/:milestoneId',
      { schema: { tags, params: milestoneParams, body: updateMilestoneBody, response: { 200: projectDetailResponse } } },
      async (req) => {
        await updateMilestone(req.ctx, req.params.id, req.params.milestoneId, req.body);
        return readProject(req.ctx, req.params.id);
      },
    );

    app.post(
      '/:id/photos',
      { schema: { tags, params: idParam, body: addProjectPhotoBody, response: { 201: projectPhotoResponse } } },
      async (req, reply) => {
        const photoId = await addPhoto(req.ctx, req.params.id, req.body);
        const photo = (await photosOf(req.ctx.db, req.params.id)).find((p) => p.id === photoId)!;
        return reply.status(201).send(presentPhoto(photo));
      },
    );

    app.delete('/:id/photos/:photoId', { schema: { tags, params: photoParams, response: { 204: noContent } } }, async (req, reply) => {
      await removePhoto(req.ctx, req.params.id, req.params.photoId);
      return reply.status(204).send(null);
    });
  };
}
