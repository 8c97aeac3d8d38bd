/**
 * A photo on a project (施工前 / 施工中 / 完工后, optionally on a milestone), by the office or the owner unit. The file
 * must be one the caller uploaded through POST /api/files (the photo pipeline: type by content, EXIF stripped, the
 * watermarked evidence copy) — someone else's file would become readable wherever the project is. One transaction,
 * audited.
 */
import type { z } from 'zod';
import type { addProjectPhotoBody } from '../../../common/contracts/tasks';
import { PHOTO_STAGE_LABELS } from '../../../common/tasks';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, forbidden } from '../../platform/errors';
import { mayUpdateProgress } from './access';
import { unprocessable } from './project-checks';
import { readableProject } from './read-project';
import { findMilestone } from './repository';

/** Adds the photo; returns its id. */
export async function addPhoto(ctx: Ctx, projectId: string, body: z.output<typeof addProjectPhotoBody>): Promise<string> {
  const p = await readableProject(ctx, projectId);
  if (!mayUpdateProgress(ctx.actor, p)) throw forbidden('只有创建办或责任单位可以上传项目照片');
  const user = actorUserId(ctx.actor);
  const file = await ctx.db.selectFrom('files').select(['id', 'uploaded_by', 'mime']).where('id', '=', body.fileId).executeTakeFirst();
  if (!file || !user || file.uploaded_by !== user) throw unprocessable('照片不存在或不是您本人上传的，请重新上传', 'fileId');
  if (!file.mime.startsWith('image/')) throw unprocessable('只能添加照片（JPEG、PNG、WebP 等图片）', 'fileId');
  if (body.milestoneId && !(await findMilestone(ctx.db, projectId, body.milestoneId)))
    throw unprocessable('所选节点不是本项目的节点', 'milestoneId');
  const taken = await ctx.db
    .selectFrom('project_photos')
    .select('id')
    .where('project_id', '=', projectId)
    .where('file_id', '=', body.fileId)
    .executeTakeFirst();
  if (taken) throw new AppError('duplicate', '这张照片已添加到本项目');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('project_photos')
      .values({
        project_id: projectId,
        milestone_id: body.milestoneId ?? null,
        file_id: body.fileId,
        stage: body.stage,
        caption: body.caption ?? null,
        uploaded_by: user,
        created_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(tx, ctx, {
      action: 'project.photo_added',
      subjectType: 'project',
      subjectId: projectId,
      after: {
        photoId: row.id,
        fileId: body.fileId,
        milestoneId: body.milestoneId ?? null,
        stage: PHOTO_STAGE_LABELS[body.stage],
        caption: body.caption ?? null,
      },
    });
    return row.id;
  });
}
