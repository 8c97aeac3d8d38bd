/**
 * 推荐 by a unit or an office (signed in): into a selection whose area holds them, while nominations are open (before
 * the nomination deadline, Beijing day). A unit nominates as itself (its liaison or head); an office may name a unit
 * of the area or none. Photos are the caller's own uploads (/api/files). The nomination waits for verification.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { nominationBody } from '../../../common/contracts/honours';
import { beijingDay } from '../../../common/honours';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { can } from '../../platform/policy';
import { mayNominate, mayReadSelection, selectionNotFound } from './access';
import { findSelection, type SelectionRow } from './repository';

/** Nominations are taken until the deadline (Beijing day) of an open selection, in one of its categories. */
export function assertNominationOpen(s: SelectionRow, categoryCode: string, now: Date): void {
  if (s.state !== 'open' || beijingDay(now) > s.nomination_ends_on) throw new AppError('unprocessable', '推荐已截止');
  if (beijingDay(now) < s.nomination_starts_on) throw new AppError('unprocessable', `推荐自 ${s.nomination_starts_on} 开始`);
  if (!s.categories.includes(categoryCode)) throw new AppError('validation', '本次评选不设该类别');
}

/** Inserts the nomination row and its photos; returns the id. */
export async function insertNomination(
  tx: Tx,
  ctx: Ctx,
  s: SelectionRow,
  n: z.output<typeof nominationBody> & {
    source: 'unit' | 'public' | 'forwarded';
    unitId: string | null;
    recommenderName?: string | null;
    forwardedFromId?: string | null;
  },
  nominatedBy: string | null,
): Promise<string> {
  const now = ctx.clock.now();
  const row = await tx
    .insertInto('honour_nominations')
    .values({
      selection_id: s.id,
      category_code: n.categoryCode,
      nominee_name: n.nomineeName,
      gender: n.gender ?? null,
      age: n.age ?? null,
      affiliation: n.affiliation ?? null,
      headline: n.headline,
      story: n.story,
      source: n.source,
      nominating_unit_id: n.unitId,
      nominated_by: nominatedBy,
      recommender_name: n.recommenderName ?? null,
      contact_name: n.contactName,
      contact_phone: n.contactPhone,
      forwarded_from_id: n.forwardedFromId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'nominee_name', 'category_code', 'source', 'state'])
    .executeTakeFirstOrThrow();
  const photos = [...new Set(n.photoIds ?? [])];
  if (photos.length)
    await tx
      .insertInto('honour_nomination_files')
      .values(photos.map((fileId, i) => ({ nomination_id: row.id, file_id: fileId, kind: 'photo' as const, sort: i })))
      .execute();
  await recordEvent(tx, ctx, {
    action: 'honour_nomination.submitted',
    subjectType: 'honour_nomination',
    subjectId: row.id,
    after: { ...row, selection: s.title, unitId: n.unitId, photos: photos.length },
  });
  return row.id;
}

/** A signed-in nomination; returns its id. */
export async function nominate(ctx: Ctx, selectionId: string, body: z.output<typeof nominationBody>): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const s = await findSelection(tx, selectionId);
    if (!s || !mayReadSelection(ctx.actor, s)) throw selectionNotFound();
    if (!mayNominate(ctx.actor, s)) throw new AppError('forbidden', '只有评选范围内的单位和文明办可以推荐');
    assertNominationOpen(s, body.categoryCode, ctx.clock.now());
    // A unit nominates as itself; an office may name a unit of the selection's area.
    const ownUnit =
      ctx.actor.grants.find((g) => g.scopeType === 'unit' && (g.role === 'unit_liaison' || g.role === 'unit_head'))?.scopeId ?? null;
    let unitId = body.unitId ?? ownUnit;
    if (unitId && unitId !== ownUnit) {
      const u = await sql<{ path: string }>`select r.path from units u join regions r on r.id = u.region_id where u.id = ${unitId}`.execute(
        tx,
      );
      const path = u.rows[0]?.path;
      if (!path || !path.startsWith(s.region_path) || !can(ctx.actor, 'honours.manage', { regionPath: path }))
        throw new AppError('validation', '推荐单位须为评选范围内的单位');
    }
    if (!unitId && !can(ctx.actor, 'honours.manage', { regionPath: s.region_path, areaWide: true })) unitId = ownUnit;
    const photos = [...new Set(body.photoIds ?? [])];
    if (photos.length) {
      const own = await sql<{
        n: number;
      }>`select count(*)::int as n from files where id = any(${photos}::uuid[]) and uploaded_by = ${ctx.actor.id}`.execute(tx);
      if (own.rows[0].n !== photos.length) throw new AppError('validation', '照片不存在或不是本人上传');
    }
    return insertNomination(tx, ctx, s, { ...body, source: 'unit', unitId }, ctx.actor.id);
  });
}
