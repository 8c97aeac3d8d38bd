/**
 * The rotating check-in code the organiser's phone shows: `CCV1.<activityId>.<window>.<mac>`, where window is the 30 s
 * window (common/volunteers.ts codeWindow) and mac = HMAC-SHA256(activity's checkin_secret, `<activityId>:<window>`),
 * base64url, first 22 characters (132 bits). The secret never leaves the server, so a code cannot be made for a
 * window the organiser's phone has not shown yet; a photo of the QR code dies with its window.
 *
 * When a phone cannot scan, the volunteer types the six digits shown under the QR code on the activity's page: the
 * manual form `CCV1M.<activityId>.<digits>` (digits = HMAC-SHA256(secret, `short:<activityId>:<window>`) mod 10^6).
 * Six digits can be guessed where 132 bits cannot, so manual codes are rate-limited per volunteer (check-in.ts) and the
 * geofence still applies.
 */
import crypto from 'node:crypto';

const PREFIX = 'CCV1';
const MAC_LENGTH = 22;

/** A new activity's check-in secret. */
export const newCheckinSecret = () => crypto.randomBytes(32).toString('base64url');

function macOf(secret: string, activityId: string, window: number): string {
  return crypto.createHmac('sha256', secret).update(`${activityId}:${window}`).digest('base64url').slice(0, MAC_LENGTH);
}

/** The code of one window. */
export function checkinCode(secret: string, activityId: string, window: number): string {
  return `${PREFIX}.${activityId}.${window}.${macOf(secret, activityId, window)}`;
}

/** The six digits of one window (typed by hand when the camera cannot scan). */
export function shortCheckinCode(secret: string, activityId: string, window: number): string {
  const n = crypto.createHmac('sha256', secret).update(`short:${activityId}:${window}`).digest().readUInt32BE(0);
  return String(n % 1_000_000).padStart(6, '0');
}

/** A typed code: the activity (from the page it is typed on) and six digits, or null. */
export function parseManualCode(code: string): { activityId: string; digits: string } | null {
  const m = /^CCV1M\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{6})$/i.exec(code.trim());
  return m ? { activityId: m[1].toLowerCase(), digits: m[2] } : null;
}

/** The window (current or the previous one) whose six digits these are, or null (compared in constant time). */
export function windowOfShortCode(secret: string, activityId: string, digits: string, current: number, grace: number): number | null {
  let found: number | null = null;
  for (let w = current; w >= current - grace; w--) {
    const expected = Buffer.from(shortCheckinCode(secret, activityId, w));
    if (crypto.timingSafeEqual(expected, Buffer.from(digits.padStart(6, '0').slice(0, 6))) && found === null) found = w;
  }
  return found;
}

/** The parts of a scanned code, or null when it is not one of ours. */
export function parseCheckinCode(code: string): { activityId: string; window: number; mac: string } | null {
  const m = /^CCV1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,15})\.([A-Za-z0-9_-]{16,64})$/i.exec(code.trim());
  if (!m) return null;
  return { activityId: m[1].toLowerCase(), window: Number(m[2]), mac: m[3] };
}

/** Whether the code's mac was made with the activity's secret (constant time). */
export function macMatches(secret: string, parsed: { activityId: string; window: number; mac: string }): boolean {
  const expected = Buffer.from(macOf(secret, parsed.activityId, parsed.window));
  const given = Buffer.from(parsed.mac);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
