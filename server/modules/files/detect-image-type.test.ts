import { describe, expect, it } from 'vitest';
import { detectPhotoKind } from './detect-image-type';

const ftyp = (...brands: string[]) => {
  const body = Buffer.concat([Buffer.from(brands[0]), Buffer.alloc(4), ...brands.slice(1).map((b) => Buffer.from(b))]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from('ftyp'), body, Buffer.alloc(32)]);
};

describe('detectPhotoKind', () => {
  it('knows the accepted kinds by their first bytes', () => {
    expect(detectPhotoKind(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0]))).toBe('jpeg');
    expect(detectPhotoKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(detectPhotoKind(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('webp');
    expect(detectPhotoKind(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(detectPhotoKind(ftyp('mif1', 'mif1', 'miaf'))).toBe('heic');
  });

  it('refuses everything else, AVIF and look-alikes included', () => {
    expect(detectPhotoKind(ftyp('avif', 'mif1', 'avif'))).toBeNull();
    expect(detectPhotoKind(ftyp('mp42', 'isom'))).toBeNull();
    expect(detectPhotoKind(Buffer.from('GIF89a......'))).toBeNull();
    expect(detectPhotoKind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectPhotoKind(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(detectPhotoKind(Buffer.alloc(0))).toBeNull();
  });
});
