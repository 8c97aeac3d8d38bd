/** Effects the verification verbs share: the office's materials (its own uploads) and the notice to the nominator. */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { notify } from '../notifications/notify';
import type { NominationRow } from './repository';

/** Materials must be the verifier's own uploads. */
export async function checkMaterials(ctx: Ctx, ids: string[] | undefined): Promise<void> {
  const list = [...new Set(ids ?? [])];
  if (!list.length) return;
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from files where id = any(${list}::uuid[]) and uploaded_by = ${ctx.actor.id}`.execute(ctx.db);
  if (r.rows[0].n !== list.length) throw new AppError('validation', '核实材料不存在或不是本人上传');
}

/** Attaches the verification materials to the nomination. */
export async function attachMaterials(tx: Tx, nominationId: string, ids: string[] | undefined): Promise<void> {
  const list = [...new Set(ids ?? [])];
  if (!list.length) return;
  await tx
    .insertInto('honour_nomination_files')
    .values(list.map((fileId, i) => ({ nomination_id: nominationId, file_id: fileId, kind: 'material' as const, sort: i })))
    .onConflict((oc) => oc.columns(['nomination_id', 'file_id']).doNothing())
    .execute();
}

/** Tells the nominating unit (its liaison and head) or the person who nominated, after commit. */
export async function tellNominator(ctx: Ctx, tx: Tx, n: NominationRow, title: string, body: string): Promise<void> {
  const to = n.nominating_unit_id
    ? [{ unit: n.nominating_unit_id, roles: ['unit_liaison', 'unit_head'] }]
    : n.nominated_by
      ? [{ users: [n.nominated_by] }]
      : [];
  if (!to.length) return;
  await notify(ctx, tx, to, { kind: 'honour', title, body, link: `/honours/nominations/${n.id}`, regionPath: n.region_path });
}
