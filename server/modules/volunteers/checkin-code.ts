/**
 * The rotating check-in code the organiser's phone shows: `CCV1.<activityId>.<window>.<mac>`, where window is the 30 s
 * window (common/volunteers.ts codeWindow) and mac = HMAC-SHA256(activity's checkin_secret, `<activityId>:<window>`),
 * base64url, first 22 characters (132 bits). The secret never leaves the server, so a code cannot be made for a
 * window the organiser's phone has not shown yet; a photo of the QR code dies with its window.
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
