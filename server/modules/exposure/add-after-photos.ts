/**
 * 公开整改后照片: a problem fixed after its item was published gets its after-photos — the problem's rectification
 * photos the office picked and redacted (boxes blurred, no metadata), never one a covert round added before release.
 * The public page shows them beside the before-photos once the problem is closed.
 */
import type { z } from 'zod';
import type { EXPOSURE_PAYLOADS, ExposureAction, ExposureState } from '../../../common/exposure-workflow';
import { AppError } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import type { WorkflowVerb } from '../../platform/workflow';
import { renderPhoto } from './render-photos';
import { pendingAfterPhotos, type ExposureRow } from './repository';

type Payload = z.infer<typeof EXPOSURE_PAYLOADS.add_after>;

export const addAfterPhotos = (storage: FileStorage): WorkflowVerb<ExposureRow, ExposureAction, ExposureState, Payload> => ({
  action: 'add_after',
  check: async (ctx, e, payload) => {
    const pending = new Set((await pendingAfterPhotos(ctx.db, e.id, e.problem_id)).map((p) => p.file_id));
    const stranger = payload.afterPhotos.find((p) => !pending.has(p.fileId));
    if (stranger)
      throw new AppError('unprocessable', `afterPhotos：照片 ${stranger.fileId} 不是该问题尚未公开的整改照片`, { field: 'afterPhotos' });
  },
  apply: async (_ctx, tx, e, payload) => {
    const last = await tx
      .selectFrom('exposure_photos')
      .select((eb) => eb.fn.max('position').as('n'))
      .where('exposure_id', '=', e.id)
      .executeTakeFirst();
    let position = (last?.n ?? -1) + 1;
    for (const ph of payload.afterPhotos) {
      const row = await tx
        .insertInto('exposure_photos')
        .values({ exposure_id: e.id, position: position++, file_id: ph.fileId, stage: 'after', boxes: '[]' })
        .returning(['id', 'exposure_id', 'file_id'])
        .executeTakeFirstOrThrow();
      await renderPhoto(tx, storage, row, ph.boxes);
    }
    return { set: { updated_at: _ctx.clock.now() }, event: { photos: payload.afterPhotos.length } };
  },
});
