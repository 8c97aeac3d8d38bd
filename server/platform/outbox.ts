/**
 * Outbound messages (SMS). A command inserts the message in its own transaction (`queueSms`); after commit
 * `deliverPending` hands it to the transport and blanks the stored body, so a secret does not stay in the database.
 *
 * This offline product has no SMS gateway: `FileOutboxTransport` appends each message to
 * `<DATA_DIR>/outbox/sms.log` (file mode 0600) and notes in the server log that a message is waiting (recipient
 * masked, never the text). An operator with access to the server hands it to the recipient in person.
 * A real gateway implements `MessageTransport` the same way.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db, Tx } from './db';

export interface OutboundMessage {
  id: string;
  channel: 'sms';
  recipient: string;
  purpose: string;
  body: string;
  createdAt: Date;
}

export interface MessageTransport {
  send(message: OutboundMessage): Promise<void>;
}

/** 138****1234: enough for a person to recognise their number, not enough to learn it. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Queues an SMS inside the caller's transaction. */
export async function queueSms(
  tx: Tx,
  input: { recipient: string; userId: string | null; purpose: string; body: string; now: Date },
): Promise<string> {
  const row = await tx
    .insertInto('message_outbox')
    .values({
      channel: 'sms',
      recipient: input.recipient,
      user_id: input.userId,
      purpose: input.purpose,
      body: input.body,
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sends every unsent message (oldest first); a failure is recorded and retried on the next call. */
export async function deliverPending(db: Db, transport: MessageTransport, now: Date): Promise<number> {
  const rows = await db.selectFrom('message_outbox').selectAll().where('sent_at', 'is', null).orderBy('created_at').limit(100).execute();
  let sent = 0;
  for (const row of rows) {
    // Claim the row so two deliverers never send it twice.
    const claimed = await db
      .updateTable('message_outbox')
      .set({ attempts: (eb) => eb('attempts', '+', 1), sent_at: now })
      .where('id', '=', row.id)
      .where('sent_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    try {
      await transport.send({
        id: row.id,
        channel: row.channel,
        recipient: row.recipient,
        purpose: row.purpose,
        body: row.body,
        createdAt: row.created_at,
      });
      await db
        .updateTable('message_outbox')
        .set({ body: '（已发送，内容不在数据库中保留）', last_error: null })
        .where('id', '=', row.id)
        .execute();
      sent++;
    } catch (error) {
      await db
        .updateTable('message_outbox')
        .set({ sent_at: null, last_error: String((error as Error).message).slice(0, 400) })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return sent;
}

/** Writes messages to an outbox file under DATA_DIR for an operator to hand over (see README). */
export class FileOutboxTransport implements MessageTransport {
  constructor(
    readonly dir: string,
    private readonly log: { info: (obj: object, msg: string) => void },
  ) {}

  get file(): string {
    return path.join(this.dir, 'sms.log');
  }

  async send(m: OutboundMessage): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const line =
      JSON.stringify({ id: m.id, channel: m.channel, to: m.recipient, purpose: m.purpose, text: m.body, queuedAt: m.createdAt }) + '\n';
    await fs.appendFile(this.file, line, { encoding: 'utf8', mode: 0o600 });
    this.log.info(
      { outbox: this.file, messageId: m.id, to: maskPhone(m.recipient), purpose: m.purpose },
      `短信待人工转交：发往 ${maskPhone(m.recipient)}，见发件箱文件`,
    );
  }
}
