/**
 * 上传照片: check the content is a photo, keep the original bytes unchanged, derive an oriented thumbnail
 * and an evidence copy watermarked with time, place and reporter, then record the file and its event.
 */
import crypto from 'node:crypto';
import { recordEvent } from '../../platform/audit';
import { inTransaction, type Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import { COVERT_TEAM_LABEL } from '../../platform/visibility';
import { detectPhotoKind, PHOTO_KINDS, type PhotoKind } from './detect-image-type';
import { readPhotoExif } from './read-exif';
import type { PhotoUpload } from './read-upload';
import { decodePhoto, renderEvidence, renderThumbnail } from './render-photo';
import { findFile, insertFile, type FileRow } from './repository';
import { watermarkLines } from './watermark';

const notAPhoto = () =>
  new AppError('unsupported_media_type', '只能上传 JPEG、PNG、WebP 或 HEIC 格式的照片（按文件内容识别，与文件名无关）');

/** Object keys for a file's three copies: grouped by month, then by file id. */
export function storageKeysFor(id: string, kind: PhotoKind, at: Date) {
  const month = at.toISOString().slice(0, 7).replace('-', '/');
  const dir = `photos/${month}/${id}`;
  return { original: `${dir}/original.${PHOTO_KINDS[kind].ext}`, thumbnail: `${dir}/thumbnail.webp`, evidence: `${dir}/evidence.jpg` };
}

/** Whether the uploader takes the photo as a member of a covert round's team (then the watermark must not name them). */
async function isCovertTeamMember(ctx: Ctx, roundId: string | undefined): Promise<boolean> {
  if (!roundId || !ctx.actor.id) return false;
  const r = await ctx.db
    .selectFrom('inspection_rounds as ir')
    .innerJoin('inspection_round_inspectors as x', 'x.round_id', 'ir.id')
    .select('ir.id')
    .where('ir.id', '=', roundId)
    .where('ir.is_covert', '=', true)
    .where('x.user_id', '=', ctx.actor.id)
    .executeTakeFirst();
  return !!r;
}

/** Stores an uploaded photo and its derived copies; returns the new file row. */
export async function uploadPhoto(ctx: Ctx, storage: FileStorage, upload: PhotoUpload): Promise<FileRow> {
  const kind = detectPhotoKind(upload.bytes);
  if (!kind) throw notAPhoto();
  const decoded = await decodePhoto(upload.bytes, kind);
  const now = ctx.clock.now();
  const exif = await readPhotoExif(decoded.exif, now);
  // The photo's own GPS wins: it says where the picture was taken, the device only where it was sent from.
  const { fields } = upload;
  const location =
    exif.lat !== null && exif.lng !== null
      ? { lat: exif.lat, lng: exif.lng, source: 'exif' as const }
      : fields.lat !== undefined && fields.lng !== undefined
        ? { lat: fields.lat, lng: fields.lng, source: 'device' as const }
        : null;
  const address = fields.address ?? null;
  const covertRound = (await isCovertTeamMember(ctx, fields.roundId)) ? fields.roundId! : null;
  const lines = watermarkLines({
    takenAt: exif.takenAt,
    uploadedAt: now,
    address,
    lat: location?.lat ?? null,
    lng: location?.lng ?? null,
    reporter: covertRound ? COVERT_TEAM_LABEL : ctx.actor.name,
  });
  const [thumbnail, evidence] = await Promise.all([renderThumbnail(decoded.working), renderEvidence(decoded.working, lines)]);

  const id = crypto.randomUUID();
  const keys = storageKeysFor(id, kind, now);
  const sha256 = crypto.createHash('sha256').update(upload.bytes).digest('hex');
  const written: string[] = [];
  try {
    for (const [key, data] of [
      [keys.original, upload.bytes],
      [keys.thumbnail, thumbnail],
      [keys.evidence, evidence],
    ] as const) {
      await storage.put(key, data);
      written.push(key);
    }
    await inTransaction(ctx, async (tx) => {
      const row = await insertFile(tx, {
        id,
        uploaded_by: ctx.actor.id,
        original_name: upload.originalName,
        mime: PHOTO_KINDS[kind].mime,
        size: upload.bytes.length,
        sha256,
        width: decoded.width,
        height: decoded.height,
        taken_at: exif.takenAt,
        lat: location?.lat ?? null,
        lng: location?.lng ?? null,
        location_source: location?.source ?? null,
        address,
        original_key: keys.original,
        thumbnail_key: keys.thumbnail,
        evidence_key: keys.evidence,
        created_at: now,
        round_id: covertRound,
      });
      const { original_key: _o, thumbnail_key: _t, evidence_key: _e, ...facts } = row;
      await recordEvent(tx, ctx, { action: 'file.uploaded', subjectType: 'file', subjectId: id, after: facts });
    });
  } catch (error) {
    // No row points at these objects: remove them so a failed upload leaves nothing behind.
    await Promise.allSettled(written.map((key) => storage.delete(key)));
    throw error;
  }
  return (await findFile(ctx.db, id))!;
}
