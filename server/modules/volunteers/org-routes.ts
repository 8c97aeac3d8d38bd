/** /api/volunteers/teams, /stations, /population — the organisation of 志愿之城 (thin: each verb in its own file). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, noContent } from '../../../common/contracts/shared';
import {
  orgQuery,
  populationBody,
  populationQuery,
  populationResponse,
  stationBody,
  stationList,
  stationResponse,
  teamAdminsBody,
  teamBody,
  teamList,
  teamResponse,
  updateStationBody,
  updateTeamBody,
} from '../../../common/contracts/volunteers';
import type { ModuleDeps } from '../../app';
import { createStation, updateStation } from './create-station';
import { createTeam, updateTeam } from './create-team';
import './policy';
import { readStation, readStations, readTeam, readTeams } from './read-org';
import { readPopulation, setPopulation } from './set-population';
import { setTeamAdmins } from './set-team-admins';

export function orgRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['volunteers'];

    app.get('/teams', { schema: { tags, summary: '志愿队伍', querystring: orgQuery, response: { 200: teamList } } }, async (req) =>
      readTeams(req.ctx, req.query.regionId),
    );
    app.post('/teams', { schema: { tags, summary: '新建志愿队伍', body: teamBody, response: { 201: teamResponse } } }, async (req, reply) =>
      reply.status(201).send(await readTeam(req.ctx, await createTeam(req.ctx, req.body))),
    );
    app.get('/teams/:id', { schema: { tags, params: idParam, response: { 200: teamResponse } } }, async (req) =>
      readTeam(req.ctx, req.params.id),
    );
    app.put('/teams/:id', { schema: { tags, params: idParam, body: updateTeamBody, response: { 200: teamResponse } } }, async (req) => {
      await updateTeam(req.ctx, req.params.id, req.body);
      return readTeam(req.ctx, req.params.id);
    });
    app.put(
      '/teams/:id/admins',
      { schema: { tags, summary: '设置队伍管理员', params: idParam, body: teamAdminsBody, response: { 200: teamResponse } } },
      async (req) => {
        await setTeamAdmins(req.ctx, req.params.id, req.body.userIds);
        return readTeam(req.ctx, req.params.id);
      },
    );

    app.get(
      '/stations',
      { schema: { tags, summary: '新时代文明实践阵地', querystring: orgQuery, response: { 200: stationList } } },
      async (req) => readStations(req.ctx, req.query.regionId),
    );
    app.post('/stations', { schema: { tags, body: stationBody, response: { 201: stationResponse } } }, async (req, reply) =>
      reply.status(201).send(await readStation(req.ctx, await createStation(req.ctx, req.body))),
    );
    app.get('/stations/:id', { schema: { tags, params: idParam, response: { 200: stationResponse } } }, async (req) =>
      readStation(req.ctx, req.params.id),
    );
    app.put(
      '/stations/:id',
      { schema: { tags, params: idParam, body: updateStationBody, response: { 200: stationResponse } } },
      async (req) => {
        await updateStation(req.ctx, req.params.id, req.body);
        return readStation(req.ctx, req.params.id);
      },
    );

    app.get(
      '/population',
      { schema: { tags, summary: '乡镇常住人口', querystring: populationQuery, response: { 200: populationResponse } } },
      async (req) => readPopulation(req.ctx, req.query.countyId, req.query.year),
    );
    app.put('/population', { schema: { tags, body: populationBody, response: { 204: noContent } } }, async (req, reply) => {
      await setPopulation(req.ctx, req.body);
      return reply.status(204).send(null);
    });
  };
}
