/**
 * 推送上级 (the level ladder 村 → 镇 → 县 → 市): a winner of a published selection is forwarded by the office of its
 * region to an open selection of a region above (its nomination or verification time), as a new nomination there
 * (source 推送, with the story, photos and the nominating unit) that the upper office verifies as any other. A winner
 * goes to one selection once (409 on a second time).
 */
import { sql } from 'kysely';
import { beijingDay } from '../../../common/honours';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { can } from '../../platform/policy';
import { mayReadNomination, mayReadSelection, nominationNotFound } from './access';
import { findNomination, findSelection } from './repository';
import { presentPublicSelection } from './presenter';

/** The open selections above a nomination's region it may be forwarded to (nominations or verification still open). */
export async function forwardTargets(ctx: Ctx, nominationId: string) {
  const n = await findNomination(ctx.db, nominationId);
  if (!n || !mayReadNomination(ctx.actor, n)) throw nominationNotFound();
  const today = beijingDay(ctx.clock.now());
  const rows = await sql<{ id: string }>`select s.id from honour_selections s join regions r on r.id = s.region_id
    where s.state = 'open' and ${n.region_path} like r.path || '%' and r.path <> ${n.region_path}
      and s.voting_starts_on > ${today}::date
    order by length(r.path) desc, s.created_at desc limit 50`.execute(ctx.db);
  const items = [];
  for (const { id } of rows.rows) {
    const s = (await findSelection(ctx.db, id))!;
    if (!mayReadSelection(ctx.actor, s)) continue;
    const p = presentPublicSelection(s, ctx.clock.now());
    items.push({ id: s.id, title: s.title, regionName: p.regionName, level: p.level });
  }
  return { items };
}

/** Forwards a winner; returns the new nomination's id. */
export async function forwardNomination(ctx: Ctx, nominationId: string, targetSelectionId: string): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const n = await findNomination(tx, nominationId);
    if (!n || !mayReadNomination(ctx.actor, n)) throw nominationNotFound();
    if (!can(ctx.actor, 'honours.manage', { regionPath: n.region_path })) throw new AppError('forbidden', '只有本级文明办可以推送上级');
    if (!n.is_winner) throw new AppError('unprocessable', '只有已发布的当选人可以推送上级评选');
    const target = await findSelection(tx, targetSelectionId);
    if (!target || !mayReadSelection(ctx.actor, target)) throw new AppError('not_found', '上级评选不存在或无权查看');
    if (!(n.region_path.startsWith(target.region_path) && n.region_path !== target.region_path))
      throw new AppError('validation', '只能推送到上级地区的评选');
    const today = beijingDay(ctx.clock.now());
    if (target.state !== 'open' || today >= target.voting_starts_on)
      throw new AppError('unprocessable', '上级评选已进入投票或已结束，不能再推送');
    const category = target.categories.includes(n.category_code) ? n.category_code : null;
    if (!category) throw new AppError('validation', '上级评选不设该类别');
    const exists = await sql`select 1 from honour_nominations where selection_id = ${target.id} and forwarded_from_id = ${n.id}`.execute(
      tx,
    );
    if (exists.rows.length) throw new AppError('duplicate', '已推送到该评选');
    const now = ctx.clock.now();
    const row = await tx
      .insertInto('honour_nominations')
      .values({
        selection_id: target.id,
        category_code: category,
        nominee_name: n.nominee_name,
        gender: n.gender,
        age: n.age,
        affiliation: n.affiliation,
        headline: n.headline,
        story: n.story,
        source: 'forwarded',
        nominating_unit_id: n.nominating_unit_id,
        nominated_by: ctx.actor.id,
        recommender_name: n.recommender_name,
        contact_name: n.contact_name,
        contact_phone: n.contact_phone,
        forwarded_from_id: n.id,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'nominee_name', 'source'])
      .executeTakeFirstOrThrow();
    await sql`insert into honour_nomination_files (nomination_id, file_id, kind, sort)
      select ${row.id}, file_id, kind, sort from honour_nomination_files where nomination_id = ${n.id}`.execute(tx);
    await recordEvent(tx, ctx, {
      action: 'honour_nomination.forwarded',
      subjectType: 'honour_nomination',
      subjectId: n.id,
      after: { to: target.title, newNominationId: row.id, nomineeName: n.nominee_name },
    });
    return row.id;
  });
}
