/** Tracking codes: 20 random base32 characters (100 bits; nobody guesses one), stored only as a SHA-256. */
import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new random tracking code. */
export function newTrackingCode(): string {
  const bytes = crypto.randomBytes(20);
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/** What the database keeps of a tracking code. */
export function trackingHash(code: string): string {
  return crypto.createHash('sha256').update(`cc-tracking:${code}`).digest('hex');
}

/** The private link the citizen keeps. */
export const trackingUrl = (code: string) => `/p/track/${code}`;
