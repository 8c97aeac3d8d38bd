/**
 * The real type of an upload, from its first bytes. The file name and the declared content type are
 * never consulted: a text file named .jpg is still text.
 */

export type PhotoKind = 'jpeg' | 'png' | 'webp' | 'heic';

/** Stored MIME type and file extension for each accepted kind. */
export const PHOTO_KINDS: Record<PhotoKind, { mime: string; ext: string; sharpFormat: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg', sharpFormat: 'jpeg' },
  png: { mime: 'image/png', ext: 'png', sharpFormat: 'png' },
  webp: { mime: 'image/webp', ext: 'webp', sharpFormat: 'webp' },
  heic: { mime: 'image/heic', ext: 'heic', sharpFormat: 'heif' },
};

// ISO-BMFF brands of HEVC-coded HEIF (what phones write as .heic). 'mif1'/'msf1' are generic HEIF
// brands that AVIF files carry as well, so they count only when no AVIF brand is present.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

const ascii = (buf: Buffer, start: number, end: number) => buf.subarray(start, end).toString('latin1');

function heifBrands(buf: Buffer): string[] | null {
  if (buf.length < 16 || ascii(buf, 4, 8) !== 'ftyp') return null;
  const boxSize = buf.readUInt32BE(0);
  const end = Math.min(buf.length, boxSize >= 16 ? boxSize : 16);
  // major brand, minor version, then compatible brands, four bytes each
  const brands = [ascii(buf, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(buf, at, at + 4));
  return brands;
}

/** The accepted photo kind the bytes start with, or null for anything else. */
export function detectPhotoKind(buf: Buffer): PhotoKind | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 12 && ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return 'webp';
  const brands = heifBrands(buf);
  if (brands) {
    if (brands.some((b) => HEIC_BRANDS.has(b))) return 'heic';
    if (!brands.some((b) => AVIF_BRANDS.has(b)) && brands.some((b) => GENERIC_HEIF_BRANDS.has(b))) return 'heic';
  }
  return null;
}
