/** /api/inspection-rounds: rounds (covert ones hidden until release), field checklists, visits, reports. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RoundKind, Verdict } from '../../../common/inspections';
import {
  checklistResponse,
  createdRoundResponse,
  DOCX_MIME,
  fileResponse,
  noContent,
  roundDetailResponse,
  roundPage,
  roundReportResponse,
  visitOutcomeResponse,
  XLSX_MIME,
  type roundSample,
} from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { offsetOf } from '../../platform/pagination';
import { authorize, can } from '../../platform/policy';
import { sendWorkbook } from '../../platform/xlsx';
import { buildBulletin } from './bulletin-docx';
import { buildRoundWorkbook } from './report-xlsx';
import { roundSubject } from './round-title';
import { createRound } from './create-round';
import { mayVisit, recordVisit } from './record-visit';
import { releaseRound } from './release-round';
import { roundReport } from './report';
import { checklistFor, findRound, listRounds, roundSite, roundSites, savedResults, type RoundRow } from './repository';
import { createRoundBody, idParam, listRoundsQuery, visitBody } from './schemas';
import { COVERT_TEAM_LABEL, masksRoundTeam, mayKnowRound, visibleRoundSql } from '../../platform/visibility';
import './policy';

/** Loads a round the actor may see, else 404 (an unreleased covert round does not exist for outsiders). */
async function visibleRound(ctx: Ctx, id: string): Promise<RoundRow> {
  const r = await findRound(ctx.db, id);
  const inScope = r && (r.team.includes(ctx.actor.id) || can(ctx.actor, 'inspections.read', { regionPath: r.region_path, areaWide: true }));
  if (!r || !inScope || !mayKnowRound(ctx.actor, r)) throw notFound('督查轮次');
  return r;
}

function presentRound(r: {
  id: string;
  name: string;
  kind: string;
  campaign_id: string;
  region_id: string;
  start_date: string;
  end_date: string;
  is_covert: boolean;
  released_at: Date | null;
  pass_threshold: number;
  sample: unknown;
  standard_version_id: string | null;
  version: number;
}) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as RoundKind,
    campaignId: r.campaign_id,
    regionId: r.region_id,
    startDate: r.start_date,
    endDate: r.end_date,
    isCovert: r.is_covert,
    releasedAt: r.released_at,
    passThreshold: Number(r.pass_threshold),
    sample: r.sample as z.output<typeof roundSample> | null,
    standardVersionId: r.standard_version_id,
    version: r.version,
  };
}

/** Sends a .docx as an attachment (the body is a Buffer: Fastify sends it as it is, past the JSON serializer). */
function sendDocx(reply: FastifyReply, fileName: string, buffer: Buffer): FastifyReply {
  return reply
    .header('content-type', DOCX_MIME)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(buffer);
}

/** Registers the inspection routes. */
export function inspectionRoutes(deps: ModuleDeps): FastifyPluginAsync {
  const { storage } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['inspections'];

    app.get('/', { schema: { querystring: listRoundsQuery, response: { 200: roundPage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'inspections.list');
      const q = req.query;
      const { items, total } = await listRounds(
        req.ctx.db,
        visibleRoundSql(req.ctx.actor, 'ir'),
        { kind: q.kind, campaignId: q.campaignId, inspectorId: q.mine === 'true' ? req.ctx.actor.id : undefined },
        { limit: q.pageSize, offset: offsetOf(q) },
      );
      return { items: items.map((r) => ({ ...presentRound(r), sites: r.sites, visited: r.visited })), total };
    });

    app.post('/', { schema: { body: createRoundBody, response: { 201: createdRoundResponse }, tags } }, async (req, reply) =>
      reply.status(201).send(await createRound(req.ctx, req.body)),
    );

    app.get('/:id', { schema: { params: idParam, response: { 200: roundDetailResponse }, tags } }, async (req) => {
      const r = await visibleRound(req.ctx, req.params.id);
      const sites = await roundSites(req.ctx.db, r.id);
      return {
        ...presentRound(r),
        campaignName: r.campaign_name,
        regionName: r.region_name,
        // The covert team stays anonymous to the inspected after release too (else the next round is not covert).
        inspectors: masksRoundTeam(req.ctx.actor, r) ? [] : r.teamMembers,
        teamLabel: masksRoundTeam(req.ctx.actor, r) ? COVERT_TEAM_LABEL : null,
        sites: sites.map((s) => ({
          id: s.id,
          name: s.name,
          siteTypeCode: s.site_type_code,
          siteTypeName: s.site_type_name,
          address: s.address,
          location: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
          regionName: s.region_name,
          leadName: s.lead_name,
          visitId: s.visit_id,
          scoreRate: s.score_rate === null ? null : Number(s.score_rate),
          visitedAt: s.visited_at,
        })),
        abilities: {
          visit: mayVisit(req.ctx, r),
          release: r.is_covert && !r.released_at && can(req.ctx.actor, 'inspections.release', { regionPath: r.region_path }),
        },
      };
    });

    app.get(
      '/:id/checklist',
      { schema: { params: idParam, querystring: z.object({ siteId: z.uuid() }), response: { 200: checklistResponse }, tags } },
      async (req) => {
        const r = await visibleRound(req.ctx, req.params.id);
        const site = await roundSite(req.ctx.db, r.id, req.query.siteId);
        if (!site) throw notFound('点位');
        const items = await checklistFor(req.ctx.db, r.standard_version_id!, site.site_type_code);
        const saved = await savedResults(req.ctx.db, r.id, site.id);
        return {
          site,
          items: items.map((s) => {
            const res = saved.find((x) => x.standard_id === s.id);
            return {
              standardId: s.id,
              code: s.code,
              text: s.text,
              points: Number(s.points),
              contentName: s.content_name,
              negative: s.negative,
              verdict: (res?.verdict as Verdict | undefined) ?? null,
              note: res?.note ?? null,
              photoIds: res?.photo_ids ?? [],
              problemId: res?.problem_id ?? null,
            };
          }),
        };
      },
    );

    app.post('/:id/visits', { schema: { params: idParam, body: visitBody, response: { 200: visitOutcomeResponse }, tags } }, async (req) =>
      recordVisit(req.ctx, req.params.id, req.body),
    );

    app.post('/:id/release', { schema: { params: idParam, response: { 204: noContent }, tags } }, async (req, reply) => {
      await releaseRound(req.ctx, req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/:id/report', { schema: { params: idParam, response: { 200: roundReportResponse }, tags } }, async (req) => {
      const r = await visibleRound(req.ctx, req.params.id);
      authorize(req.ctx.actor, 'inspections.report', { regionPath: r.region_path, areaWide: true });
      const rep = await roundReport(req.ctx.db, r, async (id) =>
        visibleRound(req.ctx, id).then(
          () => true,
          () => false,
        ),
      );
      return { ...rep, round: { ...rep.round, kind: rep.round.kind as RoundKind } };
    });

    app.get(
      '/:id/report/bulletin',
      { schema: { params: idParam, response: { 200: fileResponse(DOCX_MIME, '情况通报') }, tags } },
      async (req, reply) => {
        const r = await visibleRound(req.ctx, req.params.id);
        authorize(req.ctx.actor, 'inspections.report', { regionPath: r.region_path, areaWide: true });
        // Covert secrecy: a 暗访 is reported only once its results are released.
        if (r.is_covert && !r.released_at) throw new AppError('conflict', '暗访结果发布后才能生成情况通报');
        const rep = await roundReport(req.ctx.db, r, async (id) =>
          visibleRound(req.ctx, id).then(
            () => true,
            () => false,
          ),
        );
        const buffer = await buildBulletin(req.ctx.db, storage, r, rep, req.ctx.clock.now());
        return sendDocx(reply, `关于${roundSubject(r)}情况的通报.docx`, buffer);
      },
    );

    app.get(
      '/:id/report/export',
      { schema: { params: idParam, response: { 200: fileResponse(XLSX_MIME, '测评结果表') }, tags } },
      async (req, reply) => {
        const r = await visibleRound(req.ctx, req.params.id);
        authorize(req.ctx.actor, 'inspections.report', { regionPath: r.region_path, areaWide: true });
        const rep = await roundReport(req.ctx.db, r, async (id) =>
          visibleRound(req.ctx, id).then(
            () => true,
            () => false,
          ),
        );
        return sendWorkbook(reply, `${roundSubject(r)}测评结果.xlsx`, await buildRoundWorkbook(req.ctx.db, r, rep, req.ctx.clock.now()));
      },
    );
  };
}
