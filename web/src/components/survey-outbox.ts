/**
 * The interview outbox (待同步): every finished interview — eligible with its answers, or ended at the profile — is
 * first written to IndexedDB with the clientId it got when it was finished; a sender posts it with
 * POST /api/surveys/waves/:id/responses. The server treats a resent clientId as the same interview (200), so an
 * interview is received exactly once however often the sender retries. Network and server errors keep it queued;
 * a 409 quota_full marks it 配额已满 and any other 4xx marks it failed with the server's message — it stays on the
 * phone, visible, until the interviewer discards it (放弃) or retries; nothing is ever dropped silently.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { serialFlusher } from './serial-flusher';
import { ApiError } from '../api/client';
import { submitInterview, type InterviewBody, type InterviewCreated } from '../api/interview';

export interface QueuedInterview {
  clientId: string;
  /** Who made it: a shared phone never sends one interviewer's work as another's. */
  userId: string;
  waveId: string;
  waveName: string;
  /** Whether the respondent was eligible (an ineligible one never fills a quota). */
  eligible: boolean;
  createdAt: string;
  status: 'queued' | 'quota_full' | 'failed';
  error?: string;
  attempts: number;
  body: InterviewBody & { profile: InterviewBody['profile'] };
}

interface Schema extends DBSchema {
  interviews: { key: string; value: QueuedInterview; indexes: { byUser: string } };
}

let dbPromise: Promise<IDBPDatabase<Schema>> | null = null;
function database() {
  dbPromise ??= openDB<Schema>('cc-survey-outbox', 1, {
    upgrade(db) {
      db.createObjectStore('interviews', { keyPath: 'clientId' }).createIndex('byUser', 'userId');
    },
  });
  return dbPromise;
}

type SentListener = (item: QueuedInterview, created: InterviewCreated) => void;
const listeners = new Set<() => void>();
const sentListeners = new Set<SentListener>();
const refusedListeners = new Set<(item: QueuedInterview) => void>();
let sendingId: string | null = null;

function emit() {
  listeners.forEach((fn) => fn());
}

/** Be told whenever the outbox changes; returns an unsubscribe. */
export function subscribeInterviews(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Be told when an interview reached the server; returns an unsubscribe. */
export function onInterviewSent(fn: SentListener): () => void {
  sentListeners.add(fn);
  return () => sentListeners.delete(fn);
}

/** Be told when the server refused an interview (配额已满 or another 4xx); returns an unsubscribe. */
export function onInterviewRefused(fn: (item: QueuedInterview) => void): () => void {
  refusedListeners.add(fn);
  return () => refusedListeners.delete(fn);
}

/** The clientId being sent right now. */
export function currentlySendingInterview(): string | null {
  return sendingId;
}

/** The user's waiting and refused interviews, oldest first. */
export async function listInterviews(userId: string): Promise<QueuedInterview[]> {
  const rows = await (await database()).getAllFromIndex('interviews', 'byUser', userId);
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Store a finished interview and try to send it at once. */
export async function queueInterview(item: QueuedInterview): Promise<void> {
  await (await database()).put('interviews', item);
  emit();
  void flushInterviews(item.userId);
}

/** Forget an interview (放弃). */
export async function discardInterview(clientId: string): Promise<void> {
  await (await database()).delete('interviews', clientId);
  emit();
}

/** Put a refused interview back in the queue (重试) and send. */
export async function retryInterview(clientId: string): Promise<void> {
  const db = await database();
  const item = await db.get('interviews', clientId);
  if (!item) return;
  await db.put('interviews', { ...item, status: 'queued', error: undefined });
  emit();
  void flushInterviews(item.userId);
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 408 || error.status === 429;
}

/** Sends one interview; returns false when the network is down (stop this pass). */
async function sendOne(item: QueuedInterview): Promise<boolean> {
  const db = await database();
  sendingId = item.clientId;
  emit();
  try {
    const created = await submitInterview(item.waveId, item.body);
    await db.delete('interviews', item.clientId);
    sentListeners.forEach((fn) => fn(item, created));
    return true;
  } catch (error) {
    const transient = isTransient(error);
    const quotaFull = error instanceof ApiError && error.code === 'quota_full';
    const message = quotaFull ? '配额已满，服务器未收录此份问卷' : error instanceof Error ? error.message : '发送失败';
    const status = transient ? 'queued' : quotaFull ? 'quota_full' : 'failed';
    // Still there? (放弃 while it was being sent removes it for good.)
    if (await db.get('interviews', item.clientId)) {
      await db.put('interviews', { ...item, attempts: item.attempts + 1, status, error: message });
    }
    if (!transient) refusedListeners.forEach((fn) => fn(item));
    return !transient;
  } finally {
    sendingId = null;
    emit();
  }
}

async function sendAll(userId: string): Promise<void> {
  for (const item of await listInterviews(userId)) {
    if (item.status !== 'queued') continue;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    if (!(await sendOne(item))) return;
  }
}

/** Send every queued interview of the user; a call while a pass runs schedules one more pass. */
export const flushInterviews = serialFlusher('cc-survey-outbox', sendAll);

/** A respondent's quota cell key (gender only where the wave splits by it). */
export function cellKey(townId: string, group: string, gender: string): string {
  return `${townId}|${group}|${gender}`;
}

/** Eligible interviews of a wave still on this phone that would fill a quota, by cell key. */
export function waitingByCell(items: QueuedInterview[], waveId: string, byGender: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.waveId !== waveId || !item.eligible || item.status !== 'queued') continue;
    const p = item.body.profile;
    const key = cellKey(p.townId, p.group, byGender ? p.gender : '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
