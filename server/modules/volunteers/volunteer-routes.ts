/**
 * /api/volunteers — joining (a signed-in account), the roster and one volunteer, review, the team's roster export,
 * the volunteer's own record and certificates. /api/public — the resident's registration (the public door's proof of
 * work, limits and SMS code), the teams to apply to, and the certificate check by code.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DOCX_MIME } from '../../../common/contracts/inspections';
import { fileResponse, idParam, XLSX_MIME } from '../../../common/contracts/shared';
import {
  certificateCodeParam,
  joinVolunteerBody,
  myVolunteerRecord,
  publicCertificate,
  publicActivityList,
  publicTeamList,
  publicTeamsQuery,
  registeredVolunteer,
  registerVolunteerBody,
  reviewVolunteerBody,
  volunteerPage,
  volunteerResponse,
  volunteersQuery,
} from '../../../common/contracts/volunteers';
import type { ModuleDeps } from '../../app';
import { sendDocx } from '../../platform/gongwen';
import { sendWorkbook } from '../../platform/xlsx';
import { loadPublicHashKey } from '../public-reports/hash-key';
import { takeRateLimit } from '../public-reports/rate-limit';
import { buildCertificate, readPublicCertificate } from './certificate';
import { joinVolunteer } from './join-volunteer';
import { myRecord } from './my-record';
import './policy';
import { readPublicActivities } from './read-public-activities';
import { readPublicTeams } from './read-public-teams';
import { readVolunteer, readVolunteers } from './read-volunteers';
import { registerVolunteer } from './register-volunteer';
import { reviewVolunteer } from './review-volunteer';
import { exportRoster } from './roster-workbook';

export function volunteerRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['volunteers'];

    app.get('/', { schema: { tags, summary: '志愿者名册', querystring: volunteersQuery, response: { 200: volunteerPage } } }, async (req) =>
      readVolunteers(req.ctx, req.query),
    );
    app.post(
      '/join',
      { schema: { tags, summary: '已登录账号申请成为志愿者', body: joinVolunteerBody, response: { 201: volunteerResponse } } },
      async (req, reply) => reply.status(201).send(await readVolunteer(req.ctx, await joinVolunteer(req.ctx, req.body))),
    );
    app.get('/me', { schema: { tags, summary: '我的志愿记录', response: { 200: myVolunteerRecord } } }, async (req) => myRecord(req.ctx));
    app.get(
      '/me/certificate.docx',
      { schema: { tags, summary: '我的志愿服务证明', response: { 200: fileResponse(DOCX_MIME, '志愿服务证明') } } },
      async (req, reply) => {
        const { fileName, buffer } = await buildCertificate(req.ctx);
        return sendDocx(reply, fileName, buffer);
      },
    );
    app.get(
      '/teams/:id/roster.xlsx',
      { schema: { tags, summary: '队伍花名册', params: idParam, response: { 200: fileResponse(XLSX_MIME, '队伍花名册') } } },
      async (req, reply) => {
        const { fileName, buffer } = await exportRoster(req.ctx, req.params.id);
        return sendWorkbook(reply, fileName, buffer);
      },
    );
    app.get('/:id', { schema: { tags, params: idParam, response: { 200: volunteerResponse } } }, async (req) =>
      readVolunteer(req.ctx, req.params.id),
    );
    app.post(
      '/:id/review',
      { schema: { tags, summary: '审核志愿者', params: idParam, body: reviewVolunteerBody, response: { 200: volunteerResponse } } },
      async (req) => {
        await reviewVolunteer(req.ctx, req.params.id, req.body);
        return readVolunteer(req.ctx, req.params.id);
      },
    );
    app.get(
      '/:id/certificate.docx',
      {
        schema: { tags, summary: '为志愿者出具志愿服务证明', params: idParam, response: { 200: fileResponse(DOCX_MIME, '志愿服务证明') } },
      },
      async (req, reply) => {
        const { fileName, buffer } = await buildCertificate(req.ctx, req.params.id);
        return sendDocx(reply, fileName, buffer);
      },
    );
  };
}

export function publicVolunteerRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    await loadPublicHashKey(deps.db);
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];
    const config = { isPublic: true };

    app.get(
      '/volunteer-teams',
      { config, schema: { tags, summary: '可申请加入的志愿队伍', querystring: publicTeamsQuery, response: { 200: publicTeamList } } },
      async (req) => readPublicTeams(req.ctx.db, req.query.countyCode),
    );
    app.get(
      '/volunteer-activities',
      { config, schema: { tags, summary: '招募中的志愿活动', querystring: publicTeamsQuery, response: { 200: publicActivityList } } },
      async (req) => readPublicActivities(req.ctx.db, { countyCode: req.query.countyCode }, req.ctx.clock.now()),
    );
    app.post(
      '/volunteers/register',
      {
        config,
        schema: {
          tags,
          summary: '志愿者注册（手机验证码、人机验证）',
          body: registerVolunteerBody,
          response: { 201: registeredVolunteer },
        },
      },
      async (req, reply) => reply.status(201).send(await registerVolunteer(req.ctx, req.body)),
    );
    app.get(
      '/volunteer-certificates/:code',
      { config, schema: { tags, summary: '志愿服务证明查验', params: certificateCodeParam, response: { 200: publicCertificate } } },
      async (req, reply) => {
        await takeRateLimit(req.ctx.db, 'certificate', { ip: req.ctx.meta.ip }, req.ctx.clock.now());
        reply.header('cache-control', 'no-store');
        return readPublicCertificate(req.ctx.db, req.params.code);
      },
    );
  };
}
