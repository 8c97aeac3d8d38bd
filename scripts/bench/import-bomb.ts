/**
 * `npx tsx scripts/bench/import-bomb.ts`: reading hostile workbooks, before and after the import hardening.
 *
 *   baseline  the old reader, measured in the same run: ExcelJS loads the whole workbook in the server's heap, then
 *             counts the rows (the 20 000-row cap applied after the full parse);
 *   now       readSheet: central-directory check, then a streaming read in a worker thread, cap applied while reading.
 *
 * Two files: a zip bomb (BENCH_BOMB_ROWS identical rows, default 1 000 000 ≈ 235 MB of sheet XML in a few MB) and a
 * real 100 000-row file (BENCH_ROWS). Each measurement runs in its own child process (so a baseline that exhausts its
 * heap cannot take the benchmark with it, and peak RSS is that run's alone); medians of BENCH_REPEAT (3) runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readSheet } from '../../server/platform/xlsx-read';
import { streamedWorkbook } from '../../test/support/xlsx';

const HEADERS = ['单位名称', '单位类型', '所属区划代码', '上级单位', '一把手', '一把手电话', '联络员', '联络员电话', '状态'];
const row = (i: number) => [`某单位${i}`, '县直部门', '130000', '', '张三', '13900001111', '李四', '13900002222', '启用'];
const SELF = fileURLToPath(import.meta.url);

interface Run {
  ms: number;
  peakRssMb: number;
  outcome: string;
}

/** The reader as it was before the hardening (server/platform/xlsx.ts at fbbc969), reduced to what costs. */
async function oldReadSheet(buffer: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  let rows = 0;
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n > 1) rows += 1;
  });
  if (rows > 20000) throw new Error(`单次最多导入 20000 行（读了 ${rows} 行之后）`);
  return rows;
}

async function child(mode: string, file: string): Promise<void> {
  const buffer = fs.readFileSync(file);
  const started = performance.now();
  let outcome: string;
  try {
    outcome =
      mode === 'baseline'
        ? `read ${await oldReadSheet(buffer)} rows`
        : `read ${
            (
              await readSheet(
                buffer,
                HEADERS.map((header) => ({ header })),
              )
            ).length
          } rows`;
  } catch (e) {
    outcome = `refused: ${(e as Error).message.slice(0, 60)}`;
  }
  const ms = performance.now() - started;
  // maxRSS counts the worker threads too (they live in this process).
  const run: Run = { ms, peakRssMb: process.resourceUsage().maxRSS / 1024, outcome };
  process.stdout.write(JSON.stringify(run));
}

function measure(mode: string, file: string): Run {
  try {
    const out = execFileSync(process.execPath, [...process.execArgv, SELF, '--child', mode, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    return JSON.parse(out) as Run;
  } catch (e) {
    return {
      ms: NaN,
      peakRssMb: NaN,
      outcome: `process died: ${String((e as Error).message)
        .split('\n')[0]
        .slice(0, 80)}`,
    };
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const repeat = Number(process.env.BENCH_REPEAT ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-import-'));
  const files = {
    bomb: path.join(dir, 'bomb.xlsx'),
    rows: path.join(dir, 'rows.xlsx'),
  };
  const bombRows = Number(process.env.BENCH_BOMB_ROWS ?? 1_000_000);
  const realRows = Number(process.env.BENCH_ROWS ?? 100_000);
  fs.writeFileSync(files.bomb, await streamedWorkbook(HEADERS, bombRows, row, { sameRowNumber: true }));
  fs.writeFileSync(files.rows, await streamedWorkbook(HEADERS, realRows, row));
  console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1073741824)} GB, node ${process.version}`);
  console.log(
    `bomb: ${(fs.statSync(files.bomb).size / 1048576).toFixed(1)} MB file, ${bombRows} rows (≈ ${Math.round((bombRows * 235) / 1048576)} MB of sheet XML)`,
  );
  console.log(`rows: ${(fs.statSync(files.rows).size / 1048576).toFixed(1)} MB file, ${realRows} distinct rows`);
  console.log(`medians of ${repeat} runs, each in its own process\n`);
  console.log(['file', 'reader', 'time ms', 'peak RSS MB', 'outcome'].join('\t'));
  for (const [name, file] of Object.entries(files)) {
    for (const mode of ['baseline', 'now']) {
      const runs = Array.from({ length: repeat }, () => measure(mode, file));
      console.log(
        [name, mode, median(runs.map((r) => r.ms)).toFixed(0), median(runs.map((r) => r.peakRssMb)).toFixed(0), runs[0].outcome].join('\t'),
      );
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

const i = process.argv.indexOf('--child');
if (i >= 0) await child(process.argv[i + 1], process.argv[i + 2]);
else await main();
