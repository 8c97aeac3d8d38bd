/** /api/standards: versions, tree, import/export, clone and diff, and the task decomposition views. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { labelOf } from '../../../common/labels';
import { STANDARD_METHOD_LABELS, type StandardMethod, type VersionSource } from '../../../common/inspections';
import type { ModuleDeps } from '../../app';
import type { Actor } from '../../platform/actor';
import { AppError, notFound } from '../../platform/errors';
import { authorize, can, scopeSql } from '../../platform/policy';
import { buildTemplate, buildWorkbook, readUploadedWorkbookWithFields, sendWorkbook } from '../../platform/xlsx';
import { covertAllowedSql } from '../../platform/visibility';
import { cloneVersion, diffVersions } from './clone-version';
import { importStandards, STANDARD_COLUMNS } from './import-standards';
import {
  compliance,
  findStandard,
  findUnitWithPath,
  findVersion,
  listVersions,
  siteTypeNames,
  versionStandards,
  type StandardRow,
  type VersionRow,
} from './repository';
import './policy';
import {
  cloneVersionBody,
  fileResponse,
  idParam,
  standardDetailResponse,
  standardVersionPage,
  unitStandardsResponse,
  versionDiffResponse,
  versionTreeResponse,
  versionWrittenResponse,
  XLSX_MIME,
} from '../../../common/contracts';

const readable = (actor: Actor, v: VersionRow) =>
  can(actor, 'standards.read', { campaignId: v.campaign_id, regionPath: v.region_path, areaWide: true });

function presentStandard(s: StandardRow) {
  return {
    id: s.id,
    code: s.code,
    text: s.text,
    method: s.method as StandardMethod,
    points: s.points,
    siteTypeCodes: s.site_type_codes,
    leadUnitId: s.lead_unit_id,
    leadUnitName: s.lead_unit_name,
    units: s.units,
    negative: s.negative,
    itemName: s.item_name,
    contentName: s.content_name,
  };
}

/** Pass rates per standard from the visits the actor may see (live compliance; covert rounds only if the actor may know them). */
const complianceFor = (db: ModuleDeps['db'], actor: Actor, ids: string[]) => compliance(db, covertAllowedSql(actor, 'ir'), ids);

/** Registers the standards routes. */
export function standardRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['standards'];

    app.get(
      '/versions',
      { schema: { querystring: z.object({ campaignId: z.uuid().optional() }), response: { 200: standardVersionPage }, tags } },
      async (req) => {
        authorize(req.ctx.actor, 'standards.list');
        const scope = scopeSql(req.ctx.actor, 'standards.list', {
          campaignId: sql.ref('c.id'),
          regionPath: sql.ref('r.path'),
          areaPath: sql.ref('r.path'),
        });
        const rows = await listVersions(req.ctx.db, scope, req.query.campaignId);
        return {
          items: rows.map((v) => ({
            id: v.id,
            name: v.name,
            campaignId: v.campaign_id,
            campaignName: v.campaign_name,
            source: v.source as VersionSource,
            clonedFrom: v.cloned_from,
            createdAt: v.created_at,
            standards: v.standards,
          })),
          total: rows.length,
        };
      },
    );

    app.get(
      '/import-template',
      { schema: { response: { 200: fileResponse(XLSX_MIME, '测评体系导入模板') }, tags } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'standards.import');
        return sendWorkbook(
          reply,
          '测评体系导入模板.xlsx',
          await buildTemplate('测评体系', STANDARD_COLUMNS, [
            '每行一条测评标准；多个点位类型或单位用“；”分隔；单位按全称匹配；负面清单填“是”或“否”。',
            '测评方法：实地考察、问卷调查、材料审核（网上申报）、其他。',
          ]),
        );
      },
    );

    app.post('/import', { schema: { response: { 201: versionWrittenResponse }, tags } }, async (req, reply) => {
      authorize(req.ctx.actor, 'standards.import');
      const { buffer, fields } = await readUploadedWorkbookWithFields(req);
      const campaignId = z.uuid().safeParse(fields.campaignId);
      if (!campaignId.success) throw new AppError('validation', '请选择创建项目（campaignId）');
      return reply.status(201).send(await importStandards(req.ctx, buffer, campaignId.data, fields.versionName ?? ''));
    });

    app.get('/versions/:id/tree', { schema: { params: idParam, response: { 200: versionTreeResponse }, tags } }, async (req) => {
      const v = await findVersion(req.ctx.db, req.params.id);
      if (!v || !readable(req.ctx.actor, v)) throw notFound('测评体系版本');
      const rows = await versionStandards(req.ctx.db, v.id);
      const items: Array<{
        id: string;
        name: string;
        level: number;
        children: Array<{ id: string; name: string; level: number; standards: ReturnType<typeof presentStandard>[] }>;
      }> = [];
      for (const s of rows) {
        let item = items.find((i) => i.id === s.item_id);
        if (!item) items.push((item = { id: s.item_id!, name: s.item_name!, level: 1, children: [] }));
        let content = item.children.find((c) => c.id === s.content_id);
        if (!content) item.children.push((content = { id: s.content_id, name: s.content_name, level: 2, standards: [] }));
        content.standards.push(presentStandard(s));
      }
      return { id: v.id, name: v.name, campaignId: v.campaign_id, campaignName: v.campaign_name, items, standards: rows.length };
    });

    app.get(
      '/versions/:id/export',
      { schema: { params: idParam, response: { 200: fileResponse(XLSX_MIME, '测评体系版本') }, tags } },
      async (req, reply) => {
        const v = await findVersion(req.ctx.db, req.params.id);
        if (!v || !readable(req.ctx.actor, v)) throw notFound('测评体系版本');
        authorize(req.ctx.actor, 'standards.export', { campaignId: v.campaign_id, regionPath: v.region_path });
        const types = await siteTypeNames(req.ctx.db);
        const rows = await versionStandards(req.ctx.db, v.id);
        const data = rows.map((s) => [
          s.item_name,
          s.content_name,
          s.code,
          s.text,
          labelOf(STANDARD_METHOD_LABELS, s.method),
          s.points,
          s.site_type_codes.map((c) => types.get(c) ?? c).join('；'),
          s.lead_unit_name ?? '',
          s.units.map((u) => u.name).join('；'),
          s.negative ? '是' : '否',
        ]);
        return sendWorkbook(
          reply,
          `${v.name}.xlsx`,
          await buildWorkbook('测评体系', STANDARD_COLUMNS, data, {
            title: v.name.includes('测评体系') ? v.name : `${v.name}测评体系`,
            now: req.ctx.clock.now(),
            info: [`创建项目：${v.campaign_name}`],
          }),
        );
      },
    );

    app.post(
      '/versions/:id/clone',
      { schema: { params: idParam, body: cloneVersionBody, response: { 201: versionWrittenResponse }, tags } },
      async (req, reply) => reply.status(201).send(await cloneVersion(req.ctx, req.params.id, req.body.name)),
    );

    app.get(
      '/versions/:id/diff/:other',
      { schema: { params: z.object({ id: z.uuid(), other: z.uuid() }), response: { 200: versionDiffResponse }, tags } },
      async (req) => {
        const [a, b] = await Promise.all([findVersion(req.ctx.db, req.params.id), findVersion(req.ctx.db, req.params.other)]);
        if (!a || !b || !readable(req.ctx.actor, a) || !readable(req.ctx.actor, b)) throw notFound('测评体系版本');
        return diffVersions(await versionStandards(req.ctx.db, a.id), await versionStandards(req.ctx.db, b.id));
      },
    );

    app.get(
      '/by-unit/:id',
      { schema: { params: idParam, querystring: z.object({ versionId: z.uuid() }), response: { 200: unitStandardsResponse }, tags } },
      async (req) => {
        const v = await findVersion(req.ctx.db, req.query.versionId);
        if (!v || !readable(req.ctx.actor, v)) throw notFound('测评体系版本');
        const unit = await findUnitWithPath(req.ctx.db, req.params.id);
        if (!unit || !can(req.ctx.actor, 'units.read', { unitId: unit.id, regionPath: unit.path })) throw notFound('单位');
        const rows = (await versionStandards(req.ctx.db, v.id)).filter(
          (s) => s.lead_unit_id === unit.id || s.units.some((u) => u.id === unit.id),
        );
        const rates = await complianceFor(
          req.ctx.db,
          req.ctx.actor,
          rows.map((s) => s.id),
        );
        return {
          unit: { id: unit.id, name: unit.name },
          items: rows.map((s) => {
            const r = rates.get(s.id);
            return {
              ...presentStandard(s),
              role: s.lead_unit_id === unit.id ? ('lead' as const) : ('responsible' as const),
              observations: r ? r.passed + r.failed : 0,
              passRate: r && r.passed + r.failed ? Math.round((r.passed / (r.passed + r.failed)) * 10000) / 10000 : null,
            };
          }),
          total: rows.length,
        };
      },
    );

    app.get('/:id', { schema: { params: idParam, response: { 200: standardDetailResponse }, tags } }, async (req) => {
      const row = await findStandard(req.ctx.db, req.params.id);
      const v = row ? await findVersion(req.ctx.db, row.version_id) : undefined;
      if (!row || !v || !readable(req.ctx.actor, v)) throw notFound('测评标准');
      const r = (await complianceFor(req.ctx.db, req.ctx.actor, [row.id])).get(row.id);
      return {
        ...presentStandard(row),
        versionId: v.id,
        observations: r ? r.passed + r.failed : 0,
        passRate: r && r.passed + r.failed ? Math.round((r.passed / (r.passed + r.failed)) * 10000) / 10000 : null,
      };
    });
  };
}
