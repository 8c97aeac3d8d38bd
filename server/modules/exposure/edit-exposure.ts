/**
 * 编辑打码: the office sets the public title and text and, per photo, the boxes to blur; each photo whose boxes
 * changed is rendered again from its original (redact.ts), so the preview the editor shows is the public copy itself.
 */
import type { z } from 'zod';
import type { EXPOSURE_PAYLOADS, ExposureAction, ExposureState } from '../../../common/exposure-workflow';
import { AppError } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import type { WorkflowVerb } from '../../platform/workflow';
import { renderPhoto } from './render-photos';
import { photosOf, type ExposureRow } from './repository';

type Payload = z.infer<typeof EXPOSURE_PAYLOADS.edit>;

export const editExposure = (storage: FileStorage): WorkflowVerb<ExposureRow, ExposureAction, ExposureState, Payload> => ({
  action: 'edit',
  check: async (ctx, e, payload) => {
    if (!payload.photos) return;
    const own = new Set((await photosOf(ctx.db, e.id)).map((p) => p.id));
    const stranger = payload.photos.find((p) => !own.has(p.id));
    if (stranger) throw new AppError('unprocessable', `photos：照片 ${stranger.id} 不属于这条曝光`, { field: 'photos' });
  },
  apply: async (_ctx, tx, e, payload) => {
    const changed: Array<{ id: string; boxes: number }> = [];
    if (payload.photos) {
      const current = new Map((await photosOf(tx, e.id)).map((p) => [p.id, p]));
      for (const ph of payload.photos) {
        const row = current.get(ph.id)!;
        if (JSON.stringify(row.boxes) === JSON.stringify(ph.boxes) && row.public_key) continue;
        await renderPhoto(tx, storage, row, ph.boxes);
        changed.push({ id: ph.id, boxes: ph.boxes.length });
      }
    }
    return {
      set: { title: payload.title, description: payload.description, updated_at: _ctx.clock.now() },
      event: { title: payload.title, photos: changed },
    };
  },
});
