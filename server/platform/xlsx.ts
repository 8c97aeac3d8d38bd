/** .xlsx templates, exports and strict reading for imports (ExcelJS); the reading itself is in xlsx-read.ts. */
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';

export { importLimits, invalid, readSheet, type SheetRow } from './xlsx-read';

export interface SheetColumn {
  header: string;
  width?: number;
  /** Shown in the template's example row. */
  example?: string;
  required?: boolean;
}

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * A text cell starting with = + - @ (or tab / CR) becomes a live formula when someone edits it in Excel or saves the
 * sheet as CSV (=HYPERLINK(…), =cmd|…): every export writes such text with a leading ' (OWASP "CSV injection"), and
 * readSheet drops that ' again on import, so an export → import round trip is unchanged.
 */
export function neutraliseCell(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Builds a one-sheet workbook with a bold, frozen header row. */
export async function buildWorkbook(sheetName: string, columns: SheetColumn[], rows: unknown[][], notes: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  for (const r of rows) ws.addRow(r.map((v) => (v === null || v === undefined ? '' : neutraliseCell(v))));
  if (notes.length) {
    const help = wb.addWorksheet('填写说明');
    help.getColumn(1).width = 100;
    notes.forEach((n) => help.addRow([neutraliseCell(n)]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A template: headers plus one example row and the filling notes. */
export function buildTemplate(sheetName: string, columns: SheetColumn[], notes: string[]): Promise<Buffer> {
  return buildWorkbook(
    sheetName,
    columns,
    [columns.map((c) => c.example ?? '')],
    ['第一行为表头，请勿修改；从第二行开始每行一条记录（示例行请删除或替换）。', '红色表头为必填列。', ...notes],
  );
}

/** Sends a workbook as a download with a Chinese file name. */
export function sendWorkbook(reply: FastifyReply, fileName: string, buffer: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(buffer);
}

/** A multipart body that cannot be read (cut off, malformed) is the client's fault: 400 (413 when too large). */
export function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('payload_too_large', '文件超过 10 MB');
  if (code === 'FST_FILES_LIMIT') return new AppError('bad_request', '一次只能上传一个文件');
  // busboy's own errors ("Unexpected end of form", malformed headers) carry no code.
  return new AppError('bad_request', '上传内容格式有误或不完整，请重新上传');
}

function assertZip(buffer: Buffer): void {
  // An .xlsx file is a zip archive: check the content, not the name.
  if (buffer.length < 4 || buffer[0] !== 0x50 || buffer[1] !== 0x4b) {
    throw new AppError('unsupported_media_type', '文件不是 .xlsx 格式，请下载模板填写后上传');
  }
}

/** Reads the uploaded multipart `file` field into memory, checking size and that it really is an .xlsx (zip) file. */
export async function readUploadedWorkbook(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传文件（字段名 file）');
  let buffer: Buffer;
  try {
    const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
    if (!part) throw new AppError('bad_request', '没有收到文件（字段名 file）');
    buffer = await part.toBuffer();
  } catch (error) {
    throw uploadError(error);
  }
  assertZip(buffer);
  return buffer;
}

/** Reads a multipart upload with its text fields (in any order) and checks the file is really an .xlsx. */
export async function readUploadedWorkbookWithFields(req: FastifyRequest): Promise<{ buffer: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传文件（字段名 file）');
  const fields: Record<string, string> = {};
  let buffer: Buffer | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES } })) {
      if (part.type === 'file') buffer = await part.toBuffer();
      else fields[part.fieldname] = String(part.value ?? '').trim();
    }
  } catch (error) {
    throw uploadError(error);
  }
  if (!buffer) throw new AppError('bad_request', '没有收到文件（字段名 file）');
  assertZip(buffer);
  return { buffer, fields };
}
