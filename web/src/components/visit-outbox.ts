/**
 * Field visit drafts (现场测评, save as you go): every tap on the checklist is written at once to IndexedDB
 * as the draft of one round + site, with the photo Blobs. A sender uploads photos first (keeping the returned
 * file ids, so a retry never uploads a photo twice) and then re-saves the whole visit with
 * POST /api/inspection-rounds/:id/visits; the server recomputes the scores on every save and never files a
 * problem twice. Each change bumps `revision`; a draft is 待同步 until `sentRevision` catches up. Network
 * and server errors keep it queued; a 4xx marks it failed with the server's message until the next change.
 */
import type { Verdict } from '@common/inspections';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { serialFlusher } from './serial-flusher';
import { ApiError } from '../api/client';
import { uploadPhoto } from '../api/files';
import { saveVisit, type VisitOutcome, type VisitProblem, type VisitResultInput } from '../api/inspections';

export interface DraftPhoto {
  localId: string;
  name: string;
  /** Kept until the visit that uses it reached the server. */
  blob?: Blob;
  /** Set once uploaded. */
  fileId?: string;
  place?: { lat: number; lng: number };
}

export interface DraftItem {
  verdict: Verdict | null;
  note: string;
  photos: DraftPhoto[];
}

/** What the checklist says about a standard (kept so the page works from the phone alone). */
export interface DraftStandard {
  standardId: string;
  code: string;
  text: string;
  points: number;
  contentName: string;
  negative: boolean;
}

export interface VisitDraft {
  key: string;
  userId: string;
  roundId: string;
  siteId: string;
  roundName: string;
  siteName: string;
  covert: boolean;
  checklist: DraftStandard[];
  items: Record<string, DraftItem>;
  revision: number;
  sentRevision: number;
  status: 'ok' | 'failed';
  error?: string;
  attempts: number;
  updatedAt: string;
  savedAt?: string;
  /** The last scores the server computed. */
  result?: Omit<VisitOutcome, 'problems'>;
  /** Problems the visit's failures created or joined, by standard id (code may be unknown for older saves). */
  problems: Record<string, { problemId: string; code: string; how?: VisitProblem['how'] }>;
}

interface Schema extends DBSchema {
  drafts: { key: string; value: VisitDraft; indexes: { byUser: string } };
}

let dbPromise: Promise<IDBPDatabase<Schema>> | null = null;
function database() {
  dbPromise ??= openDB<Schema>('cc-visit-outbox', 1, {
    upgrade(db) {
      db.createObjectStore('drafts', { keyPath: 'key' }).createIndex('byUser', 'userId');
    },
  });
  return dbPromise;
}

const listeners = new Set<() => void>();
const savedListeners = new Set<(draft: VisitDraft, outcome: VisitOutcome) => void>();
let sendingKey: string | null = null;
const emit = () => listeners.forEach((fn) => fn());

/** Be told whenever a draft changes; returns an unsubscribe. */
export function subscribeVisits(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Be told when a visit reached the server; returns an unsubscribe. */
export function onVisitSaved(fn: (draft: VisitDraft, outcome: VisitOutcome) => void): () => void {
  savedListeners.add(fn);
  return () => savedListeners.delete(fn);
}

/** The draft being sent right now. */
export const currentlySendingVisit = () => sendingKey;

export const draftKey = (userId: string, roundId: string, siteId: string) => `${userId}|${roundId}|${siteId}`;

/** Whether the draft holds changes the server does not have yet (待同步). */
export const isPending = (d: VisitDraft | undefined) => !!d && d.revision > d.sentRevision;

/** A fail without any photo cannot be sent yet (the server requires evidence). */
export const needsPhoto = (item: DraftItem | undefined) => item?.verdict === 'fail' && item.photos.length === 0;

export async function getDraft(key: string): Promise<VisitDraft | undefined> {
  return (await database()).get('drafts', key);
}

/** Every draft of the user. */
export async function listDrafts(userId: string): Promise<VisitDraft[]> {
  return (await database()).getAllFromIndex('drafts', 'byUser', userId);
}

/** Read-modify-write one draft in a single transaction (no network inside). */
async function mutate(key: string, fn: (d: VisitDraft) => VisitDraft | undefined): Promise<VisitDraft | undefined> {
  const tx = (await database()).transaction('drafts', 'readwrite');
  const current = await tx.store.get(key);
  const next = current ? fn(current) : undefined;
  if (next) await tx.store.put(next);
  await tx.done;
  return next;
}

/** Start a draft from what the server has, unless this phone already holds one (local changes win). */
export async function seedDraft(
  base: Omit<VisitDraft, 'key' | 'revision' | 'sentRevision' | 'status' | 'attempts' | 'updatedAt'>,
): Promise<VisitDraft> {
  const key = draftKey(base.userId, base.roundId, base.siteId);
  const tx = (await database()).transaction('drafts', 'readwrite');
  let draft = await tx.store.get(key);
  if (!draft) {
    draft = { ...base, key, revision: 0, sentRevision: 0, status: 'ok', attempts: 0, updatedAt: new Date().toISOString() };
    await tx.store.put(draft);
  }
  await tx.done;
  emit();
  return draft;
}

/** Put a failed draft back in the queue (重试) and send it. */
export async function retryDraft(key: string): Promise<void> {
  const next = await mutate(key, (d) => ({ ...d, status: 'ok', error: undefined }));
  emit();
  if (next) void flushVisits(next.userId);
}

let timer: ReturnType<typeof setTimeout> | null = null;

/** Send after a quiet moment (each change restarts the wait). */
export function scheduleVisitFlush(userId: string, delayMs = 2000): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void flushVisits(userId);
  }, delayMs);
}

/** Apply one change to a draft: stored at once, sent shortly after. */
export async function changeDraft(
  key: string,
  change: (items: Record<string, DraftItem>) => Record<string, DraftItem>,
): Promise<VisitDraft | undefined> {
  const next = await mutate(key, (d) => ({
    ...d,
    items: change(d.items),
    revision: d.revision + 1,
    status: 'ok',
    error: undefined,
    updatedAt: new Date().toISOString(),
  }));
  emit();
  if (next) scheduleVisitFlush(next.userId);
  return next;
}

/** Forget drafts whose visit the server has and that were last touched long ago. */
export async function pruneDrafts(userId: string, olderThanDays = 30): Promise<void> {
  const limit = Date.now() - olderThanDays * 86_400_000;
  const db = await database();
  for (const d of await listDrafts(userId)) {
    if (!isPending(d) && Date.parse(d.updatedAt) < limit) await db.delete('drafts', d.key);
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 408 || error.status === 429;
}

/** The results the server can take now: every decided item, except a 不符合 still waiting for its photo. */
function resultsOf(d: VisitDraft): VisitResultInput[] {
  return Object.entries(d.items).flatMap(([standardId, item]) => {
    if (!item.verdict) return [];
    const photoIds = item.photos.map((p) => p.fileId).filter((x): x is string => !!x);
    if (item.verdict === 'fail' && photoIds.length === 0) return [];
    const note = item.note.trim().slice(0, 500);
    return [{ standardId, verdict: item.verdict, photoIds: photoIds.slice(0, 9), ...(note ? { note } : {}) }];
  });
}

/** Sends one draft; false when the network is down (stop this pass). */
async function sendOne(key: string): Promise<boolean> {
  sendingKey = key;
  emit();
  try {
    let draft = await getDraft(key);
    if (!draft) return true;
    for (const [standardId, item] of Object.entries(draft.items)) {
      if (!item.verdict) continue;
      for (const photo of item.photos) {
        if (photo.fileId || !photo.blob) continue;
        const uploaded = await uploadPhoto(photo.blob, photo.name, { ...(photo.place ?? {}), roundId: draft.roundId });
        await mutate(key, (d) => {
          const p = d.items[standardId]?.photos.find((x) => x.localId === photo.localId);
          if (p) p.fileId = uploaded.id;
          return d;
        });
      }
    }
    draft = (await getDraft(key))!;
    const sending = draft.revision;
    const results = resultsOf(draft);
    const outcome = results.length ? await saveVisit(draft.roundId, { siteId: draft.siteId, results }) : null;
    const saved = await mutate(key, (d) => {
      const problems = { ...d.problems };
      for (const p of outcome?.problems ?? []) problems[p.standardId] = { problemId: p.problemId, code: p.code, how: p.how };
      // Blobs of photos the server now holds are no longer needed on the phone.
      const items = Object.fromEntries(
        Object.entries(d.items).map(([id, it]) => [
          id,
          { ...it, photos: it.photos.map((p) => (p.fileId ? { ...p, blob: undefined } : p)) },
        ]),
      );
      const { problems: _p, ...result } = outcome ?? { problems: [] };
      return {
        ...d,
        items,
        problems,
        sentRevision: Math.max(d.sentRevision, sending),
        status: 'ok',
        error: undefined,
        attempts: 0,
        ...(outcome ? { result: result as VisitDraft['result'], savedAt: new Date().toISOString() } : {}),
      };
    });
    if (outcome && saved) savedListeners.forEach((fn) => fn(saved, outcome));
    return true;
  } catch (error) {
    const transient = isTransient(error);
    const message = error instanceof Error ? error.message : '同步失败';
    await mutate(key, (d) => ({ ...d, attempts: d.attempts + 1, status: transient ? 'ok' : 'failed', error: message }));
    return !transient;
  } finally {
    sendingKey = null;
    emit();
  }
}

async function sendAll(userId: string): Promise<void> {
  for (let guard = 0; guard < 50; guard++) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    const next = (await listDrafts(userId)).find((d) => isPending(d) && d.status !== 'failed');
    if (!next) return;
    if (!(await sendOne(next.key))) return;
  }
}

/** Send every waiting draft of the user; a call during a pass schedules one more pass. */
export const flushVisits = serialFlusher('cc-visit-outbox', sendAll);
