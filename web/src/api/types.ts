/** Shapes shared by every resource in the API contract (docs/api-foundation.md). */
import type { QueryParams } from './client';

/** Ids are opaque to the UI (the server may use numbers or strings). */
export type Id = string | number;

/** What the actor may do to one record, decided by the server. */
export type Abilities = Record<string, boolean | undefined>;

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  /** True when the server stopped counting at `total` (long lists say “10000+”). */
  totalCapped?: boolean;
}

/** Paging and sorting parameters every list accepts. */
export interface ListParams extends QueryParams {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

/** Whether the record allows any of the named actions. */
export function can(record: { abilities?: Abilities } | null | undefined, ...actions: string[]): boolean {
  const abilities = record?.abilities;
  return !!abilities && actions.some((action) => abilities[action] === true);
}
