/**
 * 群众推荐 on the public door (no account): the proof of work is spent and the door's limits counted (per address and
 * device), the photos must be this device's unclaimed uploads (/api/public/files: type by content, EXIF read and never
 * shown — the public sees only re-encoded copies), then the nomination waits for the office's verification. The
 * recommender's name and the contact are kept for the office and never shown publicly.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { publicNominationBody } from '../../../common/contracts/honours';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { spendChallenge } from '../public-reports/challenge';
import { takeRateLimit } from '../public-reports/rate-limit';
import { assertNominationOpen, insertNomination } from './nominate';
import { findSelection } from './repository';
import { selectionNotFound } from './access';

/** A public nomination; returns its id. */
export async function nominatePublic(ctx: Ctx, selectionId: string, body: z.output<typeof publicNominationBody>): Promise<string> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const s = await findSelection(tx, selectionId);
    if (!s) throw selectionNotFound();
    assertNominationOpen(s, body.categoryCode, now);
    await spendChallenge(tx, now, body.proof);
    await takeRateLimit(tx, 'honourNomination', { ip: ctx.meta.ip, device: body.deviceId }, now);
    const photos = [...new Set(body.photoIds ?? [])];
    if (photos.length) {
      // Claimed: the upload leaves the unclaimed list (so the clean-up keeps it) and becomes the nomination's photo.
      const claimed = await sql<{ file_id: string }>`delete from public_uploads
        where file_id = any(${photos}::uuid[]) and device_id = ${body.deviceId} and problem_id is null returning file_id`.execute(tx);
      if (claimed.rows.length !== photos.length) throw new AppError('validation', '照片已失效，请重新上传');
    }
    return insertNomination(tx, ctx, s, { ...body, photoIds: photos, source: 'public', unitId: null }, null);
  });
}
