/**
 * Decoding an uploaded photo and deriving its copies with sharp: a thumbnail and a watermarked evidence
 * copy, both with the EXIF orientation applied. Only the first decode touches client bytes, so only its
 * failures are reported as a bad upload; anything later is a server fault.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../platform/errors';
import { PHOTO_KINDS, type PhotoKind } from './detect-image-type';
import { watermarkSvg } from './watermark';

/** Beyond this a decode needs gigabytes of memory (a 108-megapixel phone photo still fits). */
export const MAX_INPUT_PIXELS = 150_000_000;
export const THUMBNAIL_WIDTH = 320;
/** The evidence copy's long side: at most this, and small photos are enlarged to the minimum so the watermark stays legible. */
export const EVIDENCE_MAX_SIDE = 1920;
export const EVIDENCE_MIN_SIDE = 640;

/** Decoded pixels, oriented and reduced to at most the evidence size. */
export interface WorkingImage {
  pixels: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

export interface DecodedPhoto {
  /** Displayed size of the original (after orientation). */
  width: number;
  height: number;
  /** The raw EXIF block, if the photo has one. */
  exif: Buffer | null;
  working: WorkingImage;
}

/** 415 for a HEIC photo this server cannot decode, telling the user to send JPEG instead. */
export const heicUnsupported = () =>
  new AppError(
    'unsupported_media_type',
    '本服务器不支持 HEIC 格式的照片，请改用 JPEG 上传（iPhone 可在“设置 › 相机 › 格式”中选择“兼容性最佳”）',
  );
const corrupt = () => new AppError('unsupported_media_type', '图片文件已损坏或不完整，无法读取，请重新拍摄或选择原图上传');

/** Whether this sharp build can decode HEIF at all (the prebuilt binaries read AVIF but not HEVC-coded HEIC). */
export function heifDecoderPresent(): boolean {
  return sharp.format.heif?.input?.buffer === true;
}

// 'error' rejects truncated or broken pixel data but tolerates the libjpeg warnings many phone JPEGs raise.
const open = (buf: Buffer) => sharp(buf, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });

/** Checks the content really is the detected kind and decodes it once; bad input becomes a 4xx AppError. */
export async function decodePhoto(buf: Buffer, kind: PhotoKind): Promise<DecodedPhoto> {
  if (kind === 'heic' && !heifDecoderPresent()) throw heicUnsupported();
  let meta: Metadata;
  try {
    meta = await open(buf).metadata();
  } catch {
    throw kind === 'heic' ? heicUnsupported() : corrupt();
  }
  if (meta.format !== PHOTO_KINDS[kind].sharpFormat || !meta.width || !meta.height) {
    throw kind === 'heic' ? heicUnsupported() : corrupt();
  }
  if (meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw new AppError('payload_too_large', `图片像素过大（${meta.width}×${meta.height}），请压缩到 1.5 亿像素以内后上传`);
  }
  const shown = meta.autoOrient ?? { width: meta.width, height: meta.height };
  try {
    // One decode: orient, drop transparency onto white, reduce to the evidence size, 8-bit sRGB.
    const { data, info } = await open(buf)
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .resize({ width: EVIDENCE_MAX_SIDE, height: EVIDENCE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return {
      width: shown.width,
      height: shown.height,
      exif: meta.exif ?? null,
      working: { pixels: data, width: info.width, height: info.height, channels: info.channels },
    };
  } catch {
    // HEIC whose codec this build lacks fails here: metadata reads the container, pixels need HEVC.
    throw kind === 'heic' ? heicUnsupported() : corrupt();
  }
}

const fromWorking = (w: WorkingImage): Sharp => sharp(w.pixels, { raw: { width: w.width, height: w.height, channels: w.channels } });

/** A 320-pixel-wide WebP (smaller photos keep their size). */
export function renderThumbnail(w: WorkingImage): Promise<Buffer> {
  return fromWorking(w).resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
}

/** A JPEG of at most 1920 pixels on the long side with the watermark band composited at the bottom. */
export async function renderEvidence(w: WorkingImage, lines: string[]): Promise<Buffer> {
  const longSide = Math.max(w.width, w.height);
  const scale = longSide < EVIDENCE_MIN_SIDE ? EVIDENCE_MIN_SIDE / longSide : 1;
  const width = Math.max(1, Math.round(w.width * scale));
  const height = Math.max(1, Math.round(w.height * scale));
  // Resize first into its own buffer: sharp composites before it resizes within one pipeline.
  const base = scale === 1 ? w : await resizeWorking(w, width, height);
  const band = watermarkSvg(lines, width, height);
  return fromWorking(base)
    .composite([{ input: band.svg, left: 0, top: height - band.height }])
    .jpeg({ quality: 85, mozjpeg: true })
    .toBuffer();
}

async function resizeWorking(w: WorkingImage, width: number, height: number): Promise<WorkingImage> {
  const { data, info } = await fromWorking(w).resize({ width, height, fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height, channels: info.channels };
}
