/**
 * Strict reading of uploaded .xlsx files, safe against hostile ones (zip bombs, huge sheets):
 *   1. the zip's central directory is checked before anything is inflated (total and per-entry unpacked size,
 *      compression ratio, entry count) — a bomb is refused in milliseconds;
 *   2. at most `concurrency` files are parsed at once (a caller beyond waits briefly, then gets 429);
 *   3. the sheet is parsed as a stream in a worker thread with a heap limit and a timeout
 *      (xlsx-worker.mjs, reading with xlsx-sheet-reader.mjs): the worker first inflates every entry counting bytes (so a
 *      lying directory is caught), then reads the first sheet's rows and stops at the row cap + 1. An out-of-memory or
 *      stuck worker fails that one request.
 */
import { Worker } from 'node:worker_threads';
import yauzl from 'yauzl';
import { AppError, type RowError } from './errors';
import type { SheetColumn } from './xlsx';
import type { SheetReadResult } from './xlsx-sheet-reader.mjs';

export const importLimits = {
  /** Data rows per file (the header row not counted). */
  maxRows: 20000,
  /** Unpacked size of all entries together, and so of any one entry. */
  maxUnpackedBytes: 200 * 1024 * 1024,
  /** A large entry (over 1 MB unpacked) may not be compressed more than this: real sheets compress 5–30×. */
  maxRatio: 200,
  maxEntries: 2000,
  /** Files parsed at the same time (each in its own worker). */
  concurrency: Math.max(1, Number(process.env.IMPORT_CONCURRENCY) || 2),
  /** How long a caller waits for a free slot before being told to retry. */
  waitMs: 15_000,
  workerHeapMb: 256,
  timeoutMs: 60_000,
};
export type ImportLimits = typeof importLimits;

/** Changes the limits (tests); returns a function that restores the previous ones. */
export function setImportLimits(changes: Partial<ImportLimits>): () => void {
  const previous = { ...importLimits };
  Object.assign(importLimits, changes);
  return () => Object.assign(importLimits, previous);
}

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  values: Record<string, string>;
}

/** The error an import answers with when any row is bad; nothing has been written. */
export function invalid(rows: RowError[]): AppError {
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  return new AppError('import_invalid', `导入文件有 ${sorted.length} 处错误，未写入任何数据，请修改后重新上传`, { rows: sorted });
}

/** `reason` (the reader's own words) is not sent to the user; the error handler logs it (http.ts). */
const unreadable = (reason?: string) =>
  Object.assign(new AppError('unsupported_media_type', '文件无法读取，请确认是 .xlsx 格式（不支持 .xls 和 .csv）'), { cause: reason });
const mb = (n: number) => `${Math.round(n / 1048576)} MB`;

/** Checks the zip's central directory (nothing inflated): entry count, declared unpacked size, compression ratio. */
async function inspectWorkbookZip(buffer: Buffer): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, z) => (err || !z ? reject(unreadable()) : resolve(z))),
  );
  return new Promise((resolve, reject) => {
    let total = 0;
    let count = 0;
    const refuse = (error: AppError) => {
      zip.close();
      reject(error);
    };
    zip.on('error', () => refuse(unreadable()));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      count += 1;
      total += entry.uncompressedSize;
      if (count > importLimits.maxEntries)
        return refuse(
          new AppError('payload_too_large', `文件包含超过 ${importLimits.maxEntries} 个内部条目，不是正常的表格文件，已拒绝导入`),
        );
      if (total > importLimits.maxUnpackedBytes) {
        return refuse(
          new AppError(
            'payload_too_large',
            `文件解压后超过 ${mb(importLimits.maxUnpackedBytes)}，已拒绝导入（疑似压缩炸弹）；请只保留需要导入的数据或分批导入`,
          ),
        );
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > 1024 * 1024 && ratio > importLimits.maxRatio) {
        return refuse(new AppError('payload_too_large', `文件压缩比异常（${Math.round(ratio)} 倍），疑似压缩炸弹，已拒绝导入`));
      }
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** Bounds concurrent work; a caller beyond the bound waits up to `waitMs`, then gets 429. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly bound: () => number) {}

  /** Takes a slot; returns its release function. */
  async acquire(waitMs: number, busyMessage: string): Promise<() => void> {
    if (this.active < this.bound()) {
      this.active += 1;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new AppError('rate_limited', busyMessage));
      }, waitMs);
      this.waiting.push(grant);
    });
    return this.releaser(); // the slot was handed over by the releaser, `active` unchanged
  }

  get inUse(): number {
    return this.active;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

const slots = new Semaphore(() => importLimits.concurrency);

const WORKER_URL = new URL('./xlsx-worker.mjs', import.meta.url);

/** Parses in a worker thread with a heap limit and a timeout; the worker's death fails only this call. */
function parseInWorker(buffer: Buffer, expected: string[], tab: number | null): Promise<SheetReadResult> {
  return new Promise<SheetReadResult>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: {
        buffer: new Uint8Array(buffer),
        maxRows: importLimits.maxRows,
        maxTotalBytes: importLimits.maxUnpackedBytes,
        expected,
        tab,
      },
      resourceLimits: { maxOldGenerationSizeMb: importLimits.workerHeapMb, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    // After its answer the worker is told to end itself (see xlsx-worker.mjs), terminated only if it has not within
    // 5 s; a timeout or an error terminates it at once.
    const finish = (fn: () => void, answered = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      if (!answered) return void worker.terminate();
      worker.postMessage('exit');
      const stop = setTimeout(() => void worker.terminate(), 5000);
      stop.unref();
      worker.once('exit', () => clearTimeout(stop));
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AppError('payload_too_large', `文件解析超过 ${Math.round(importLimits.timeoutMs / 1000)} 秒，已停止；请减少行数或分批导入`),
          ),
        ),
      importLimits.timeoutMs,
    );
    worker.on('message', (msg: SheetReadResult) => finish(() => resolve(msg), true));
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('payload_too_large', '文件内容过大，解析时超出内存上限，已拒绝导入；请减少内容或分批导入')
            : unreadable(`worker: ${err.code ?? ''} ${err.message}`),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(
          code === 0
            ? unreadable('worker ended without an answer')
            : new AppError('payload_too_large', '文件解析失败（解析进程异常退出），已拒绝导入'),
        ),
      ),
    );
  });
}

/** An exported cell that began with = + - @ was written with a leading ' (see xlsx.ts); reading drops it again. */
export function unguardFormula(text: string): string {
  return text.length > 1 && text[0] === "'" && '=+-@'.includes(text[1]) ? text.slice(1) : text;
}

/**
 * Reads the first tab (or the `tab`-th, 1-based, of a template with several); its header row must contain the expected
 * headers (any order, other columns such as an export's 序号 are ignored). The header row is row 1 (a template) or, in
 * an export, the row below its title rows.
 */
export async function readSheet(buffer: Buffer, columns: SheetColumn[], tab: number | null = null): Promise<SheetRow[]> {
  await inspectWorkbookZip(buffer);
  const release = await slots.acquire(importLimits.waitMs, '导入繁忙，请稍后再试');
  let result: SheetReadResult;
  try {
    result = await parseInWorker(
      buffer,
      columns.map((c) => c.header),
      tab,
    );
  } finally {
    release();
  }
  if (result.kind === 'too_many_rows') {
    throw new AppError(
      'payload_too_large',
      `文件超过 ${importLimits.maxRows} 行（读到第 ${result.row} 行时停止），单次最多导入 ${importLimits.maxRows} 行，请分批导入`,
    );
  }
  if (result.kind === 'too_large') throw new AppError('payload_too_large', `文件实际解压后的内容超出限制，已拒绝导入（疑似压缩炸弹）`);
  if (result.kind === 'unreadable') throw unreadable(result.message);
  if (result.noSheet) throw invalid([{ row: 1, column: '', message: '文件中没有工作表' }]);
  const present = new Set(result.headers.filter(Boolean));
  const missing = columns.filter((c) => !present.has(c.header)).map((c) => c.header);
  if (missing.length) {
    throw invalid(missing.map((h) => ({ row: 1, column: h, message: `缺少表头“${h}”，请使用下载的模板` })));
  }
  const rows: SheetRow[] = result.rows.map(({ row, cells }) => {
    const values: Record<string, string> = {};
    result.headers.forEach((header, i) => {
      if (header) values[header] = unguardFormula(cells[i] ?? '');
    });
    return { row, values };
  });
  if (!rows.length) throw invalid([{ row: 2, column: '', message: '文件中没有数据行' }]);
  return rows;
}
