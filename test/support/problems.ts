/** Helpers for problem-loop tests: a photo to attach, reporting, and taking actions at the current version. */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { expect } from 'vitest';
import { NOTICES_JOB } from '../../server/modules/notifications/notify';
import type { Db } from '../../server/platform/db';
import type { Client } from './client';

/** Uploads a small JPEG and returns its file id. */
export async function uploadPhoto(c: Client): Promise<string> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 200 } } })
    .jpeg()
    .toBuffer();
  const res = await c.upload('/api/files', jpeg, 'photo.jpg');
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Reports a problem and returns its body. */
export async function report(c: Client, regionId: string, over: Record<string, unknown> = {}) {
  const res = await c.post('/api/problems', {
    clientId: crypto.randomUUID(),
    description: '人行道上有暴露垃圾，影响市容',
    categoryCode: 'E0102',
    source: 'inspection',
    severity: 'normal',
    regionId,
    location: { lat: 39.1, lng: 116.5 },
    address: '示范县人民路 18 号',
    photoIds: [],
    ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Takes an action at the problem's current version and expects it to succeed. */
export async function act(c: Client, id: string, action: string, payload: Record<string, unknown> = {}) {
  const current = await c.get(`/api/problems/${id}`);
  expect(current.status).toBe(200);
  const res = await c.post(`/api/problems/${id}/transitions`, { action, version: current.body.version, ...payload });
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** Tries an action at the current version and returns the raw response. */
export async function attempt(c: Client, id: string, action: string, payload: Record<string, unknown> = {}) {
  const current = await c.get(`/api/problems/${id}`);
  const version = current.status === 200 ? current.body.version : 1;
  return c.post(`/api/problems/${id}/transitions`, { action, version, ...payload });
}

/**
 * The outbox jobs about a problem: those whose subject it is, and the 'notices' job of the report batch it was written
 * in (one job holding each report's notice: problems/report-statements.ts), which names it in a notice.
 */
export async function jobsOfProblem(db: Db, problemId: string) {
  return db
    .selectFrom('outbox_jobs')
    .select(['id', 'kind', 'payload', 'done_at', 'attempts'])
    .where((eb) =>
      eb.or([
        eb('subject_id', '=', problemId),
        eb.and([eb('kind', '=', NOTICES_JOB), sql<boolean>`payload -> 'notices' @> ${JSON.stringify([{ notice: { problemId } }])}::jsonb`]),
      ]),
    )
    .execute();
}
