/**
 * One process at a time on an embedded database. PGlite has no postmaster to arbitrate: two processes opening the same
 * directory each replay and write the WAL, and the second one's writes (or the first one's) are lost — issue 7 saw the
 * audit chain broken that way by `npm run demo:round` beside a running server. So opening the embedded engine takes
 * an exclusive lock file (`<dataDir>.lock`, created with O_EXCL, holding the owner's pid and host); a lock whose
 * process is gone (kill -9, power loss) is taken over.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${pid} 使用，请先停止服务器再运行此命令（若确认该进程已不存在，可删除 ${lockFile}）。内嵌数据库只能由一个进程使用；多台服务器（多节点）请用 PostgreSQL（DATABASE_URL）`,
    );
  }
}

interface LockContent {
  pid: number;
  host: string;
  token: string;
  since: string;
  command: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent;
  } catch {
    return null;
  }
}

/** Takes the lock on `dataDir` or throws DataDirLockedError naming the holder; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const resolved = path.resolve(dataDir);
  const file = `${resolved.replace(/[\\/]+$/, '')}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const mine: LockContent = {
    pid: process.pid,
    host: os.hostname(),
    token: crypto.randomUUID(),
    since: new Date().toISOString(),
    command: process.argv.slice(1).join(' ').slice(0, 300),
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o644 });
      const release = () => {
        process.off('exit', release);
        // Only remove our own lock (a stale-lock takeover by another process must not be undone by us).
        if (readLock(file)?.token === mine.token) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readLock(file);
    if (holder && (holder.host !== mine.host || isAlive(holder.pid))) {
      // Another host's pid cannot be checked from here: refuse rather than guess.
      throw new DataDirLockedError(resolved, holder.pid, file);
    }
    // Stale (its process is gone) or unreadable (a crash mid-write): move it aside atomically, then retry.
    try {
      fs.renameSync(file, `${file}.stale-${process.pid}`);
      fs.rmSync(`${file}.stale-${process.pid}`, { force: true });
    } catch {
      // Someone else took it over first; the next attempt sees their lock.
    }
  }
  const holder = readLock(file);
  throw new DataDirLockedError(resolved, holder?.pid ?? 0, file);
}
