/**
 * Reads one worksheet of an uploaded .xlsx in a worker thread (started by xlsx-read.ts with a heap limit and a timeout),
 * so a hostile file can only exhaust this worker, never the server.
 *
 * Plain JavaScript on purpose: a worker is a fresh isolate without the TypeScript loader of whatever runs the server
 * (tsx in production, Vite's transform in tests), and this file must load the same way under both.
 *
 * workerData: { buffer: Uint8Array, sheetNo: string | null, maxRows: number, maxTotalBytes: number, tmpDir: string,
 *               expected: string[] }
 * The header row is row 1 (a template), or the first of the first HEADER_SEARCH_ROWS rows holding one of the
 * `expected` headers (an export: a title row and an information row come first). Rows above it are skipped.
 * Posts exactly one message:
 *   { kind: 'ok', headers: string[] (index = column - 1), rows: Array<{ row: number, cells: string[] }> }
 *   { kind: 'too_many_rows', row: number }           the sheet has more than maxRows data rows (reading stopped there)
 *   { kind: 'too_large', message: string }           an entry inflates to more than its directory entry says, or in total too much
 *   { kind: 'unreadable', message: string }          not a workbook ExcelJS can read
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import ExcelJS from 'exceljs';

const { buffer, sheetNo, maxRows, maxTotalBytes, tmpDir } = workerData;
const expected = new Set(workerData.expected ?? []);
const HEADER_SEARCH_ROWS = 10;
const input = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);

// ExcelJS parks a worksheet that precedes the shared strings in a temp file (the `tmp` package, which asks os.tmpdir()
// at each call). Point it at a directory the parent removes afterwards, so a stopped or killed read leaves nothing.
os.tmpdir = () => tmpDir;

/**
 * Inflates every entry once, counting bytes: yauzl stops an entry that inflates past the size its central directory
 * entry declares, so the size check made before this worker started cannot be fooled by a lying header.
 */
function checkRealSizes() {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(input, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err) return reject(Object.assign(err, { kind: 'unreadable' }));
      let total = 0;
      const names = new Set();
      zip.on('error', (e) => reject(Object.assign(e, { kind: 'unreadable' })));
      zip.on('end', () => resolve(names));
      zip.on('entry', (entry) => {
        names.add(entry.fileName);
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(Object.assign(e, { kind: 'unreadable' }));
          stream.on('data', (chunk) => {
            total += chunk.length;
            if (total > maxTotalBytes) stream.destroy(Object.assign(new Error('total'), { kind: 'too_large' }));
          });
          stream.on('error', (se) =>
            reject(Object.assign(se, { kind: se.kind ?? (/too many bytes/.test(se.message) ? 'too_large' : 'unreadable') })),
          );
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}

/** The text of a cell as the import rules see it (the same rules as ExcelJS's in-memory reader gave before). */
function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result);
    if ('error' in value) return String(value.error);
  }
  return String(value).trim();
}

async function readRows(names) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([input]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers with a date style; without styles they would arrive as serial numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // ExcelJS parses a sheet inline only once it has seen the shared strings; a file without any (inline strings, as
  // many tools write) would otherwise have every sheet parked in a temp file first, and the row cap applied only after.
  if (!names.has('xl/sharedStrings.xml')) reader.sharedStrings = [];
  for await (const sheet of reader) {
    if (sheetNo !== null && String(sheet.id) !== String(sheetNo)) continue;
    let headers = null;
    let firstRow = null;
    const rows = [];
    for await (const row of sheet) {
      if (headers === null) {
        if (row.number > HEADER_SEARCH_ROWS) {
          headers = [];
        } else {
          const texts = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            texts[col - 1] = cellText(cell.value);
          });
          // Row 1 is the header row unless a later one (an export's, below its title) holds an expected header.
          if (texts.some((t) => expected.has(t)) || (row.number === 1 && expected.size === 0)) {
            headers = texts;
          } else if (row.number === 1) {
            firstRow = texts;
          }
          continue;
        }
      }
      const cells = [];
      let hasAny = false;
      for (let col = 1; col <= headers.length; col += 1) {
        if (!headers[col - 1]) continue;
        const text = cellText(row.getCell(col).value);
        cells[col - 1] = text;
        if (text) hasAny = true;
      }
      if (!hasAny) continue;
      // The cap applies while reading: row maxRows + 1 stops the read, so a huge sheet costs no more than the cap.
      if (rows.length >= maxRows) return { kind: 'too_many_rows', row: row.number };
      rows.push({ row: row.number, cells });
    }
    // No expected header anywhere: answer row 1 as the header row, so the caller names the missing headers.
    return { kind: 'ok', headers: headers ?? firstRow ?? [], rows };
  }
  return { kind: 'ok', headers: [], rows: [], noSheet: true };
}

try {
  const names = await checkRealSizes();
  parentPort.postMessage(await readRows(names));
} catch (error) {
  const kind = error && error.kind === 'too_large' ? 'too_large' : 'unreadable';
  parentPort.postMessage({ kind, message: String(error && error.message ? error.message : error).slice(0, 300) });
}
// End from our own code once the parent has the answer (it says `exit`), while the reader may still be inflating later
// entries of the zip: a terminate() from the parent could stop the thread between a zlib handle's creation and its
// init, and Node 20 then aborts the whole process on cleanup ("close before init"). Exiting right after postMessage
// instead could lose the answer (the exit event may come first).
parentPort.once('message', () => process.exit(0));
