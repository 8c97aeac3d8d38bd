/** Shared list parameters: page, pageSize, sort, order. */
import { z } from 'zod';

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** A sort parameter limited to the given fields. */
export function sortQuery<T extends readonly [string, ...string[]]>(fields: T, fallback: T[number]) {
  return z.enum(fields).default(fallback as never);
}

/** Offset for a page. */
export function offsetOf(q: { page: number; pageSize: number }): number {
  return (q.page - 1) * q.pageSize;
}

/** Optional boolean from a query string ('true'/'false'). */
export const queryBool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** Empty strings in query strings mean "not given". */
export function blankToUndefined(value: unknown): unknown {
  return value === '' ? undefined : value;
}
