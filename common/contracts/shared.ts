/**
 * Building blocks of the API contracts (issue 8, layer 2). A contract is a zod schema in common/: the server hands it
 * to Fastify as the response serializer — an allow-list, nothing leaves that the schema does not name — and the web
 * takes its types from the same schema (`z.input`: the wire format, e.g. a time as an ISO string).
 */
import { z } from 'zod';

/** A point in time: a Date on the server, an ISO 8601 string on the wire and in the browser. */
export const timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});

/** Record ids are the database's UUIDs; responses do not re-validate them. */
export const id = z.string();

/** What the caller may do to a record (`abilities` on every record). */
export const abilitiesOf = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>);

/** A page of a list: its items and the total. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/** The error body every 4xx/5xx carries. */
export const errorBody = z.object({ error: z.looseObject({ code: z.string(), message: z.string() }) });

/** A path parameter `:id`. */
export const idParam = z.object({ id: z.uuid('编号格式不正确') });
