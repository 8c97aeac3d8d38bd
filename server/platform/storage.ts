/**
 * Where file bytes live, behind one interface: the local disk (one node) or an S3-compatible object store
 * (storage-s3.ts; several nodes share it). One instance is built at start (`openStorage`, from STORAGE) and handed to
 * every module through ModuleDeps. Keys are relative, slash-separated names chosen by the server (never by a client).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { StorageSettings } from './config';
import { AppError } from './errors';

export interface StoredObject {
  body: Readable;
  size: number;
}

export interface FileStorage {
  /** Stores `data` under `key`, replacing what was there; readers never see a partial object. */
  put(key: string, data: Buffer): Promise<void>;
  /** The whole object; not_found when the key holds nothing. */
  get(key: string): Promise<Buffer>;
  /** A stream of the object with its size; not_found when the key holds nothing. */
  stream(key: string): Promise<StoredObject>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

// Lower-case letters, digits, dot, dash and underscore in each segment; no empty, '.' or '..' segment.
const KEY_PATTERN = /^[a-z0-9_-][a-z0-9._-]*(\/[a-z0-9_-][a-z0-9._-]*)*$/;

/** Throws unless `key` is a safe relative object name (no traversal, no absolute paths). */
export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.split('/').some((s) => s === '.' || s === '..') || key.length > 300) {
    throw new Error(`invalid storage key: ${key}`);
  }
}

/** The error every storage answers for a key that holds nothing (404). */
export const missingObject = () => new AppError('not_found', '文件内容不存在或已被删除');
const missing = missingObject;

/** Files on the local disk under one root directory. */
export class LocalDiskStorage implements FileStorage {
  private readonly root: string;
  private readonly tmpDir: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    // Temp files sit under the same root so the final rename never crosses file systems.
    this.tmpDir = path.join(this.root, '.tmp');
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  /** Writes to a temp file, flushes it, then renames it into place (atomic on one file system). */
  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fsp.mkdir(this.tmpDir, { recursive: true });
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(this.tmpDir, `${crypto.randomUUID()}.part`);
    try {
      const handle = await fsp.open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(tmp, target);
    } catch (error) {
      await fsp.rm(tmp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fsp.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
      throw error;
    }
  }

  async stream(key: string): Promise<StoredObject> {
    const file = this.pathOf(key);
    // Open first so a missing object is a 404 before any header is sent, and the size matches the bytes read.
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, fs.constants.O_RDONLY);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
      throw error;
    }
    try {
      const { size } = await handle.stat();
      return { body: handle.createReadStream({ autoClose: true }), size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }
}

/**
 * Builds the configured storage. The S3 client is loaded only for STORAGE=s3, and its bucket is checked here, so a
 * wrong endpoint, bucket or key stops the start with a clear message instead of failing the first upload.
 */
export async function openStorage(settings: StorageSettings): Promise<FileStorage> {
  if (settings.kind === 'local') return new LocalDiskStorage(settings.dir);
  const { S3Storage } = await import('./storage-s3');
  const storage = new S3Storage(settings);
  try {
    await storage.check();
  } catch (error) {
    storage.close();
    throw error;
  }
  return storage;
}
