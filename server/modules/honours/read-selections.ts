/** Readers of 好人之城 for staff: categories, the selections list (paged, sorted, filtered), one selection, nominations. */
import type { z } from 'zod';
import type { nominationsQuery, selectionsQuery } from '../../../common/contracts/honours';
import type { Ctx } from '../../platform/context';
import {
  mayReadNomination,
  mayReadSelection,
  nominationNotFound,
  selectionNotFound,
  visibleNominationSql,
  visibleSelectionSql,
} from './access';
import { presentNomination, presentSelection } from './presenter';
import { findNomination, findSelection, listCategories, listNominations, listSelections } from './repository';

/** The categories (reference data). */
export async function readCategories(ctx: Ctx) {
  return { items: await listCategories(ctx.db) };
}

/** The selections the caller may see. */
export async function readSelections(ctx: Ctx, q: z.output<typeof selectionsQuery>) {
  const { rows, total } = await listSelections(ctx.db, visibleSelectionSql(ctx.actor), {
    ...q,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const now = ctx.clock.now();
  return { items: rows.map((s) => presentSelection(s, ctx.actor, now)), total };
}

/** The selection the caller may read, or 404. */
export async function readableSelection(ctx: Ctx, id: string) {
  const s = await findSelection(ctx.db, id);
  if (!s || !mayReadSelection(ctx.actor, s)) throw selectionNotFound();
  return s;
}

/** One selection as the caller sees it. */
export async function readSelection(ctx: Ctx, id: string) {
  return presentSelection(await readableSelection(ctx, id), ctx.actor, ctx.clock.now());
}

/** A selection's nominations the caller may read (overseers: all; a unit: its own). */
export async function readNominations(ctx: Ctx, selectionId: string, q: z.output<typeof nominationsQuery>) {
  const s = await readableSelection(ctx, selectionId);
  const { rows, total } = await listNominations(ctx.db, selectionId, visibleNominationSql(ctx.actor), {
    ...q,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map((n) => presentNomination(n, ctx.actor, s)), total };
}

/** One nomination the caller may read, or 404. */
export async function readNomination(ctx: Ctx, id: string) {
  const n = await findNomination(ctx.db, id);
  if (!n || !mayReadNomination(ctx.actor, n)) throw nominationNotFound();
  const s = (await findSelection(ctx.db, n.selection_id))!;
  return presentNomination(n, ctx.actor, s);
}
