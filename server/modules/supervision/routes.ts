/** /api/supervision-notices/:id/print and /:id/docx: the 督办单 as a printable page and as a 公文 (.docx). */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCX_MIME, fileResponse, SUPERVISION_PRINT_MIME } from '../../../common/contracts';
import { labelOf } from '../../../common/labels';
import { PROBLEM_SEVERITY_LABELS } from '../../../common/problem-workflow';
import type { ModuleDeps } from '../../app';
import { notFound } from '../../platform/errors';
import { sendDocx } from '../../platform/gongwen';
import { canReadProblem } from '../problems/policy';
import { findProblem } from '../problems/repository';
import { findNotice } from './repository';
import { buildNoticeDocx } from './notice-docx';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const time = (d: Date | null) => (d ? new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

/** Registers the supervision-notice routes. */
export function supervisionRoutes(deps: ModuleDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/:id/print',
      {
        schema: {
          params: z.object({ id: z.uuid() }),
          response: { 200: fileResponse(SUPERVISION_PRINT_MIME, '督办单（打印页）') },
          tags: ['problems'],
        },
      },
      async (req, reply) => {
        const n = await findNotice(req.ctx.db, req.params.id);
        const p = n ? await findProblem(req.ctx.db, n.problem_id) : undefined;
        if (!n || !p || !canReadProblem(req.ctx.actor, p)) throw notFound('督办单');
        const rows: Array<[string, unknown]> = [
          ['督办单编号', n.code],
          ['问题编号', p.code],
          ['责任单位', p.unit_name],
          ['问题类别', p.category_name],
          ['严重程度', labelOf(PROBLEM_SEVERITY_LABELS, p.severity)],
          ['问题地点', p.address ?? p.region_name],
          ['问题描述', p.description],
          ['原整改时限', time(p.deadline)],
          ['督办时间', time(n.issued_at)],
          ['督办整改期限', time(n.deadline)],
          ['升级督办', n.escalated_at ? `${time(n.escalated_at)}，报送 ${n.escalated_to ?? ''}` : '未升级'],
        ];
        const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>督办单 ${esc(n.code)}</title>
<style>body{font-family:'Noto Serif CJK SC','SimSun',serif;max-width:720px;margin:32px auto;color:#000}h1{text-align:center;letter-spacing:8px}
table{width:100%;border-collapse:collapse}td{border:1px solid #000;padding:8px;vertical-align:top}td:first-child{width:130px;text-align:center}
.sign{margin-top:48px;text-align:right;line-height:2}@media print{button{display:none}}</style></head><body>
<button onclick="print()">打印</button><h1>问题整改督办单</h1><table>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>
<p>请责任单位接单后立即组织整改，于督办整改期限前将整改情况及整改前后对比照片报送创建办。逾期未整改的，将按规定升级督办并予以通报。</p>
<div class="sign">创建工作领导小组办公室<br>${esc(time(n.issued_at).slice(0, 10))}</div></body></html>`;
        return reply.type('text/html; charset=utf-8').send(html);
      },
    );

    app.get(
      '/:id/docx',
      {
        schema: {
          params: z.object({ id: z.uuid() }),
          response: { 200: fileResponse(DOCX_MIME, '督办单（公文格式 .docx）') },
          tags: ['problems'],
        },
      },
      async (req, reply) => {
        const n = await findNotice(req.ctx.db, req.params.id);
        const p = n ? await findProblem(req.ctx.db, n.problem_id) : undefined;
        if (!n || !p || !canReadProblem(req.ctx.actor, p)) throw notFound('督办单');
        const buffer = await buildNoticeDocx(req.ctx.db, deps.storage, req.ctx.actor, n, p);
        return sendDocx(reply, `督办单${n.code}.docx`, buffer);
      },
    );
  };
}
