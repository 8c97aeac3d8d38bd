/**
 * 志愿之城 — activities, sign-ups, check-in/out and certified hours, under /api/volunteers (registered by routes.ts):
 *   GET/POST /activities, GET/PATCH /activities/:id, POST /activities/:id/cancel,
 *   POST /activities/:id/signups, DELETE /activities/:id/signups/mine,
 *   GET /activities/:id/checkin-code (organiser), POST /checkins {code, location, acceptOutside?},
 *   GET /activities/:id/roster, POST /activities/:id/certify,
 *   POST /activities/attendance/:attendanceId/confirm-outside, POST /activities/attendance/:attendanceId/correct.
 * Thin: parse (common/contracts/volunteer-activities.ts), call one command or reader, present.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/shared';
import {
  activitiesQuery,
  activityBody,
  activityPage,
  activityResponse,
  attendanceParam,
  cancelActivityBody,
  certifyBody,
  certifyResponse,
  checkinBody,
  checkinCodeResponse,
  checkinResponse,
  confirmOutsideBody,
  correctHoursBody,
  rosterResponse,
  signupResponse,
  updateActivityBody,
} from '../../../common/contracts/volunteer-activities';
import type { ModuleDeps } from '../../app';
import './activity-policy';
import { cancelActivityCommand } from './cancel-activity';
import { cancelSignup } from './cancel-signup';
import { certifyHours } from './certify-hours';
import { checkIn } from './check-in';
import { confirmOutside } from './confirm-outside';
import { correctHours } from './correct-hours';
import { publishActivity } from './publish-activity';
import { readActivities, readActivity, readCheckinCode, readRoster } from './read-activities';
import { signUp } from './sign-up';
import { updateActivity } from './update-activity';
import { rosterActivityOf } from './activity-repository';

export function activityRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['volunteers'];

    app.get('/activities', { schema: { tags, querystring: activitiesQuery, response: { 200: activityPage } } }, async (req) =>
      readActivities(req.ctx, req.query),
    );

    app.post('/activities', { schema: { tags, body: activityBody, response: { 201: activityResponse } } }, async (req, reply) =>
      reply.status(201).send(await readActivity(req.ctx, await publishActivity(req.ctx, req.body))),
    );

    app.get('/activities/:id', { schema: { tags, params: idParam, response: { 200: activityResponse } } }, async (req) =>
      readActivity(req.ctx, req.params.id),
    );

    app.patch(
      '/activities/:id',
      { schema: { tags, params: idParam, body: updateActivityBody, response: { 200: activityResponse } } },
      async (req) => readActivity(req.ctx, await updateActivity(req.ctx, req.params.id, req.body)),
    );

    app.post(
      '/activities/:id/cancel',
      { schema: { tags, params: idParam, body: cancelActivityBody, response: { 200: activityResponse } } },
      async (req) => {
        await cancelActivityCommand(req.ctx, req.params.id, req.body);
        return readActivity(req.ctx, req.params.id);
      },
    );

    app.post('/activities/:id/signups', { schema: { tags, params: idParam, response: { 201: signupResponse } } }, async (req, reply) =>
      reply.status(201).send(await signUp(req.ctx, req.params.id)),
    );

    app.delete('/activities/:id/signups/mine', { schema: { tags, params: idParam, response: { 200: signupResponse } } }, async (req) =>
      cancelSignup(req.ctx, req.params.id),
    );

    app.get('/activities/:id/checkin-code', { schema: { tags, params: idParam, response: { 200: checkinCodeResponse } } }, async (req) =>
      readCheckinCode(req.ctx, req.params.id),
    );

    app.post('/checkins', { schema: { tags, body: checkinBody, response: { 201: checkinResponse } } }, async (req, reply) =>
      reply.status(201).send(await checkIn(req.ctx, req.body)),
    );

    app.get('/activities/:id/roster', { schema: { tags, params: idParam, response: { 200: rosterResponse } } }, async (req) =>
      readRoster(req.ctx, req.params.id),
    );

    app.post(
      '/activities/:id/certify',
      { schema: { tags, params: idParam, body: certifyBody, response: { 200: certifyResponse } } },
      async (req) => certifyHours(req.ctx, req.params.id, req.body),
    );

    app.post(
      '/activities/attendance/:attendanceId/confirm-outside',
      { schema: { tags, params: attendanceParam, body: confirmOutsideBody, response: { 200: rosterResponse } } },
      async (req) => {
        await confirmOutside(req.ctx, req.params.attendanceId, req.body);
        return readRoster(req.ctx, await rosterActivityOf(req.ctx.db, req.params.attendanceId));
      },
    );

    app.post(
      '/activities/attendance/:attendanceId/correct',
      { schema: { tags, params: attendanceParam, body: correctHoursBody, response: { 200: rosterResponse } } },
      async (req) => {
        await correctHours(req.ctx, req.params.attendanceId, req.body);
        return readRoster(req.ctx, await rosterActivityOf(req.ctx.db, req.params.attendanceId));
      },
    );
  };
}
