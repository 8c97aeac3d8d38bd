/**
 * One process per embedded data directory (issue 7, finding 6): a second open of the same directory — another server,
 * or `npm run demo:round` beside a running one — is refused with a Chinese message naming the holder, before the
 * database is touched; closing releases the lock; a lock left by a dead process is taken over.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase } from '../../server/platform/db';
import { engineName } from '../support/harness';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-lock-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe(`data directory lock (${engineName})`, () => {
  it('a second open of the same directory is refused naming the process; closing releases it', async () => {
    const dataDir = path.join(root, 'a', 'db');
    const first = await openDatabase({ dataDir });
    try {
      const second = openDatabase({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`数据目录 ${path.resolve(dataDir)} 正被进程 ${process.pid} 使用，请先停止服务器再运行此命令`);
      // The first holder is untouched and still works.
      expect((await first.executeSql('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(`${path.resolve(dataDir)}.lock`)).toBe(false);
    const again = await openDatabase({ dataDir });
    await again.close();
  }, 60_000);

  it('a lock left by a process that no longer exists is taken over', async () => {
    const dataDir = path.join(root, 'b', 'db');
    fs.mkdirSync(dataDir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: deadPid, host: os.hostname(), token: 'x', since: '', command: 'killed' }));
    const database = await openDatabase({ dataDir });
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.pid);
    await database.close();
  }, 60_000);

  it('a command-line script on a held directory prints the message and exits 1', async () => {
    const dataDir = path.join(root, 'c');
    const held = await openDatabase({ dataDir: path.join(dataDir, 'db') });
    try {
      let status = 0;
      let stderr = '';
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch (e) {
        status = (e as { status: number }).status;
        stderr = String((e as { stderr: string }).stderr);
      }
      expect(status).toBe(1);
      expect(stderr).toContain(`正被进程 ${process.pid} 使用，请先停止服务器再运行此命令`);
    } finally {
      await held.close();
    }
  }, 60_000);
});
