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
    ...files.flatMap(([name, data]) => [Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from('\r\n')]),
    Buffer.from(`--${b}--\r\n`),
  ];
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
