/** File rows → API shape (common/contracts/files.ts). */
import type { z } from 'zod';
import type { storedFileResponse } from '../../../common/contracts';
import type { FileRow } from './repository';

/** MIME types of the derived copies (see render-photo.ts). */
export const THUMBNAIL_MIME = 'image/webp';
export const EVIDENCE_MIME = 'image/jpeg';

/** A file's metadata and the URLs of its three copies. */
export function presentFile(f: FileRow): z.output<typeof storedFileResponse> {
  const base = `/api/files/${f.id}`;
  return {
    id: f.id,
    originalName: f.original_name,
    mime: f.mime,
    size: f.size,
    sha256: f.sha256,
    width: f.width,
    height: f.height,
    takenAt: f.taken_at,
    location: f.lat !== null && f.lng !== null ? { lat: f.lat, lng: f.lng } : null,
    locationSource: f.location_source as 'exif' | 'device' | null,
    address: f.address,
    uploadedBy: { id: f.uploaded_by || null, name: f.uploader_name },
    createdAt: f.created_at,
    url: base,
    thumbnailUrl: `${base}/thumbnail`,
    evidenceUrl: `${base}/evidence`,
  };
}
