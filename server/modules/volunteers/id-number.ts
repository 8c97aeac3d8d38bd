/**
 * 身份证号码 at rest: AES-256-GCM under a key this deployment made for itself (deployment_secrets, created on first
 * use, the same on every node), stored as iv:tag:ciphertext (base64); a keyed HMAC of the number for "one
 * registration per ID number" (a plain hash of an ID number could be reversed by trying the ~10^9 plausible ones);
 * and the masked form every screen shows. The plaintext never leaves this file except to encrypt and, nowhere yet,
 * decrypt. Keys are held per database handle (the test workers open several databases in one process).
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { maskIdNumber } from '../../../common/volunteers';
import type { Db } from '../../platform/db';

const NAME = 'volunteer_id_number_key';

interface Keys {
  enc: Buffer;
  mac: Buffer;
}
const keys = new WeakMap<Db, Promise<Keys>>();

async function load(db: Db): Promise<Keys> {
  const fresh = crypto.randomBytes(32).toString('hex');
  await sql`insert into deployment_secrets (name, value) values (${NAME}, ${fresh}) on conflict (name) do nothing`.execute(db);
  const r = await sql<{ value: string }>`select value from deployment_secrets where name = ${NAME}`.execute(db);
  const master = Buffer.from(r.rows[0]!.value, 'hex');
  // Two keys from one secret: one encrypts, one hashes (a key is never used for both).
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { enc: derive('cc-volunteer-id-enc'), mac: derive('cc-volunteer-id-mac') };
}

/** The database's keys (created on first use, then held). */
function keysOf(db: Db): Promise<Keys> {
  let k = keys.get(db);
  if (!k) {
    k = load(db);
    k.catch(() => keys.delete(db));
    keys.set(db, k);
  }
  return k;
}

export interface SealedIdNumber {
  enc: string;
  hash: string;
  masked: string;
}

/** Encrypts, hashes and masks a (validated, upper-cased) ID number. */
export async function sealIdNumber(db: Db, idNumber: string): Promise<SealedIdNumber> {
  const k = await keysOf(db);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', k.enc, iv);
  const ciphertext = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
  const enc = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64')).join(':');
  return {
    enc,
    hash: crypto.createHmac('sha256', k.mac).update(`cc-volunteer-id:${idNumber}`).digest('hex'),
    masked: maskIdNumber(idNumber),
  };
}

/** The keyed hash alone (the uniqueness check before an insert). */
export async function idNumberHash(db: Db, idNumber: string): Promise<string> {
  const k = await keysOf(db);
  return crypto.createHmac('sha256', k.mac).update(`cc-volunteer-id:${idNumber}`).digest('hex');
}

/** Decrypts a stored ID number (for an authorised export that needs it in full; no route does today). */
export async function openIdNumber(db: Db, stored: string): Promise<string> {
  const k = await keysOf(db);
  const [iv, tag, ciphertext] = stored.split(':').map((s) => Buffer.from(s, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', k.enc, iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
}
