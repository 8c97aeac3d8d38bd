/** Photo uploads (POST /api/files): the server keeps the original, a thumbnail and a watermarked evidence copy. */
import { uploadFile } from './client';
import type { Id } from './types';

export interface UploadedFile {
  id: string;
  originalName: string | null;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  takenAt: string | null;
  location: { lat: number; lng: number } | null;
  locationSource: 'exif' | 'device' | null;
  address: string | null;
  /** `id` is null for covert evidence shown to those who may not know the team (name 暗访组). */
  uploadedBy: { id: Id | null; name: string };
  createdAt: string;
  url: string;
  thumbnailUrl: string;
  evidenceUrl: string;
}

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
