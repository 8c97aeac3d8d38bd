/** Removes a project photo: its uploader or the office (the file itself stays, as uploads always do). Audited. */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { forbidden, notFound } from '../../platform/errors';
import { mayManageProject } from './access';
import { readableProject } from './read-project';

export async function removePhoto(ctx: Ctx, projectId: string, photoId: string): Promise<void> {
  const p = await readableProject(ctx, projectId);
  const photo = await ctx.db
    .selectFrom('project_photos')
    .selectAll()
    .where('id', '=', photoId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  if (!photo) throw notFound('照片');
  const own = !!ctx.actor.id && photo.uploaded_by === ctx.actor.id;
  if (!own && !mayManageProject(ctx.actor, p)) throw forbidden('只有上传人或创建办可以删除照片');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('project_photos').where('id', '=', photoId).execute();
    await recordEvent(tx, ctx, {
      action: 'project.photo_removed',
      subjectType: 'project',
      subjectId: projectId,
      before: { photoId, fileId: photo.file_id, milestoneId: photo.milestone_id, stage: photo.stage, caption: photo.caption },
    });
  });
}
