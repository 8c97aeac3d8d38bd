/**
 * The public copy of a photo: the original oriented, reduced to at most 1600 pixels, each box blurred strongly (the
 * region is cut out, blurred and composited back, so nothing outside a box changes), re-encoded as a JPEG WITHOUT any
 * metadata (sharp drops EXIF, GPS, XMP and ICC unless asked to keep them). The original file is never served publicly.
 */
import sharp, { type OverlayOptions } from 'sharp';
import type { RedactionBox } from '../../../common/exposure-workflow';
import { MAX_INPUT_PIXELS } from '../files/render-photo';

export const PUBLIC_MAX_SIDE = 1600;

export interface RenderedCopy {
  jpeg: Buffer;
  /** The oriented original's size (boxes are fractions of it). */
  width: number;
  height: number;
}

/** Renders the public copy of `original` with `boxes` blurred. */
export async function renderPublicCopy(original: Buffer, boxes: readonly RedactionBox[]): Promise<RenderedCopy> {
  const open = () => sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'none' });
  const meta = await open().metadata();
  const shown = meta.autoOrient ?? { width: meta.width ?? 1, height: meta.height ?? 1 };
  const { data, info } = await open()
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .resize({ width: PUBLIC_MAX_SIDE, height: PUBLIC_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const layers: OverlayOptions[] = [];
  for (const b of boxes) {
    const left = clamp(Math.floor(b.x * info.width), 0, info.width - 1);
    const top = clamp(Math.floor(b.y * info.height), 0, info.height - 1);
    const width = clamp(Math.ceil((b.x + b.w) * info.width) - left, 1, info.width - left);
    const height = clamp(Math.ceil((b.y + b.h) * info.height) - top, 1, info.height - top);
    // Strong enough that a face or a number plate cannot be read back: pixelate (shrink to ~1/16) and then blur.
    const sigma = Math.max(8, Math.min(width, height) / 6);
    const small = await sharp(data, { raw })
      .extract({ left, top, width, height })
      .resize({ width: Math.max(1, Math.round(width / 16)), height: Math.max(1, Math.round(height / 16)), fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const patch = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
      .resize({ width, height, fit: 'fill', kernel: 'cubic' })
      .blur(sigma)
      .png()
      .toBuffer();
    layers.push({ input: patch, left, top });
  }
  const jpeg = await sharp(data, { raw }).composite(layers).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
  return { jpeg, width: shown.width, height: shown.height };
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
