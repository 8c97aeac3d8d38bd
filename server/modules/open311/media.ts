/**
 * The public derivative of a problem photo for media_url (and the 12345 办结回复's photo links): only photos of problems
 * the public interface lists, never the original file. Where the office has marked regions to blur on the photo (the
 * 曝光台 editor's boxes, on any exposure of the problem — its redaction stands for every public answer), the copy is
 * the redacted one: the stored public copy when it was rendered from those boxes, else rendered now from them. A photo
 * nobody marked is re-encoded through the same pipeline with no box (oriented, ≤ 1600 px, no EXIF/GPS/XMP/ICC).
 */
import type { RedactionBox } from '../../../common/exposure-workflow';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import { renderPublicCopy } from '../exposure/redact';
import { findPublicPhoto, findRedaction } from './repository';

export interface PublicMedia {
  jpeg: Buffer;
}

const asBoxes = (v: unknown): RedactionBox[] => (typeof v === 'string' ? (JSON.parse(v) as RedactionBox[]) : ((v ?? []) as RedactionBox[]));

/** The JPEG bytes of the public derivative, or 404. */
export async function publicPhoto(ctx: Ctx, storage: FileStorage, fileId: string): Promise<PublicMedia> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw notFound('照片');
  const file = await findPublicPhoto(ctx.db, fileId);
  if (!file) throw notFound('照片');
  const marked = await findRedaction(ctx.db, fileId);
  const boxes = marked ? asBoxes(marked.boxes) : [];
  // The stored public copy was rendered from exactly these boxes (render-photos.ts writes both together).
  if (marked?.public_key) return { jpeg: await storage.get(marked.public_key) };
  const copy = await renderPublicCopy(await storage.get(file.original_key), boxes);
  return { jpeg: copy.jpeg };
}
