/** Spreadsheet and multipart helpers for import/export tests. */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';

/** A one-sheet workbook: a header row, then the rows. */
export async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(headers);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first sheet of a workbook as rows of text. */
export async function readBack(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return out;
}

/** A multipart body with text fields and files (each as field `file`). */
export function multipartForm(fields: Record<string, string>, files: Array<[string, Buffer]>) {
  const b = '----cc' + crypto.randomBytes(6).toString('hex');
  const parts = [
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    ...files.flatMap(([name, data]) => [
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${b}--\r\n`),
  ];
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** Escapes text for an inline-string cell. */
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function rowXml(rowNumber: number, cells: string[]): string {
  return `<row r="${rowNumber}">${cells.map((c, i) => `<c r="${colName(i)}${rowNumber}" t="inlineStr"><is><t>${xmlText(c)}</t></is></c>`).join('')}</row>`;
}

/**
 * A valid one-sheet .xlsx written as a stream (yazl): the sheet XML is generated row by row and deflated on the fly,
 * so a file whose sheet unpacks to hundreds of MB (a zip bomb of repetitive rows) costs the test only its few
 * compressed MB. `row(i)` gives data row i (0-based); the header row comes first.
 */
export async function streamedWorkbook(
  headers: string[],
  rowCount: number,
  row: (i: number) => string[],
  opts: { sameRowNumber?: boolean } = {},
): Promise<Buffer> {
  const { ZipFile } = await import('yazl');
  const { Readable } = await import('node:stream');
  const zip = new ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text), name);
  add(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  add(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  add(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  add(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  function* sheet() {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowXml(1, headers)}`;
    if (opts.sameRowNumber) {
      // A bomb: every row is the same bytes (row 2 again and again), so it deflates about 1000:1.
      const one = rowXml(2, row(0));
      const chunk = one.repeat(Math.max(1, Math.floor(1_000_000 / one.length)));
      const perChunk = Math.max(1, Math.floor(1_000_000 / one.length));
      for (let done = 0; done < rowCount; done += perChunk) yield done + perChunk <= rowCount ? chunk : one.repeat(rowCount - done);
      yield '</sheetData></worksheet>';
      return;
    }
    const batch: string[] = [];
    for (let i = 0; i < rowCount; i += 1) {
      batch.push(rowXml(i + 2, row(i)));
      if (batch.length === 2000) yield batch.splice(0).join('');
    }
    yield batch.join('') + '</sheetData></worksheet>';
  }
  // Level 1: a bomb of hundreds of MB deflates in a few seconds (the ratio barely changes on repetitive rows).
  zip.addReadStream(Readable.from(sheet(), { objectMode: false }), 'xl/worksheets/sheet1.xml', {
    compressionLevel: opts.sameRowNumber ? 1 : 6,
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
