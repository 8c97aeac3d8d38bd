/** /api/audit-events: search, export and chain verification (审计管理员). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAnchorResponse, auditEventPage, auditVerifyResponse, fileResponse, XLSX_MIME } from '../../../common/contracts';
import type { ModuleDeps } from '../../app';
import { verifyAuditChain } from '../../platform/audit';
import { anchorKey, anchorSignatureValid, latestAnchor, verifyAgainstAnchor } from '../../platform/audit-anchor';
import { AppError } from '../../platform/errors';
import { blankToUndefined, offsetOf, pageQuery } from '../../platform/pagination';
import { authorize } from '../../platform/policy';
import { sendWorkbook } from '../../platform/xlsx';
import { describeEvent, nameBook } from './describe';
import { auditWorkbook } from './export-workbook';
import { presentEvent } from './presenter';
import { exportAuditEvents } from './export-events';
import { searchEvents } from './repository';
import './policy';

const EXPORT_CAP = 50000;
const opt = (s: z.ZodTypeAny) => z.preprocess(blankToUndefined, s.optional());
const filters = z.object({
  actor: opt(z.string().trim().max(60)),
  action: opt(z.string().trim().max(60)),
  subjectType: opt(z.string().trim().max(40)),
  subjectId: opt(z.string().trim().max(64)),
  from: opt(z.coerce.date({ error: '开始时间格式不正确' })),
  to: opt(z.coerce.date({ error: '结束时间格式不正确' })),
  q: opt(z.string().trim().max(60)),
});
const listQuery = pageQuery.extend(filters.shape);

function checkRange(f: { from?: unknown; to?: unknown }) {
  if (f.from instanceof Date && f.to instanceof Date && f.from > f.to) throw new AppError('validation', '开始时间不能晚于结束时间');
}

/** Registers the audit routes. */
export function auditRoutes(_deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['audit'];

    app.get('/', { schema: { querystring: listQuery, response: { 200: auditEventPage }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'audit.list');
      checkRange(req.query);
      const q = req.query as z.infer<typeof listQuery> & { from?: Date; to?: Date };
      const { items, total } = await searchEvents(req.ctx.db, q as never, { limit: q.pageSize, offset: offsetOf(q) });
      const names = await nameBook(req.ctx.db, items);
      return { items: items.map((e) => ({ ...presentEvent(e), ...describeEvent(e, names) })), total };
    });

    app.get(
      '/export',
      { schema: { querystring: filters, response: { 200: fileResponse(XLSX_MIME, '审计日志') }, tags } },
      async (req, reply) => {
        authorize(req.ctx.actor, 'audit.export');
        checkRange(req.query);
        const rows = await exportAuditEvents(req.ctx, req.query, EXPORT_CAP);
        return sendWorkbook(reply, '审计日志.xlsx', await auditWorkbook(req.ctx, rows, req.query as Parameters<typeof auditWorkbook>[2]));
      },
    );

    app.get('/verify', { schema: { response: { 200: auditVerifyResponse }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'audit.verify');
      return verifyAuditChain(req.ctx.db);
    });

    // The newest signed head published outside the database (audit-anchor.ts), checked against the database now.
    app.get('/anchor', { schema: { response: { 200: auditAnchorResponse }, tags } }, async (req) => {
      authorize(req.ctx.actor, 'audit.verify');
      const latest = latestAnchor();
      if (!latest)
        return {
          anchor: null,
          file: null,
          signatureValid: null,
          ok: null,
          reason: '尚未生成审计锚点（每小时自动生成，或运行 npm run audit:anchor）',
        };
      const key = anchorKey();
      const check = await verifyAgainstAnchor(req.ctx.db, latest.anchor, key);
      return {
        anchor: latest.anchor,
        file: latest.file.split(/[\\/]/).pop() ?? null,
        signatureValid: anchorSignatureValid(latest.anchor, key),
        ok: check.ok,
        reason: check.reason,
      };
    });
  };
}
