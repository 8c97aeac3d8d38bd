/** 慈善之家 test helpers: a fresh, valid 统一社会信用代码 (codes are unique across the shared test database). */
import crypto from 'node:crypto';
import { usccCheckChar } from '../../common/charity';

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid code of a 民政-registered organisation (53: 基金会 by default) in the given six-digit area. */
export function makeUscc(prefix = '53', area = '130100'): string {
  let body = '';
  for (let i = 0; i < 9; i++) body += CHARS[crypto.randomInt(0, CHARS.length)];
  const first17 = `${prefix}${area}${body}`;
  return first17 + usccCheckChar(first17)!;
}

/** A small valid JPEG with EXIF position data (a phone's receipt photo). */
export async function receiptJpeg(): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 240, g: 240, b: 230 } } })
    .withExif({ IFD0: { Make: 'PhoneCam', Model: 'X1', Copyright: 'GPS 39.2 116.3' } })
    .jpeg()
    .toBuffer();
}

/** A small well-formed PDF (a scanned 收据). */
export const RECEIPT_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
