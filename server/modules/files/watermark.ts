/**
 * The visible watermark of an evidence copy: time, place and reporter on a dark band along the bottom,
 * drawn as SVG so librsvg renders the Chinese text with the system CJK fonts.
 */
import { formatBeijingMinute } from '../../../common/beijing';

export interface WatermarkFacts {
  /** When the photo was taken (EXIF), or null to show the upload time instead. */
  takenAt: Date | null;
  uploadedAt: Date;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporter: string;
}

const FONT_FAMILY = "'Noto Sans CJK SC','Noto Sans SC','WenQuanYi Micro Hei',sans-serif";
/** yyyy-MM-dd HH:mm in Asia/Shanghai (a fixed UTC+8: China has kept no daylight saving since 1991). */
export { formatBeijingMinute };

/** The lines of text (time, place, coordinates when there is also an address, reporter), before fitting. */
export function watermarkLines(f: WatermarkFacts): string[] {
  const time = f.takenAt
    ? `拍摄时间：${formatBeijingMinute(f.takenAt)}`
    : `上传时间：${formatBeijingMinute(f.uploadedAt)}（照片无拍摄时间）`;
  const coords = f.lat !== null && f.lng !== null ? `${f.lat.toFixed(6)}, ${f.lng.toFixed(6)}` : null;
  // Coordinates get a line of their own so a long address can never push them out of the picture.
  const place = f.address && coords ? [`地点：${f.address}`, `坐标：${coords}`] : [`地点：${f.address ?? coords ?? '未提供'}`];
  return [time, ...place, `上报人：${f.reporter}`];
}

// Rough advance widths in em: CJK and full-width forms are square, Latin text about half as wide.
function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2e80 || (code >= 0x1100 && code <= 0x11ff)) return 1;
  return 0.6;
}

/** Cuts `text` to fit `maxEm` em, ending with an ellipsis when something was cut. */
export function fitText(text: string, maxEm: number): string {
  const chars = [...text];
  if (chars.reduce((sum, ch) => sum + charWidth(ch), 0) <= maxEm) return text;
  // The ellipsis is full width in CJK fonts: keep the longest prefix that leaves room for it.
  let used = 1;
  let keep = 0;
  while (keep < chars.length && used + charWidth(chars[keep]) <= maxEm) used += charWidth(chars[keep++]);
  return chars.slice(0, keep).join('') + '…';
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** An SVG band `width` wide (never taller than `imageHeight`) holding the fitted lines. */
export function watermarkSvg(lines: string[], width: number, imageHeight: number): { svg: Buffer; height: number } {
  // About 45 em across the image, but never so large that the band covers more than a third of it.
  const bandLines = lines.length + 0.6;
  const fontSize = Math.max(8, Math.min(Math.round(width / 45), Math.floor(imageHeight / 3 / (bandLines * 1.4))));
  const lineHeight = Math.round(fontSize * 1.4);
  const pad = Math.round(fontSize * 0.5);
  const height = Math.min(imageHeight, pad * 2 + lineHeight * lines.length);
  const maxEm = (width - pad * 2) / fontSize;
  const texts = lines
    .map((line, i) => {
      const y = pad + Math.round(fontSize * 1.1) + i * lineHeight;
      return `<text x="${pad}" y="${y}">${escapeXml(fitText(line, maxEm))}</text>`;
    })
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#000" fill-opacity="0.55"/>` +
    `<g font-family="${escapeXml(FONT_FAMILY)}" font-size="${fontSize}" fill="#fff">${texts}</g></svg>`;
  return { svg: Buffer.from(svg), height };
}
