/**
 * Hostile workbooks (issue 7, finding 4): a zip bomb is refused from the zip's central directory before anything is
 * inflated; a bomb that gets past that check is stopped at the row cap while streaming, inside a worker thread; a
 * worker that runs out of memory fails only its own request; concurrent imports are bounded; the service keeps answering.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSheet, setImportLimits } from '../../server/platform/xlsx-read';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { streamedWorkbook } from '../support/xlsx';

const UNIT_HEADERS = ['单位名称', '单位类型', '所属区划代码', '上级单位', '一把手', '一把手电话', '联络员', '联络员电话', '状态'];
const unitRow = (i: number) => [`某单位${i}`, '县直部门', '130000', '', '张三', '13900001111', '李四', '13900002222', '启用'];
const rssMb = () => process.memoryUsage().rss / 1048576;

let t: Tenant;
let bomb: Buffer;
let restore: (() => void) | null = null;
beforeAll(async () => {
  t = await createTenant();
  // ≈ 235 MB of sheet XML (1 000 000 identical rows) in a file of a few MB, generated as a stream.
  bomb = await streamedWorkbook(UNIT_HEADERS, 1_000_000, unitRow, { sameRowNumber: true });
}, 60_000);
afterEach(() => {
  restore?.();
  restore = null;
});

describe(`hostile workbooks (${engineName})`, () => {
  it('the bomb really is one: a few MB that unpack to more than 200 MB', () => {
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses a zip bomb from its central directory, quickly and without inflating it', async () => {
    const office = await t.as('office');
    global.gc?.();
    const before = rssMb();
    const started = Date.now();
    const res = await office.upload('/api/units/import', bomb);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toContain('解压后超过 200 MB');
    expect(Date.now() - started).toBeLessThan(3000);
    // The old reader inflated the whole sheet in the server's heap (2.26 GB for the reported file).
    expect(rssMb() - before).toBeLessThan(150);
  });

  it('three bombs at once: all refused, and the service still answers', async () => {
    const office = await t.as('office');
    const answers = await Promise.all([1, 2, 3].map(() => office.upload('/api/units/import', bomb)));
    expect(answers.map((a) => a.status)).toEqual([413, 413, 413]);
    const { app } = await getHarness();
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('a bomb that passes the directory check is stopped at the row cap while streaming, in the worker', async () => {
    restore = setImportLimits({ maxUnpackedBytes: 1024 * 1024 * 1024, maxRatio: 1e9 });
    const office = await t.as('office');
    global.gc?.();
    const before = rssMb();
    const res = await office.upload('/api/units/import', bomb);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('超过 20000 行');
    // The rows are streamed and dropped; only the worker's bounded heap comes and goes.
    expect(rssMb() - before).toBeLessThan(400);
  }, 60_000);

  it('refuses a 20 001-row file while reading; 20 000 rows are fine', async () => {
    const office = await t.as('office');
    const over = await streamedWorkbook(UNIT_HEADERS, 20_001, unitRow);
    const res = await office.upload('/api/units/import', over);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'payload_too_large' });
    expect(res.body.error.message).toContain('超过 20000 行');
    const atCap = await readSheet(
      await streamedWorkbook(UNIT_HEADERS, 20_000, unitRow),
      UNIT_HEADERS.map((header) => ({ header })),
    );
    expect(atCap).toHaveLength(20_000);
    expect(atCap[19_999]).toEqual({ row: 20_001, values: Object.fromEntries(UNIT_HEADERS.map((h, i) => [h, unitRow(19_999)[i]])) });
  }, 60_000);

  it('a worker that runs out of memory fails only its own request, with an error body', async () => {
    restore = setImportLimits({ workerHeapMb: 4 });
    const office = await t.as('office');
    const res = await office.upload('/api/units/import', await streamedWorkbook(UNIT_HEADERS, 20_000, unitRow));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/内存上限|解析失败/);
    restore();
    restore = null;
    const { app } = await getHarness();
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 60_000);

  it('bounds concurrent imports: beyond the bound a caller is told to retry', async () => {
    restore = setImportLimits({ concurrency: 1, waitMs: 50 });
    const office = await t.as('office');
    const file = await streamedWorkbook(UNIT_HEADERS, 20_001, unitRow);
    const answers = await Promise.all([office.upload('/api/units/import', file), office.upload('/api/units/import', file)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([413, 429]);
    const busy = answers.find((a) => a.status === 429)!;
    expect(busy.body.error).toEqual({ code: 'rate_limited', message: '导入繁忙，请稍后再试' });
  }, 60_000);
});
