/** The files API (照片): responses, shared by the server and the web client (see shared.ts). */
import { z } from 'zod';
import { timestamp } from './shared';

/** A stored photo's metadata and the URLs of its three copies (original, thumbnail, watermarked evidence). */
export const storedFileResponse = z.object({
  id: z.string(),
  originalName: z.string().nullable(),
  /** The original's type, detected from its bytes (image/jpeg, image/png, image/webp or image/heic). */
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  takenAt: timestamp.nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  locationSource: z.enum(['exif', 'device']).nullable(),
  address: z.string().nullable(),
  /** `id` is null for covert evidence shown to those who may not know the team (name 暗访组). */
  uploadedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: timestamp,
  url: z.string(),
  thumbnailUrl: z.string(),
  evidenceUrl: z.string(),
});

export type StoredFileDto = z.input<typeof storedFileResponse>;
