/** One project with its milestones and photos (404 outside the reader's scope). */
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { mayReadProject } from './access';
import { presentPhoto, presentProject } from './presenter';
import { findProject, milestonesOf, photosOf } from './repository';
import { todayOf } from './read-projects';

export const projectNotFound = () => notFound('项目');

/** The project the actor may read, or 404. */
export async function readableProject(ctx: Ctx, id: string) {
  const p = await findProject(ctx.db, id);
  if (!p || !mayReadProject(ctx.actor, p)) throw projectNotFound();
  return p;
}

export async function readProject(ctx: Ctx, id: string) {
  const p = await readableProject(ctx, id);
  const [milestones, photos] = await Promise.all([milestonesOf(ctx.db, [id]), photosOf(ctx.db, id)]);
  return { ...presentProject(p, milestones, todayOf(ctx), ctx.actor), photos: photos.map(presentPhoto) };
}
