/** .xlsx templates, exports and strict reading for imports (ExcelJS). */
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type RowError } from './errors';

export interface SheetColumn {
  header: string;
  width?: number;
  /** Shown in the template's example row. */
  example?: string;
  required?: boolean;
}

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_IMPORT_ROWS = 20000;

/** Builds a one-sheet workbook with a bold, frozen header row. */
export async function buildWorkbook(
  sheetName: string,
  columns: SheetColumn[],
  rows: unknown[][],
  notes: string[] = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  for (const r of rows) ws.addRow(r.map((v) => (v === null || v === undefined ? '' : v)));
  if (notes.length) {
    const help = wb.addWorksheet('填写说明');
    help.getColumn(1).width = 100;
    notes.forEach((n) => help.addRow([n]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A template: headers plus one example row and the filling notes. */
export function buildTemplate(sheetName: string, columns: SheetColumn[], notes: string[]): Promise<Buffer> {
  return buildWorkbook(sheetName, columns, [columns.map((c) => c.example ?? '')], [
    '第一行为表头，请勿修改；从第二行开始每行一条记录（示例行请删除或替换）。',
    '红色表头为必填列。',
    ...notes,
  ]);
}

/** Sends a workbook as a download with a Chinese file name. */
export function sendWorkbook(reply: FastifyReply, fileName: string, buffer: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(buffer);
}

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  values: Record<string, string>;
}

/** Reads the uploaded multipart `file` field into memory, checking size and that it really is an .xlsx (zip) file. */
export async function readUploadedWorkbook(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传文件（字段名 file）');
  const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
  if (!part) throw new AppError('bad_request', '没有收到文件（字段名 file）');
  const buffer = await part.toBuffer().catch((e: { code?: string }) => {
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', '文件超过 10 MB');
    throw e;
  });
  // An .xlsx file is a zip archive: check the content, not the name.
  if (buffer.length < 4 || buffer[0] !== 0x50 || buffer[1] !== 0x4b) {
    throw new AppError('unsupported_media_type', '文件不是 .xlsx 格式，请下载模板填写后上传');
  }
  return buffer;
}

/** Reads a multipart upload with its text fields (in any order) and checks the file is really an .xlsx. */
export async function readUploadedWorkbookWithFields(req: FastifyRequest): Promise<{ buffer: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('bad_request', '请以 multipart/form-data 上传文件（字段名 file）');
  const fields: Record<string, string> = {};
  let buffer: Buffer | null = null;
  for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES } })) {
    if (part.type === 'file') {
      buffer = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', '文件超过 10 MB');
        throw e;
      });
    } else {
      fields[part.fieldname] = String(part.value ?? '').trim();
    }
  }
  if (!buffer) throw new AppError('bad_request', '没有收到文件（字段名 file）');
  if (buffer.length < 4 || buffer[0] !== 0x50 || buffer[1] !== 0x4b) throw new AppError('unsupported_media_type', '文件不是 .xlsx 格式，请下载模板填写后上传');
  return { buffer, fields };
}

/** Reads the first sheet; its header row must contain exactly the expected headers (any order). */
export async function readSheet(buffer: Buffer, columns: SheetColumn[]): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('unsupported_media_type', '文件无法读取，请确认是 .xlsx 格式（不支持 .xls 和 .csv）');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw invalid([{ row: 1, column: '', message: '文件中没有工作表' }]);
  const headerCells: Record<number, string> = {};
  ws.getRow(1).eachCell((cell, col) => {
    headerCells[col] = cellText(cell.value);
  });
  const present = new Set(Object.values(headerCells));
  const missing = columns.filter((c) => !present.has(c.header)).map((c) => c.header);
  if (missing.length) {
    throw invalid(missing.map((h) => ({ row: 1, column: h, message: `缺少表头“${h}”，请使用下载的模板` })));
  }
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    let hasAny = false;
    for (const [col, header] of Object.entries(headerCells)) {
      const text = cellText(row.getCell(Number(col)).value);
      values[header] = text;
      if (text) hasAny = true;
    }
    if (hasAny) rows.push({ row: rowNumber, values });
  });
  if (!rows.length) throw invalid([{ row: 2, column: '', message: '文件中没有数据行' }]);
  if (rows.length > MAX_IMPORT_ROWS) throw invalid([{ row: MAX_IMPORT_ROWS + 2, column: '', message: `单次最多导入 ${MAX_IMPORT_ROWS} 行` }]);
  return rows;
}

/** The error an import answers with when any row is bad; nothing has been written. */
export function invalid(rows: RowError[]): AppError {
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  return new AppError('import_invalid', `导入文件有 ${sorted.length} 处错误，未写入任何数据，请修改后重新上传`, { rows: sorted });
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value).trim();
}
