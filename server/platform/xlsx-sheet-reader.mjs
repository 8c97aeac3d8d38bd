/**
 * Reads one worksheet of an .xlsx held in memory (the first tab unless another is asked for), row by row, for xlsx-worker.mjs (which runs it in a worker
 * thread with a heap limit and a timeout). Plain JavaScript because the worker is a fresh isolate without the
 * TypeScript loader of whatever runs the server; tests import it directly (xlsx-sheet-reader.test.ts).
 *
 * The zip is read through its central directory (yauzl), never as one sequential stream:
 *   - ExcelJS's streaming WorkbookReader walks the zip's entries with unzipper's Parse stream, and that walk can lose
 *     the last entries (exceljs issues #3064 and #1558: "Cannot read properties of undefined (reading 'sheets')" when
 *     `xl/workbook.xml`, which ExcelJS and some other tools write last, never arrives). It happened about once in 200
 *     reads of a two-sheet workbook on Node 20 here, and in CI as a good template refused with "文件无法读取".
 *   - With the directory every part is addressable: the workbook's relations, the workbook (sheet order and names), the
 *     shared strings and the styles are parsed first, then only the chosen sheet is streamed: the first visible tab in
 *     the workbook's order (not the lowest sheetN.xml: a user who dragged a tab to the front expects that tab to be
 *     read), or the `tab`-th tab when a multi-sheet template asks for it (a questionnaire's 题目, 选项, 设置).
 * ExcelJS still parses every part (its parsers and WorksheetReader are used as they are); only the walk over the zip is
 * replaced, by overriding WorkbookReader.parse().
 *
 * readWorksheet(input, { maxRows, maxTotalBytes, expected, tab }) answers one of:
 *   { kind: 'ok', headers: string[] (index = column - 1), rows: Array<{ row, cells: string[] }>, noSheet?: true }
 *   { kind: 'too_many_rows', row }      the sheet has more than maxRows data rows (reading stopped there)
 *   { kind: 'too_large', message }      an entry inflates to more than its directory entry says, or all to too much
 *   { kind: 'unreadable', message }     not a workbook that can be read
 * The header row is row 1 (a template), or the first of the first HEADER_SEARCH_ROWS rows holding one of the
 * `expected` headers (an export: a title row and an information row come first). Rows above it are skipped.
 */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

const HEADER_SEARCH_ROWS = 10;

const openZip = (input) =>
  new Promise((resolve, reject) =>
    yauzl.fromBuffer(input, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err ? reject(Object.assign(err, { kind: 'unreadable' })) : resolve(zip),
    ),
  );

const openEntry = (zip, entry) =>
  new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => (err ? reject(Object.assign(err, { kind: 'unreadable' })) : resolve(stream))),
  );

/**
 * Lists the entries and inflates every one once, counting bytes: yauzl stops an entry that inflates past the size its
 * directory entry declares, so the size check made before the worker started cannot be fooled by a lying header.
 * Answers the open zip and its entries by name.
 */
async function openCheckedZip(input, maxTotalBytes) {
  const zip = await openZip(input);
  const entries = new Map();
  let total = 0;
  await new Promise((resolve, reject) => {
    zip.on('error', (e) => reject(Object.assign(e, { kind: 'unreadable' })));
    zip.on('end', resolve);
    zip.on('entry', (entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      entries.set(entry.fileName, entry);
      openEntry(zip, entry).then((stream) => {
        stream.on('data', (chunk) => {
          total += chunk.length;
          if (total > maxTotalBytes) stream.destroy(Object.assign(new Error('total'), { kind: 'too_large' }));
        });
        stream.on('error', (se) =>
          reject(Object.assign(se, { kind: se.kind ?? (/too many bytes/.test(se.message) ? 'too_large' : 'unreadable') })),
        );
        stream.on('end', () => zip.readEntry());
      }, reject);
    });
    zip.readEntry();
  });
  return { zip, entries };
}

/** A relation's target as a path inside the zip ("worksheets/sheet1.xml" is relative to xl/, "/xl/…" absolute). */
const partPath = (target) => (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);

/** ExcelJS's streaming reader, fed from the zip's central directory instead of a sequential walk over the zip. */
class DirectoryWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(zip, entries, tab, options) {
    super(null, options);
    this.zip = zip;
    this.entries = entries;
    this.tab = tab;
  }

  async part(name) {
    const entry = this.entries.get(name);
    return entry ? openEntry(this.zip, entry) : null;
  }

  /**
   * The worksheet to read, as its part path: the `tab`-th worksheet in the workbook's tab order (1-based, hidden ones
   * counted) when asked for, else the first visible one.
   */
  chosenSheet(tab) {
    const rels = new Map((this.workbookRels ?? []).map((rel) => [rel.Id, rel.Target]));
    const sheets = (this.model?.sheets ?? [])
      .map((sheet) => ({ sheet, path: rels.has(sheet.rId) ? partPath(rels.get(sheet.rId)) : null }))
      .filter(({ path }) => path && /^xl\/worksheets\/sheet\d+\.xml$/.test(path) && this.entries.has(path));
    if (tab) return sheets[tab - 1]?.path ?? null;
    const chosen = sheets.find(({ sheet }) => !sheet.state || sheet.state === 'visible') ?? sheets[0];
    if (chosen) return chosen.path;
    // No usable workbook part: the lowest-numbered worksheet, as a last resort.
    const numbered = [...this.entries.keys()]
      .map((name) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name))
      .filter(Boolean)
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    return numbered[0]?.[0] ?? null;
  }

  async *parse() {
    const rels = await this.part('xl/_rels/workbook.xml.rels');
    if (rels) await this._parseRels(rels);
    const workbook = await this.part('xl/workbook.xml');
    if (workbook) await this._parseWorkbook(workbook);
    const strings = await this.part('xl/sharedStrings.xml');
    // A file without shared strings (inline strings, as many tools write) has none to look up.
    if (strings) yield* this._parseSharedStrings(strings);
    else this.sharedStrings = [];
    const styles = await this.part('xl/styles.xml');
    if (styles) await this._parseStyles(styles);
    this.model = this.model ?? { sheets: [] };
    this.properties = this.properties ?? {};
    const path = this.chosenSheet(this.tab);
    if (!path) return;
    // A Node stream is async-iterable: ExcelJS's SAX parser reads it chunk by chunk as the rows are consumed.
    yield* this._parseWorksheet(await this.part(path), /sheet(\d+)\.xml$/.exec(path)[1]);
  }
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

async function readRows(reader, maxRows, expected) {
  for await (const sheet of reader) {
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

export async function readWorksheet(input, { maxRows, maxTotalBytes, expected = [], tab = null }) {
  let zip = null;
  try {
    const checked = await openCheckedZip(input, maxTotalBytes);
    zip = checked.zip;
    const reader = new DirectoryWorkbookReader(zip, checked.entries, tab, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // dates are numbers with a date style; without styles they would arrive as serial numbers
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    return await readRows(reader, maxRows, new Set(expected));
  } catch (error) {
    const kind = error && error.kind === 'too_large' ? 'too_large' : 'unreadable';
    return { kind, message: String(error && error.message ? error.message : error).slice(0, 300) };
  } finally {
    zip?.close();
  }
}
