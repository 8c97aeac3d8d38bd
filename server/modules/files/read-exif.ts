/**
 * Shooting time and GPS position from a photo's EXIF block. The block comes from sharp's metadata, which
 * finds it in JPEG, PNG, WebP and HEIC alike (exifr alone cannot open WebP); exifr then reads its tags.
 */
import { createRequire } from 'node:module';

// exifr ships a UMD build as `main`; under plain Node ESM only its default export is visible, so load it
// the CommonJS way to get the same object under tsx, vitest and node.
const exifr: typeof import('exifr') = createRequire(import.meta.url)('exifr');

export interface PhotoExif {
  takenAt: Date | null;
  lat: number | null;
  lng: number | null;
}

const NONE: PhotoExif = { takenAt: null, lat: null, lng: null };

// Photos taken in the county carry local time without a zone; China has one zone and no daylight saving.
const DEFAULT_OFFSET = '+08:00';
const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * An EXIF "YYYY:MM:DD HH:MM:SS" local time as an instant, using the EXIF offset when present
 * (OffsetTimeOriginal) and Beijing time otherwise. Null for blank, zeroed or impossible values.
 */
export function parseExifTime(value: unknown, offset?: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = EXIF_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  // Date would roll 02-30 over to 03-01, so check the day against the month's length first.
  const daysInMonth = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(y) < 1990 || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > daysInMonth) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const zone = typeof offset === 'string' && OFFSET.test(offset.trim()) ? offset.trim() : DEFAULT_OFFSET;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const isCoordinate = (v: unknown, limit: number): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;

/** Reads time and position from an EXIF block; no block, or a broken one, gives nulls (never throws). */
export async function readPhotoExif(block: Buffer | null, now: Date): Promise<PhotoExif> {
  if (!block || block.length < 8) return NONE;
  // JPEG and WebP blocks start with the APP1 marker text "Exif\0\0"; the TIFF structure follows it.
  const tiff = block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? block.subarray(6) : block;
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(tiff, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      makerNote: false,
      userComment: false,
      // keep times as the raw strings: exifr would read them in the server's own time zone
      reviveValues: false,
    });
  } catch {
    return NONE;
  }
  if (!tags) return NONE;
  let takenAt = parseExifTime(tags.DateTimeOriginal, tags.OffsetTimeOriginal) ?? parseExifTime(tags.CreateDate, tags.OffsetTimeDigitized);
  // A camera clock far in the future is wrong, not evidence.
  if (takenAt && takenAt.getTime() > now.getTime() + 24 * 3600_000) takenAt = null;
  const { latitude, longitude } = tags as { latitude?: unknown; longitude?: unknown };
  // 0,0 is what many devices write when they had no fix.
  const hasPosition = isCoordinate(latitude, 90) && isCoordinate(longitude, 180) && !(latitude === 0 && longitude === 0);
  return { takenAt, lat: hasPosition ? round6(latitude) : null, lng: hasPosition ? round6(longitude) : null };
}

/** Six decimals is about 0.1 m: more than any phone's GPS can tell. */
export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
