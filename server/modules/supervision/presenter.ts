/**
 * What a 督办单 says, written once for its two forms: the facts table (the printable page and the .docx) and the
 * printable page itself. Times in Beijing time, as 2026年12月03日 09:30.
 */
import { labelOf } from '../../../common/labels';
import { PROBLEM_SEVERITY_LABELS } from '../../../common/problem-workflow';
import type { ProblemRow } from '../problems/repository';
import type { Notice } from './repository';
import { BEIJING_OFFSET_MS } from '../../../common/beijing';

/** A moment in Beijing time as the notice writes it (— when there is none). */
export function noticeTime(d: Date | null): string {
  return d
    ? new Date(new Date(d).getTime() + BEIJING_OFFSET_MS)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ')
        .replace(/^(\d{4})-(\d{2})-(\d{2})/, '$1年$2月$3日')
    : '—';
}

/** The facts of a notice, label and value, in the order both forms show them. */
export function noticeFacts(n: Notice, p: ProblemRow): Array<[string, string]> {
  return [
    ['督办单编号', n.code],
    ['问题编号', p.code],
    ['责任单位', p.unit_name ?? '—'],
    ['问题类别', p.category_name],
    ['严重程度', labelOf(PROBLEM_SEVERITY_LABELS, p.severity)],
    ['问题地点', p.address ?? p.region_name],
    ['问题描述', p.description],
    ['原整改时限', noticeTime(p.deadline)],
    ['督办时间', noticeTime(n.issued_at)],
    ['督办整改期限', noticeTime(n.deadline)],
    ['升级督办', n.escalated_at ? `${noticeTime(n.escalated_at)}，报送${n.escalated_to ?? ''}` : '未升级'],
  ];
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The printable page (HTML) of a notice. */
export function noticePrintPage(n: Notice, p: ProblemRow): string {
  const rows = noticeFacts(n, p);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>督办单 ${esc(n.code)}</title>
<style>body{font-family:'Noto Serif CJK SC','SimSun',serif;max-width:720px;margin:32px auto;color:#000}h1{text-align:center;letter-spacing:8px}
table{width:100%;border-collapse:collapse}td{border:1px solid #000;padding:8px;vertical-align:top}td:first-child{width:130px;text-align:center}
.sign{margin-top:48px;text-align:right;line-height:2}@media print{button{display:none}}</style></head><body>
<button onclick="print()">打印</button><h1>问题整改督办单</h1><table>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>
<p>请责任单位接单后立即组织整改，于督办整改期限前将整改情况及整改前后对比照片报送创建办。逾期未整改的，将按规定升级督办并予以通报。</p>
<div class="sign">创建工作领导小组办公室<br>${esc(noticeTime(n.issued_at).slice(0, 11))}</div></body></html>`;
}
