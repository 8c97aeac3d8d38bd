/** Notices to the units ranked in a run (their heads and liaisons): 公示 opened, ranking published. */
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { notify } from '../notifications/notify';
import type { RunRow } from './repository';

export async function notifyRankedUnits(ctx: Ctx, tx: Tx, run: RunRow, notice: { title: string; body: string }): Promise<void> {
  const units = await tx
    .selectFrom('evaluation_results')
    .select('subject_id')
    .distinct()
    .where('run_id', '=', run.id)
    .where('subject_type', '=', 'unit')
    .execute();
  if (!units.length) return;
  await notify(
    ctx,
    tx,
    units.map((u) => ({ unit: u.subject_id, roles: ['unit_head', 'unit_liaison'] })),
    { kind: 'evaluation', ...notice, link: `/evaluation/runs/${run.id}`, regionPath: run.region_path },
  );
}
