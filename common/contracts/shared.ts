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

/** An answer with no body (204 No Content), e.g. after a delete. */
export const noContent = z.null().describe('无内容');

/** What an all-or-nothing .xlsx import reports when it succeeds (errors answer 422 import_invalid). */
export const importResult = z.object({ created: z.number().int(), updated: z.number().int() });
export type ImportResultDto = z.input<typeof importResult>;

/** The .xlsx media type (imports, templates, exports and ledgers). */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A file answer (an .xlsx, a photo, a .docx): described for the OpenAPI document by its media type; Fastify sends the
 * Buffer or stream as it is (a file body is never passed through the JSON serializer).
 */
export const fileResponse = (mime: string | readonly string[], description: string) => ({
  description,
  content: Object.fromEntries(
    (typeof mime === 'string' ? [mime] : mime).map((m) => [m, { schema: z.string().meta({ format: 'binary' }) }]),
  ),
});
