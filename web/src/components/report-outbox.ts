/**
 * The report outbox (待发送): every field report is first written to IndexedDB with its photo Blobs and
 * the clientId it got when it was created; a sender uploads the photos (keeping their file ids, so a retry
 * does not upload them again) and then the problem. The server treats a resent clientId as the same report,
 * so a report is created exactly once however often the sender retries. Network and server errors keep a
 * report queued; a 4xx marks it failed with the server's message until the user retries or deletes it.
 */
import type { ProblemSeverity, ProblemSource } from '@common/problem-workflow';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { serialFlusher } from './serial-flusher';
import { ApiError } from '../api/client';
import { uploadPhoto } from '../api/files';
import { submitProblem, type Problem } from '../api/problems';

export interface OutboxPhoto {
  blob: Blob;
  name: string;
  /** Set once uploaded; a retry skips photos that have one. */
  fileId?: string;
}

export interface OutboxReport {
  clientId: string;
  /** Who created it: a shared phone never sends one user's report as another. */
  userId: string;
  createdAt: string;
  status: 'queued' | 'failed';
  error?: string;
  attempts: number;
  photos: OutboxPhoto[];
  input: {
    description: string;
    categoryCode: string;
    categoryName: string;
    source: ProblemSource;
    severity: ProblemSeverity;
    location: { lat: number; lng: number; accuracy?: number } | null;
    address: string | null;
  };
}

interface OutboxSchema extends DBSchema {
  reports: { key: string; value: OutboxReport; indexes: { byUser: string } };
}

let dbPromise: Promise<IDBPDatabase<OutboxSchema>> | null = null;
function database() {
  dbPromise ??= openDB<OutboxSchema>('cc-report-outbox', 1, {
    upgrade(db) {
      const store = db.createObjectStore('reports', { keyPath: 'clientId' });
      store.createIndex('byUser', 'userId');
    },
  });
  return dbPromise;
}

type Listener = () => void;
type SentListener = (report: OutboxReport, problem: Problem) => void;
const listeners = new Set<Listener>();
const sentListeners = new Set<SentListener>();
let sendingId: string | null = null;

function emit() {
  listeners.forEach((fn) => fn());
}

/** Be told whenever the outbox changes; returns an unsubscribe. */
export function subscribeOutbox(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Be told when a report reached the server; returns an unsubscribe. */
export function onReportSent(fn: SentListener): () => void {
  sentListeners.add(fn);
  return () => sentListeners.delete(fn);
}

/** The clientId being sent right now (for a 发送中 label). */
export function currentlySending(): string | null {
  return sendingId;
}

/** A random UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The user's waiting and failed reports, oldest first. */
export async function listOutbox(userId: string): Promise<OutboxReport[]> {
  const rows = await (await database()).getAllFromIndex('reports', 'byUser', userId);
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Store a new report and try to send it at once. */
export async function queueReport(report: OutboxReport): Promise<void> {
  await (await database()).put('reports', report);
  emit();
  void flushOutbox(report.userId);
}

/** Forget a report (删除). */
export async function deleteReport(clientId: string): Promise<void> {
  await (await database()).delete('reports', clientId);
  emit();
}

/** Put a failed report back in the queue (重试) and send. */
export async function retryReport(clientId: string): Promise<void> {
  const db = await database();
  const report = await db.get('reports', clientId);
  if (!report) return;
  await db.put('reports', { ...report, status: 'queued', error: undefined });
  emit();
  void flushOutbox(report.userId);
}

/** Whether an error means "try again later" rather than "this report is wrong". */
function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 408 || error.status === 429;
}

/** Sends one report; returns false when the network is down (stop this pass). */
async function sendOne(report: OutboxReport): Promise<boolean> {
  const db = await database();
  sendingId = report.clientId;
  emit();
  const { input } = report;
  const place = { lat: input.location?.lat, lng: input.location?.lng, address: input.address ?? undefined };
  try {
    for (const photo of report.photos) {
      if (photo.fileId) continue;
      photo.fileId = (await uploadPhoto(photo.blob, photo.name, place)).id;
      await db.put('reports', report);
    }
    const problem = await submitProblem({
      clientId: report.clientId,
      description: input.description,
      categoryCode: input.categoryCode,
      source: input.source,
      severity: input.severity,
      location: input.location ? { lat: input.location.lat, lng: input.location.lng } : null,
      address: input.address,
      photoIds: report.photos.map((p) => p.fileId!),
    });
    await db.delete('reports', report.clientId);
    sentListeners.forEach((fn) => fn(report, problem));
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : '发送失败';
    const transient = isTransient(error);
    await db.put('reports', { ...report, attempts: report.attempts + 1, status: transient ? 'queued' : 'failed', error: message });
    return !transient;
  } finally {
    sendingId = null;
    emit();
  }
}

async function sendAll(userId: string): Promise<void> {
  for (const report of await listOutbox(userId)) {
    if (report.status !== 'queued') continue;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    if (!(await sendOne(report))) return;
  }
}

/** Send every queued report of the user; calls while a pass runs schedule one more pass. */
export const flushOutbox = serialFlusher('cc-report-outbox', sendAll);
