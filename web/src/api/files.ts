/** Photo uploads (POST /api/files): the server keeps the original, a thumbnail and a watermarked evidence copy. */
import type { StoredFileDto } from '@common/contracts';
import { uploadFile } from './client';

/** A stored photo on the wire: the server's contract (common/contracts/files.ts), not a hand-typed copy. */
export type UploadedFile = StoredFileDto;

/** Where the device was when the photo was taken (used when the photo itself has no GPS). */
export interface PhotoPlace {
  lat?: number;
  lng?: number;
  address?: string;
  /** The inspection round the photo is evidence for: a covert round's evidence is watermarked 暗访组, not the inspector's name. */
  roundId?: string;
}

/** Upload one photo (a File, or a Blob kept offline with its name). */
export function uploadPhoto(photo: Blob, name: string, place: PhotoPlace = {}): Promise<UploadedFile> {
  const file = photo instanceof File ? photo : new File([photo], name, { type: photo.type || 'image/jpeg' });
  const fields: Record<string, string> = {};
  if (place.lat !== undefined && place.lng !== undefined) {
    fields.lat = String(place.lat);
    fields.lng = String(place.lng);
  }
  if (place.address?.trim()) fields.address = place.address.trim().slice(0, 200);
  if (place.roundId) fields.roundId = place.roundId;
  return uploadFile<UploadedFile>('/api/files', file, fields);
}

/** Thumbnail and evidence URLs of a stored file id. */
export function fileUrls(id: string) {
  return { thumbnailUrl: `/api/files/${id}/thumbnail`, evidenceUrl: `/api/files/${id}/evidence` };
}
