/**
 * .xlsx templates, exports and strict reading for imports (ExcelJS); the reading itself is in xlsx-read.ts.
 *
 * An export is a document someone files or forwards: each sheet opens with a title row (the subject and its period),
 * an information row (export time, row count), then the header row and the rows, each numbered in a 序号 column.
 * Cells are typed by their column: dates and times are Excel dates in Beijing time with a date format, counts and
 * scores are numbers, rates are numbers with a % format — so Excel sorts, filters and sums them. Templates stay a
 * plain header row (row 1) with one example row; the importer finds the header row in either (xlsx-read.ts).
 */
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';
import { BEIJING_OFFSET_MS } from '../../common/beijing';

export { importLimits, invalid, readSheet, type SheetRow } from './xlsx-read';

/** How an export writes a column's cells (text unless said). */
export type CellKind = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'datetime';

export interface SheetColumn {
  header: string;
  width?: number;
  /** Shown in the template's example row. */
  example?: string;
  required?: boolean;
  /** The cell type in exports (default text). */
  kind?: CellKind;
  /** An Excel number format overriding the kind's default (e.g. '0.00' for a score). */
  numFmt?: string;
}

/** What an exported workbook is about: its title row and information row. */
export interface ExportMeta {
  /** The subject, e.g. 单位台账, 整改台账, 第1轮暗访测评结果. */
  title: string;
  /** The period the rows cover, e.g. 2026年12月1日至2026年12月31日; without it the export says 截至 (now). */
  period?: string;
  /** Export time (defaults to the current time); shown in Beijing time. */
  now?: Date;
  /** Extra notes shown in the information row (filters applied, …). */
  info?: string[];
}

/** One sheet of an export. */
export interface ExportSheet {
  name: string;
  /** Overrides the workbook's title for this sheet (the period and info row are shared). */
  title?: string;
  columns: SheetColumn[];
  rows: unknown[][];
  /** A last row (合计), typed like the others, without a 序号. */
  total?: unknown[];
}

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The header of the row-number column every export starts with. */
export const SERIAL_HEADER = '序号';

const NUM_FMT: Record<CellKind, string | undefined> = {
  text: '@',
  integer: '0',
  number: '0.##',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/**
 * A text cell starting with = + - @ (or tab / CR) becomes a live formula when someone edits it in Excel or saves the
 * sheet as CSV (=HYPERLINK(…), =cmd|…): every export writes such text with a leading ' (OWASP "CSV injection"), and
 * readSheet drops that ' again on import, so an export → import round trip is unchanged.
 */
export function neutraliseCell(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * An instant as the Excel date that shows its Beijing wall-clock time (Excel dates have no time zone: ExcelJS writes
 * a Date's UTC fields, so the instant is moved by +8 h). A `YYYY-MM-DD` string (a DATE column) is that day.
 */
export function excelDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return null;
  return new Date(d.getTime() + BEIJING_OFFSET_MS);
}

/** A date as 2026年12月3日 (Beijing time); a `YYYY-MM-DD` string as that day. */
export function chineseDate(value: Date | string): string {
  const d = excelDate(value)!;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A time as 2026-12-03 17:26 (Beijing time). */
export function localMinute(value: Date): string {
  return excelDate(value)!.toISOString().slice(0, 16).replace('T', ' ');
}

/** A period between two days, as 2026年12月1日至2026年12月31日 (one day alone when they are equal). */
export function chinesePeriod(from: Date | string, to: Date | string): string {
  const a = chineseDate(from);
  const b = chineseDate(to);
  return a === b ? a : `${a}至${b}`;
}

function cellValue(kind: CellKind, value: unknown): unknown {
  // An empty text cell stays an empty string (as before); an empty date or number is no value at all.
  if (value === null || value === undefined || value === '') return kind === 'text' ? '' : null;
  switch (kind) {
    case 'date':
    case 'datetime':
      return excelDate(value) ?? neutraliseCell(String(value));
    case 'integer':
    case 'number':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : neutraliseCell(String(value));
    }
    default:
      return neutraliseCell(typeof value === 'string' ? value : String(value));
  }
}

const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = '宋体';

function addExportSheet(wb: ExcelJS.Workbook, meta: ExportMeta, sheet: ExportSheet, now: Date): void {
  const columns: SheetColumn[] = [{ header: SERIAL_HEADER, width: 6, kind: 'integer' }, ...sheet.columns];
  const last = columns.length;
  const headerRow = 3;
  const ws = wb.addWorksheet(sheet.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: last > 7 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = columns.map((c) => ({
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
    style: { numFmt: c.numFmt ?? NUM_FMT[c.kind ?? 'text'], font: { name: FONT, size: 11 } },
  }));

  const title = ws.getRow(1);
  title.getCell(1).value = neutraliseCell(`${sheet.title ?? meta.title}（${meta.period ?? `截至${chineseDate(now)}`}）`) as string;
  title.getCell(1).numFmt = 'General';
  title.getCell(1).font = { name: FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;
  ws.mergeCells(1, 1, 1, last);

  const info = ws.getRow(2);
  info.getCell(1).value = neutraliseCell(
    [`导出时间：${localMinute(now)}`, `共 ${sheet.rows.length} 条`, ...(meta.info ?? [])].join('　　'),
  ) as string;
  info.getCell(1).numFmt = 'General';
  info.getCell(1).font = { name: FONT, size: 10, color: { argb: 'FF595959' } };
  info.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
  ws.mergeCells(2, 1, 2, last);

  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.numFmt = 'General';
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = BORDER;
  });
  header.height = 22;

  const write = (rowNumber: number, values: unknown[]) => {
    const row = ws.getRow(rowNumber);
    values.forEach((v, i) => {
      const c = columns[i];
      if (!c) return;
      const cell = row.getCell(i + 1);
      cell.value = cellValue(c.kind ?? 'text', v) as ExcelJS.CellValue;
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: (c.width ?? 0) >= 30, horizontal: c.kind && c.kind !== 'text' ? 'right' : 'left' };
    });
    for (let i = values.length; i < last; i += 1) row.getCell(i + 1).border = BORDER;
  };
  sheet.rows.forEach((r, i) => write(headerRow + 1 + i, [i + 1, ...r]));
  if (sheet.total) {
    const n = headerRow + 1 + sheet.rows.length;
    write(n, [null, ...sheet.total]);
    ws.getRow(n).font = { name: FONT, size: 11, bold: true };
  }
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + sheet.rows.length, column: last } };
}

/**
 * An export with several sheets (a report with groups): each sheet has the title row, the information row, the
 * header row with 序号 first, and typed cells. `notes` become a last sheet 说明.
 */
export async function buildReportWorkbook(meta: ExportMeta, sheets: ExportSheet[], notes: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城';
  wb.title = meta.title;
  const now = meta.now ?? new Date();
  wb.created = now;
  for (const sheet of sheets) addExportSheet(wb, meta, sheet, now);
  if (notes.length) {
    const help = wb.addWorksheet('说明');
    help.getColumn(1).width = 100;
    notes.forEach((n) => help.addRow([neutraliseCell(n)]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A one-sheet export (a list or ledger): title row with the subject and period, 序号, typed cells. */
export function buildWorkbook(sheetName: string, columns: SheetColumn[], rows: unknown[][], meta?: ExportMeta): Promise<Buffer> {
  return buildReportWorkbook(meta ?? { title: sheetName }, [{ name: sheetName, columns, rows }]);
}

/** A template: headers in row 1 (required ones red), one example row, and the filling notes. */
export async function buildTemplate(sheetName: string, columns: SheetColumn[], notes: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  ws.addRow(columns.map((c) => neutraliseCell(c.example ?? '')));
  const help = wb.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  ['第一行为表头，请勿修改；从第二行开始每行一条记录（示例行请删除或替换）。', '红色表头为必填列。', ...notes].forEach((n) =>
    help.addRow([neutraliseCell(n)]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
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
