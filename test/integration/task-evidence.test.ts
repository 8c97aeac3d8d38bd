/**
 * 每月汇报进度's evidence documents (both engines, on a set clock): the lead unit uploads a PDF, a .docx and an .xlsx
 * to POST /api/tasks/:id/evidence — the type is read from the bytes (a text file named .pdf is refused, a .docx named
 * .pdf is a .docx), the size is capped — and names them in its monthly report next to a photo. Who may upload (the lead
 * unit; a cooperating unit, another unit and another county 404; the office 403), who may download (the lead unit, and
 * the office, leaders and task force once a report names the document; a cooperating unit 404), and that a report may
 * name only the caller's own uploads for the same task (422).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client, Res } from '../support/client';
import { minimalPdf, progressDocx, progressXlsx } from '../support/evidence-docs';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { uploadPhoto } from '../support/problems';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let taskforce: Client;
let unit: Client; // 城管局 (unit A) liaison
let unithead: Client; // 城管局 head
let unit2: Client; // 市场监管局 (unit B) liaison
let taskA: string; // 城管局 leads, 市场监管局 cooperates
let taskB: string; // 城管局 leads alone
let taskC: string; // 市场监管局 leads

async function makeTask(planId: string, over: { title: string; leadUnitId: string; coop?: string[]; seq: number }) {
  const res = await office.post(`/api/plans/${planId}/tasks`, {
    code: String(over.seq),
    title: over.title,
    measures: '对照测评标准逐项整改，建立台账，按周调度',
    leadUnitId: over.leadUnitId,
    coopUnitIds: over.coop ?? [],
    startDate: '2026-10-01',
    dueDate: '2027-03-31',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const upload = (c: Client, taskId: string, data: Buffer, name: string) => c.upload(`/api/tasks/${taskId}/evidence`, data, name);
const docRows = async (taskId: string) =>
  (await getHarness()).database.db.selectFrom('task_evidence_files').selectAll().where('task_id', '=', taskId).execute();
const report = (over: Record<string, unknown> = {}) => ({
  period: '2026-12',
  percent: 55,
  summary: '完成幸福里背街路面硬化 1200 平方米，清理小广告 86 处，台账及情况汇报见附件',
  difficulties: '管线迁改需供电公司配合',
  fileIds: [],
  ...over,
});
const must = (res: Res, status: number) => {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
  return res.body;
};

beforeAll(async () => {
  const { clock } = await getHarness();
  clock.set(new Date('2026-12-09T02:00:00Z')); // 2026-12-09 10:00 Beijing
  t = await createTenant();
  other = await createTenant();
  office = await t.asScript('office');
  leader = await t.asScript('leader');
  taskforce = await t.asScript('taskforce');
  unit = await t.asScript('unit');
  unithead = await t.asScript('unithead');
  unit2 = await t.asScript('unit2');
  const plan = must(await office.post('/api/plans', { campaignId: t.campaignId, kind: 'plan', name: '创建全国文明城市实施方案' }), 201);
  taskA = await makeTask(plan.id, { title: `幸福里背街改造提升${t.tag}`, leadUnitId: t.unitAId, coop: [t.unitBId], seq: 1 });
  taskB = await makeTask(plan.id, { title: `主次干道占道经营整治${t.tag}`, leadUnitId: t.unitAId, seq: 2 });
  taskC = await makeTask(plan.id, { title: `农贸市场规范化改造${t.tag}`, leadUnitId: t.unitBId, seq: 3 });
});

const ids: Record<string, string> = {};

describe(`task evidence documents (${engineName})`, () => {
  it('the lead unit uploads a real PDF, .docx and .xlsx: 201 with the type read from the bytes', async () => {
    const pdf = minimalPdf();
    const p = must(await upload(unit, taskA, pdf, '幸福里背街整治台账.pdf'), 201);
    expect(p).toMatchObject({ name: '幸福里背街整治台账.pdf', mime: 'application/pdf', size: pdf.length });
    expect(p.url).toBe(`/api/tasks/${taskA}/evidence/${p.id}`);
    ids.pdf = p.id;

    const docx = await progressDocx();
    const d = must(await upload(unit, taskA, docx, '工作情况汇报.docx'), 201);
    expect(d).toMatchObject({ name: '工作情况汇报.docx', mime: DOCX, size: docx.length });
    ids.docx = d.id;

    const xlsx = await progressXlsx();
    const x = must(await upload(unit, taskA, xlsx, '整治台账.xlsx'), 201);
    expect(x).toMatchObject({ name: '整治台账.xlsx', mime: XLSX });
    ids.xlsx = x.id;

    // The name does not decide: a Word file called .pdf is a Word file, and its download name says so.
    const liar = must(await upload(unit, taskA, docx, '情况汇报.pdf'), 201);
    expect(liar).toMatchObject({ mime: DOCX, name: '情况汇报.pdf.docx' });

    const rows = await docRows(taskA);
    expect(rows.map((r) => r.id).sort()).toEqual([ids.pdf, ids.docx, ids.xlsx, liar.id].sort());
    expect(rows.find((r) => r.id === ids.pdf)).toMatchObject({
      uploaded_by: t.users.unit.id,
      ext: 'pdf',
      size_bytes: pdf.length,
      original_name: '幸福里背街整治台账.pdf',
    });
    // Stored through deps.storage under a server-chosen key; the bytes come back unchanged.
    const back = await unit.get(p.url);
    expect(back.status).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(back.raw, pdf)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await unit.get(x.url)).raw as never);
    expect(wb.getWorksheet('整治台账')!.getCell('B2').text).toBe('幸福里背街');
    const zip = await JSZip.loadAsync((await unithead.get(d.url)).raw);
    expect(await zip.file('word/document.xml')!.async('string')).toContain('路面硬化');
  });

  it('a text file named .pdf, a PowerPoint and an oversized file are refused in Chinese; nothing is stored', async () => {
    const before = (await docRows(taskB)).length;
    const fake = await upload(unit, taskB, Buffer.from('这不是 PDF，是改了扩展名的文本文件。\n'), '整治台账.pdf');
    expect(fake.status).toBe(415);
    expect(fake.body.error.message).toContain('不是支持的佐证材料类型');
    expect(fake.body.error.message).toContain('按文件内容识别');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('ppt/presentation.xml', '<p:presentation/>');
    const pptx = await upload(unit, taskB, await zip.generateAsync({ type: 'nodebuffer' }), '汇报.pptx');
    expect(pptx.status).toBe(415);
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    const tooBig = await upload(unit, taskB, big, '扫描件.pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toContain('20 MB');
    const empty = await unit.request('POST', `/api/tasks/${taskB}/evidence`, { file: 'x' });
    expect(empty.status).toBe(400);
    expect((await docRows(taskB)).length).toBe(before);
  });

  it("another unit's task, a cooperating unit and another county: 404; the office: 403; nothing is stored", async () => {
    const pdf = minimalPdf();
    // 城管局 on 市场监管局's task.
    expect((await upload(unit, taskC, pdf, '台账.pdf')).status).toBe(404);
    // 市场监管局 cooperates on A: it sees the task but reports (and uploads) nothing on it.
    expect((await upload(unit2, taskA, pdf, '台账.pdf')).status).toBe(404);
    const byOffice = await upload(office, taskB, pdf, '台账.pdf');
    expect(byOffice.status).toBe(403);
    expect(byOffice.body.error.message).toBe('由牵头单位填报');
    expect((await upload(await other.asScript('unit'), taskB, pdf, '台账.pdf')).status).toBe(404);
    expect((await upload(await other.asScript('office'), taskB, pdf, '台账.pdf')).status).toBe(404);
    expect((await upload(unit, crypto.randomUUID(), pdf, '台账.pdf')).status).toBe(404);
    expect(await docRows(taskC)).toHaveLength(0);
  });

  it('before a report names it, only the lead unit opens a document; a cooperating unit and other counties never', async () => {
    const url = `/api/tasks/${taskA}/evidence/${ids.pdf}`;
    expect((await unit.get(url)).status).toBe(200);
    expect((await unithead.get(url)).status).toBe(200);
    expect((await office.get(url)).status).toBe(404);
    expect((await unit2.get(url)).status).toBe(404);
    expect((await (await other.asScript('office')).get(url)).status).toBe(404);
    // The same document through another task is unknown.
    expect((await unit.get(`/api/tasks/${taskB}/evidence/${ids.pdf}`)).status).toBe(404);
    expect((await unit.get(`/api/tasks/${taskA}/evidence/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it("a report may name only the caller's own uploads for the same task (422), and writes nothing", async () => {
    // 市场监管局's own document for its own task, named by 城管局.
    const theirs = must(await upload(unit2, taskC, minimalPdf(), '市场整治台账.pdf'), 201);
    const foreign = await unit.post(`/api/tasks/${taskA}/progress`, report({ fileIds: [ids.pdf, theirs.id] }));
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.message).toContain('佐证材料');
    // A colleague of the same unit cannot name the liaison's upload either (not theirs).
    const colleague = await unithead.post(`/api/tasks/${taskA}/progress`, report({ fileIds: [ids.docx] }));
    expect(colleague.status).toBe(422);
    // The liaison's document of task A named in task B's report.
    const wrongTask = await unit.post(`/api/tasks/${taskB}/progress`, report({ fileIds: [ids.xlsx] }));
    expect(wrongTask.status).toBe(422);
    expect(wrongTask.body.error.message).toContain('本任务');
    const db = (await getHarness()).database.db;
    expect(await db.selectFrom('task_progress').select('id').where('task_id', 'in', [taskA, taskB]).execute()).toHaveLength(0);
  });

  it('a report with a document and a photo: the office, leaders and task force read both and download them; the cooperating unit does not', async () => {
    const photo = await uploadPhoto(unit);
    const res = must(await unit.post(`/api/tasks/${taskA}/progress`, report({ fileIds: [ids.pdf, photo, ids.xlsx] })), 201);
    ids.progress = res.id;
    expect(res.files).toEqual([
      {
        id: ids.pdf,
        kind: 'document',
        name: '幸福里背街整治台账.pdf',
        mime: 'application/pdf',
        size: minimalPdf().length,
        url: `/api/tasks/${taskA}/evidence/${ids.pdf}`,
      },
      expect.objectContaining({ id: photo, kind: 'photo', mime: 'image/jpeg', url: `/api/files/${photo}/evidence` }),
      expect.objectContaining({ id: ids.xlsx, kind: 'document', name: '整治台账.xlsx', mime: XLSX }),
    ]);

    const seen = must(await office.get(`/api/task-progress/${ids.progress}`), 200);
    expect(seen.files.map((f: { kind: string }) => f.kind)).toEqual(['document', 'photo', 'document']);
    const page = must(await office.get(`/api/task-progress?period=2026-12&planId=${seen.planId}`), 200);
    expect(page.items.find((r: { id: string }) => r.id === ids.progress).files).toHaveLength(3);
    const detail = must(await office.get(`/api/tasks/${taskA}`), 200);
    expect(detail.progress[0].files.map((f: { id: string }) => f.id)).toEqual([ids.pdf, photo, ids.xlsx]);

    for (const c of [office, leader, taskforce]) {
      const doc = await c.get(seen.files[0].url);
      expect(doc.status).toBe(200);
      expect(doc.raw.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(String(doc.headers['content-disposition'])).toContain(encodeURIComponent('幸福里背街整治台账.pdf'));
      expect((await c.get(seen.files[1].url)).status).toBe(200);
    }
    // The document uploaded but not named stays the unit's own.
    expect((await office.get(`/api/tasks/${taskA}/evidence/${ids.docx}`)).status).toBe(404);
    // 市场监管局 cooperates on the task: the report's evidence is not theirs to open (as for its photos).
    expect((await unit2.get(seen.files[0].url)).status).toBe(404);
    expect((await unit2.get(`/api/files/${photo}/evidence`)).status).toBe(404);
    expect((await (await other.asScript('office')).get(seen.files[0].url)).status).toBe(404);
  });

  it("returned, the unit head resubmits keeping the liaison's documents and adding his own", async () => {
    const r = must(await office.get(`/api/task-progress/${ids.progress}`), 200);
    must(
      await office.post(`/api/task-progress/${r.id}/actions`, { action: 'return', version: r.version, comment: '请补充工作情况汇报' }),
      200,
    );
    const mine = must(await upload(unithead, taskA, await progressDocx('城管局关于幸福里背街改造的补充说明'), '补充说明.docx'), 201);
    const again = must(
      await unithead.post(
        `/api/tasks/${taskA}/progress`,
        report({ percent: 60, fileIds: [...r.files.map((f: { id: string }) => f.id), mine.id] }),
      ),
      200,
    );
    expect(again.files.map((f: { id: string; kind: string }) => [f.id, f.kind])).toEqual([
      ...r.files.map((f: { id: string; kind: string }) => [f.id, f.kind]),
      [mine.id, 'document'],
    ]);
    expect((await office.get(mine.url)).status).toBe(200);
    // Still: a document the report never held stays refused for a colleague.
    expect((await unithead.post(`/api/tasks/${taskA}/progress`, report({ fileIds: [ids.docx] }))).status).toBe(422);
  });
});
