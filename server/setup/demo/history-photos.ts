/**
 * Small real JPEGs for the demo history: a coloured scene (ground, a wall, a few shapes) with a drawn label, made with
 * sharp at 320 × 240 (small keeps the evidence copy quick to render). Each photo still goes through the files module's upload path (type by content, EXIF, thumbnail, watermarked
 * evidence copy); only the source pixels are made here. Rendered once per label and reused, so seeding stays fast.
 */
import sharp from 'sharp';

const W = 480;
const H = 360;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function scene(label: string, hue: number, after: boolean): string {
  const sky = after ? `hsl(${hue}, 45%, 78%)` : `hsl(${hue}, 20%, 62%)`;
  const ground = after ? 'hsl(95, 30%, 55%)' : 'hsl(30, 18%, 45%)';
  const mess = after
    ? ''
    : `<circle cx="140" cy="280" r="26" fill="hsl(25, 40%, 30%)"/><rect x="180" y="262" width="60" height="30" fill="hsl(200, 10%, 35%)" transform="rotate(-12 210 277)"/>
       <circle cx="260" cy="292" r="14" fill="hsl(50, 50%, 40%)"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="${W}" height="${H}" fill="${sky}"/>
    <rect y="220" width="${W}" height="${H - 220}" fill="${ground}"/>
    <rect x="300" y="90" width="150" height="140" fill="hsl(${hue}, 15%, 70%)" stroke="hsl(${hue}, 15%, 40%)" stroke-width="3"/>
    <rect x="320" y="110" width="40" height="40" fill="hsl(210, 30%, 85%)"/><rect x="390" y="110" width="40" height="40" fill="hsl(210, 30%, 85%)"/>
    <rect x="40" y="150" width="12" height="80" fill="hsl(0, 0%, 30%)"/><circle cx="46" cy="140" r="16" fill="hsl(50, 80%, 70%)"/>
    ${mess}
    <rect x="0" y="0" width="${W}" height="44" fill="rgba(0,0,0,0.45)"/>
    <text x="16" y="30" font-size="22" fill="#fff" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">${esc(label)}</text>
  </svg>`;
}

/** A cache of rendered JPEGs by label. */
export class DemoPhotos {
  private cache = new Map<string, Buffer>();

  /** A JPEG showing `label` (a problem before, or the place after rectification). */
  async jpeg(label: string, after = false): Promise<Buffer> {
    const key = `${after ? 'a' : 'b'}:${label}`;
    let buf = this.cache.get(key);
    if (!buf) {
      let hue = 0;
      for (const ch of label) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
      buf = await sharp(Buffer.from(scene(label, hue, after)))
        .resize(320, 240)
        .jpeg({ quality: 70 })
        .toBuffer();
      this.cache.set(key, buf);
    }
    return buf;
  }
}
