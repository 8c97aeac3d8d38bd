/**
 * Documents an office sends as they are: the 情况通报 and the 督办单 as GB/T 9704 公文 (fonts, sizes, page, 文号, title
 * without a repeated word, 成文日期 in Chinese numerals, page numbers, photos), and the exports as workbooks a clerk
 * can sort and sum (title row with the period, 序号, real dates and numbers, % format), read back from the files.
 */
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasRepeatedWord } from '../../server/modules/inspections/round-title';
import { chineseNumeralDate } from '../../server/platform/gongwen';
import { makeProblem, makeRound, makeSite, makeStandardsVersion } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { multipartForm } from '../support/xlsx';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

/** The text of one entry of a zip (a .docx or .xlsx). */
async function zipEntry(buffer: Buffer, name: string): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))),
  );
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== name) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    });
    zip.on('end', () => reject(new Error(`${name} not in the zip`)));
    zip.readEntry();
  });
}

/** Paragraphs of document.xml as { text, fonts, sizes, color, centred }. */
function paragraphs(xml: string) {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    eastAsia: [...p.matchAll(/w:eastAsia="([^"]+)"/g)].map((m) => m[1]).filter((f) => f !== 'zh-CN'),
    sizes: [...p.matchAll(/<w:sz w:val="(\d+)"/g)].map((m) => Number(m[1]) / 2),
    color: /<w:color w:val="([0-9A-Fa-f]{6})"/.exec(p)?.[1]?.toUpperCase() ?? null,
    centred: /<w:jc w:val="center"\/>/.test(p),
  }));
}

async function covertRoundWithFinding(office: Awaited<ReturnType<Tenant['asScript']>>, place: string) {
  const inspector = await t.asScript('inspector');
  const { versionId, standards } = await makeStandardsVersion(t);
  const site = await makeSite(t, { name: `${place}农贸市场${t.tag}` });
  const round = await makeRound(t, {
    name: `${place}暗访${t.tag}`,
    kind: 'covert',
    standardVersionId: versionId,
    siteIds: [site],
    startDate: '2026-11-20',
    endDate: '2026-11-25',
  });
  const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 120, g: 90, b: 60 } } })
    .jpeg()
    .toBuffer();
  const form = multipartForm({ roundId: round.id }, [['covert.jpg', jpeg]]);
  const photo = (await inspector.request('POST', '/api/files', form.body, { headers: form.headers })).body.id;
  const visit = await inspector.post(`/api/inspection-rounds/${round.id}/visits`, {
    siteId: site,
    results: [{ standardId: standards.get('农贸市场-01-01'), verdict: 'fail', photoIds: [photo], note: '通道有占道经营' }],
  });
  expect(visit.status, JSON.stringify(visit.body)).toBe(200);
  return { round: round.id, office };
}

describe(`情况通报 and 督办单 as 公文 (${engineName})`, () => {
  it('refuses the bulletin of an unreleased 暗访, then writes it in the GB/T 9704 layout', async () => {
    const office = await t.asScript('office');
    const { round } = await covertRoundWithFinding(office, '东门');
    const early = await office.get(`/api/inspection-rounds/${round}/report/bulletin`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('发布');
    expect((await office.post(`/api/inspection-rounds/${round}/release`)).status).toBe(204);

    const res = await office.get(`/api/inspection-rounds/${round}/report/bulletin`);
    expect(res.status).toBe(200);
    const xml = await zipEntry(res.raw, 'word/document.xml');
    const ps = paragraphs(xml);
    const nonEmpty = ps.filter((p) => p.text.trim());

    // A4, top 37 mm and left 28 mm (twips), body on a 28.95 pt line pitch.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:left="1587"/);
    expect(xml).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);

    // 发文机关标志: red 小标宋, centred, naming the county's office.
    const mark = nonEmpty[0];
    expect(mark.text).toMatch(/创建全国文明城市工作领导小组办公室文件$/);
    expect(mark.color).toBe('FF0000');
    expect(mark.eastAsia).toContain('方正小标宋简体');
    expect(mark.centred).toBe(true);
    // 文号 with 〔〕 and the red separator below it.
    const number = nonEmpty[1];
    expect(number.text).toMatch(/^创城办〔\d{4}〕\d+号$/);
    expect(number.xml).toMatch(/<w:bottom [^>]*w:color="FF0000"/);
    // Title: 小标宋 二号, centred, no repeated word (the round is named …暗访, its kind is 暗访).
    const title = nonEmpty[2];
    expect(title.text).toBe(`关于东门暗访${t.tag}情况的通报`);
    expect(hasRepeatedWord(title.text)).toBe(false);
    expect(title.eastAsia).toEqual(['方正小标宋简体']);
    expect(title.sizes).toEqual([22]);
    expect(title.centred).toBe(true);
    // 主送, then a body in 仿宋_GB2312 三号 with 黑体 and 楷体 headings.
    expect(nonEmpty[3].text).toMatch(/：$/);
    const body = nonEmpty.find((p) => p.text.startsWith('本轮共抽取点位'))!;
    expect(body.eastAsia).toEqual(['仿宋_GB2312']);
    expect(body.sizes).toEqual([16]);
    expect(body.xml).toContain('w:ascii="Times New Roman"');
    const h1 = nonEmpty.find((p) => p.text === '一、基本情况')!;
    expect(h1.eastAsia).toEqual(['黑体']);
    expect(h1.sizes).toEqual([16]);
    const h2 = nonEmpty.find((p) => p.text.startsWith('（一）'))!;
    expect(h2.eastAsia[0]).toBe('楷体_GB2312');
    // 典型问题 with the evidence photo and its caption.
    expect(xml).toContain('<w:drawing>');
    expect(nonEmpty.some((p) => /^图1\u3000东门农贸市场/.test(p.text))).toBe(true);
    expect((await zipEntry(res.raw, '[Content_Types].xml')).toLowerCase()).toMatch(/image\/(jpeg|jpg)/);
    // 落款 and the 成文日期 (the release day) in Chinese numerals.
    const dateLine = nonEmpty.find((p) =>
      /^二〇[〇一二三四五六七八九]{2}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日$/.test(p.text),
    );
    expect(dateLine).toBeTruthy();
    expect(nonEmpty[nonEmpty.indexOf(dateLine!) - 1].text).toMatch(/领导小组办公室$/);
    // Attachments and the 版记.
    expect(nonEmpty.some((p) => p.text === '附件1')).toBe(true);
    expect(nonEmpty.some((p) => p.text.startsWith('抄送：'))).toBe(true);
    expect(nonEmpty.some((p) => /\d{4}年\d{1,2}月\d{1,2}日印发$/.test(p.text))).toBe(true);
    // Page numbers — N — outside: odd pages right, even pages left.
    const settings = await zipEntry(res.raw, 'word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all([zipEntry(res.raw, 'word/footer1.xml'), zipEntry(res.raw, 'word/footer2.xml')]);
    expect(footers.join('')).toContain('PAGE');
    expect(footers.join('')).toContain('— ');
    expect(footers.map((f) => /<w:jc w:val="(left|right)"/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
  });

  it('writes a 督办单 as a 公文 letter for whoever may read the problem, and hides it from others', async () => {
    const { database, clock } = await getHarness();
    const office = await t.asScript('office');
    const p = await makeProblem(t, { stage: 'dispatched', description: `西门路口暴露垃圾${t.tag}` });
    const issued = new Date(clock.now().getTime());
    const notice = await database.db
      .insertInto('supervision_notices')
      .values({
        code: `DB202612-${t.tag}`,
        problem_id: p.id,
        unit_id: t.unitAId,
        issued_at: issued,
        deadline: new Date(issued.getTime() + 72 * 3600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await office.get(`/api/supervision-notices/${notice.id}/docx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('wordprocessingml');
    const xml = await zipEntry(res.raw, 'word/document.xml');
    const texts = paragraphs(xml)
      .map((x) => x.text)
      .filter(Boolean);
    expect(texts[0]).toMatch(/领导小组办公室$/); // a letter: no 文件
    expect(texts[1]).toMatch(/^创城办督〔\d{4}〕\d+号$/);
    expect(texts[2]).toBe('问题整改督办单');
    expect(texts).toContain(chineseNumeralDate(issued));
    expect(xml).toContain(`西门路口暴露垃圾${t.tag}`);
    // The print page stays.
    expect((await office.get(`/api/supervision-notices/${notice.id}/print`)).status).toBe(200);
    // Someone who may not read the problem learns nothing.
    const volunteer = await t.asScript('volunteer');
    expect((await volunteer.get(`/api/supervision-notices/${notice.id}/docx`)).status).toBe(404);
  });
});

describe(`exports as workbooks a clerk can sort and sum (${engineName})`, () => {
  it('the round result table: title with the period, 序号, % numbers, summary sheets and the problem list with dates', async () => {
    const office = await t.asScript('office');
    const { round } = await covertRoundWithFinding(office, '西关');
    await office.post(`/api/inspection-rounds/${round}/release`);
    const res = await office.get(`/api/inspection-rounds/${round}/report/export`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['点位得分', '按点位类型', '按乡镇（街道）', '问题清单']);
    const sites = wb.worksheets[0];
    expect(sites.getCell('A1').value).toBe(`西关暗访${t.tag}点位测评结果（2026年11月20日至2026年11月25日）`);
    expect(String(sites.getCell('A2').value)).toMatch(/^导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(sites.getRow(3).values).toEqual([
      undefined,
      '序号',
      '点位',
      '点位类型',
      '所属区域',
      '包保单位',
      '得分率',
      '扣分制得分',
      '符合',
      '不符合',
      '不适用',
      '是否达标',
    ]);
    expect(sites.getCell('A4').value).toBe(1);
    expect(sites.getCell('F4').type).toBe(ExcelJS.ValueType.Number);
    expect(sites.getCell('F4').value).toBe(0);
    expect(sites.getCell('F4').numFmt).toBe('0.0%');
    expect(sites.getCell('I4').value).toBe(1); // 不符合 as a number
    const byType = wb.worksheets[1];
    expect(byType.getCell('B4').value).toBe('集贸市场（农贸市场）');
    expect(byType.getCell('G4').numFmt).toBe('0.0%');
    const last = byType.getRow(byType.rowCount);
    expect(last.getCell(2).value).toBe('合计');
    expect(last.getCell(3).value).toBe(1);
    const list = wb.worksheets[3];
    expect(list.getCell('B4').value).toMatch(/^WT\d{6}-/);
    const found = list.getCell('L4');
    expect(found.type).toBe(ExcelJS.ValueType.Date);
    expect(found.numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('the ledger and the audit log: Beijing-time Excel dates, counts as numbers, Chinese labels, no ISO strings', async () => {
    const { clock } = await getHarness();
    const office = await t.asScript('office');
    await makeProblem(t, { stage: 'dispatched', regionId: t.townBId });
    const ledger = new ExcelJS.Workbook();
    await ledger.xlsx.load((await office.get(`/api/problems/export?regionId=${t.townBId}`)).raw as unknown as ArrayBuffer);
    const ws = ledger.worksheets[0];
    expect(String(ws.getCell('A1').value)).toMatch(/^问题整改台账（截至\d{4}年\d{1,2}月\d{1,2}日）$/);
    expect(ws.getCell('A3').value).toBe('序号');
    const found = ws.getCell('C4');
    expect(found.type).toBe(ExcelJS.ValueType.Date);
    // Excel shows the Beijing wall-clock time of the instant (stored as a serial date without a zone).
    const shown = found.value as Date;
    const reported = new Date(clock.now().getTime() + 8 * 3600_000);
    expect(Math.abs(shown.getTime() - reported.getTime())).toBeLessThan(3600_000);
    expect(ws.getCell('S4').type).toBe(ExcelJS.ValueType.Number); // 延期次数
    ws.eachRow((row) => row.eachCell((c) => expect(String(c.value)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)));

    const unit = (await office.get(`/api/units/${t.unitAId}`)).body;
    await office.patch(`/api/units/${t.unitAId}`, { liaisonName: '周敏', version: unit.version });
    const auditor = await t.asScript('auditor');
    const audit = new ExcelJS.Workbook();
    await audit.xlsx.load((await auditor.get(`/api/audit-events/export?subjectId=${t.unitAId}`)).raw as unknown as ArrayBuffer);
    const log = audit.worksheets[0];
    expect(String(log.getCell('A1').value)).toMatch(/^审计日志/);
    expect(log.getRow(3).values).toEqual([
      undefined,
      '序号',
      '事件号',
      '时间',
      '操作人',
      '操作',
      '对象类型',
      '对象',
      '变更内容',
      'IP',
      '客户端',
      '操作代码',
    ]);
    expect(log.getCell('C4').type).toBe(ExcelJS.ValueType.Date);
    expect(log.getCell('E4').value).toBe('修改单位');
    expect(log.getCell('F4').value).toBe('单位');
    expect(String(log.getCell('G4').value)).toContain(t.unitAId);
    expect(String(log.getCell('H4').value)).toMatch(/^联络员：.+ → 周敏$/);
    expect(log.getCell('K4').value).toBe('unit.updated');
  });
});
