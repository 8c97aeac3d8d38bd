/**
 * The import reader (xlsx-sheet-reader.mjs) read in this process, without its worker: which sheet it reads, in what
 * order the workbook's parts may come, and that a workbook ExcelJS wrote reads every time (ExcelJS's own streaming
 * walk over the zip lost `xl/workbook.xml` about once in 200 reads; see the reader's header).
 */
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { readWorksheet } from './xlsx-sheet-reader.mjs';

const limits = { maxRows: 100, maxTotalBytes: 10 * 1024 * 1024 };

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook written by hand: inline strings, no shared strings, no styles, parts in the order given. */
function handWritten(parts: Array<[string, string]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of parts) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const inlineRow = (n: number, cells: string[]) =>
  `<row r="${n}">${cells.map((t, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${t}</t></is></c>`).join('')}</row>`;

describe('reading the first sheet of an uploaded workbook', () => {
  it('reads the first tab, not the lowest-numbered sheet file', async () => {
    // 说明 is sheet1.xml, 数据 sheet2.xml; the user dragged 数据 to the front.
    const buffer = await book((wb) => {
      const help = wb.addWorksheet('说明');
      help.addRow(['填写说明']);
      const data = wb.addWorksheet('数据');
      data.addRow(['单位名称', '联络员']);
      data.addRow(['县城管局', '王建国']);
      // ExcelJS writes the tabs in `orderNo` order (its typings leave the field out).
      (help as ExcelJS.Worksheet & { orderNo: number }).orderNo = 2;
      (data as ExcelJS.Worksheet & { orderNo: number }).orderNo = 1;
    });
    const result = await readWorksheet(buffer, { ...limits, expected: ['单位名称'] });
    expect(result).toEqual({ kind: 'ok', headers: ['单位名称', '联络员'], rows: [{ row: 2, cells: ['县城管局', '王建国'] }] });
  });

  it('reads the tab asked for in a template with several (a questionnaire: 题目, 选项, 设置)', async () => {
    const buffer = await book((wb) => {
      wb.addWorksheet('题目').addRows([['题号'], ['Q1']]);
      wb.addWorksheet('选项').addRows([
        ['题号', '选项编码'],
        ['Q1', 'A'],
        ['Q1', 'B'],
      ]);
      wb.addWorksheet('设置').addRows([['项目'], ['调查对象']]);
    });
    const result = await readWorksheet(buffer, { ...limits, expected: ['题号'], tab: 2 });
    expect(result).toEqual({
      kind: 'ok',
      headers: ['题号', '选项编码'],
      rows: [
        { row: 2, cells: ['Q1', 'A'] },
        { row: 3, cells: ['Q1', 'B'] },
      ],
    });
    expect(await readWorksheet(buffer, { ...limits, tab: 4 })).toEqual({ kind: 'ok', headers: [], rows: [], noSheet: true });
  });

  it('passes over a hidden first tab', async () => {
    const buffer = await book((wb) => {
      const lists = wb.addWorksheet('下拉选项', { state: 'hidden' });
      lists.addRow(['县直部门']);
      const data = wb.addWorksheet('数据');
      data.addRow(['单位名称']);
      data.addRow(['县教育局']);
    });
    const result = await readWorksheet(buffer, { ...limits, expected: ['单位名称'] });
    expect(result).toMatchObject({ kind: 'ok', rows: [{ row: 2, cells: ['县教育局'] }] });
  });

  it('reads dates through the styles, and a header row below an export title', async () => {
    const buffer = await book((wb) => {
      const ws = wb.addWorksheet('导出');
      ws.addRow(['某县点位台账']);
      ws.addRow(['导出时间：2026-12-06']);
      ws.addRow(['点位名称', '建档日期']);
      ws.addRow(['人民公园', new Date(Date.UTC(2026, 10, 3))]);
      ws.getCell('B4').numFmt = 'yyyy-mm-dd';
    });
    const result = await readWorksheet(buffer, { ...limits, expected: ['点位名称', '建档日期'] });
    expect(result).toEqual({ kind: 'ok', headers: ['点位名称', '建档日期'], rows: [{ row: 4, cells: ['人民公园', '2026-11-03'] }] });
  });

  it('reads a workbook whose workbook part comes last and which has no shared strings or styles', async () => {
    const buffer = await handWritten([
      ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
      [
        'xl/worksheets/sheet1.xml',
        `<worksheet ${NS}><sheetData>${inlineRow(1, ['姓名', '电话'])}${inlineRow(2, ['李秀英', '13900001111'])}</sheetData></worksheet>`,
      ],
      [
        'xl/_rels/workbook.xml.rels',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ],
      ['xl/workbook.xml', `<workbook ${NS} ${REL_NS}><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ]);
    const result = await readWorksheet(buffer, { ...limits, expected: ['姓名'] });
    expect(result).toEqual({ kind: 'ok', headers: ['姓名', '电话'], rows: [{ row: 2, cells: ['李秀英', '13900001111'] }] });
  });

  it('reads a two-sheet workbook written by ExcelJS 300 times in a row without losing a part', async () => {
    const buffer = await book((wb) => {
      wb.addWorksheet('First').addRow(['a', 'b']);
      wb.addWorksheet('Second').addRow(['c', 'd']);
    });
    const kinds = new Map<string, number>();
    for (let i = 0; i < 300; i += 1) {
      const result = await readWorksheet(buffer, { ...limits, expected: ['a'] });
      const key = result.kind === 'ok' ? `ok ${result.headers.join(',')}` : JSON.stringify(result);
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(kinds)).toEqual({ 'ok a,b': 300 });
  });

  it('stops at the row cap while reading, and answers a damaged file as unreadable', async () => {
    const buffer = await book((wb) => {
      const ws = wb.addWorksheet('数据');
      ws.addRow(['编号']);
      for (let i = 1; i <= 5; i += 1) ws.addRow([`第${i}行`]);
    });
    expect(await readWorksheet(buffer, { ...limits, maxRows: 3, expected: ['编号'] })).toEqual({ kind: 'too_many_rows', row: 5 });
    const damaged = await readWorksheet(buffer.subarray(0, buffer.length - 200), { ...limits, expected: ['编号'] });
    expect(damaged.kind).toBe('unreadable');
  });

  it('answers a workbook without worksheets as having no sheet', async () => {
    const buffer = await handWritten([['xl/workbook.xml', `<workbook ${NS} ${REL_NS}><sheets/></workbook>`]]);
    expect(await readWorksheet(buffer, limits)).toEqual({ kind: 'ok', headers: [], rows: [], noSheet: true });
  });
});
