/**
 * Prepared statements for the hottest queries (a report's authentication, checks and write; every request's session
 * or token lookup). PostgreSQL parses and plans a statement every time it is sent as plain text; a named prepared
 * statement is parsed once per connection and, after five runs, planned once (PostgreSQL keeps the generic plan only
 * when it is no worse than the custom ones: `plan_cache_mode = auto`).
 *
 * A query opts in by being run through `runPrepared`: its SQL text is registered and gets a stable name (a hash of
 * the text), and the pool's clients (`preparingPool`) send registered texts as named statements. Only registered
 * texts are prepared — lists and reports with free-form filters stay planned per run, where custom plans matter — and
 * the set is bounded by the code (a handful of texts; the report's write has one text per number of photos).
 */
import crypto from 'node:crypto';
import { type CompiledQuery, type Compilable, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type pg from 'pg';

const names = new Map<string, string>();
/** At most this many texts are registered (a guard against a caller registering texts built from input). */
const MAX_TEXTS = 200;

/** Registers a compiled query's text as prepared; returns the query unchanged. */
export function prepare<R>(query: CompiledQuery<R>): CompiledQuery<R> {
  if (!names.has(query.sql) && names.size < MAX_TEXTS) {
    names.set(query.sql, `cc_${crypto.createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`);
  }
  return query;
}

/** Compiles and runs a query (a builder or a `sql` template) as a prepared statement. */
export function runPrepared<R>(db: Kysely<any>, query: Compilable<R> | RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = isRaw(query) ? query.compile(db) : query.compile();
  return db.executeQuery(prepare(compiled));
}

function isRaw<R>(q: Compilable<R> | RawBuilder<R>): q is RawBuilder<R> {
  return 'isRawBuilder' in q && (q as { isRawBuilder?: unknown }).isRawBuilder === true;
}

/** The statement name of a registered text (undefined: send it as plain text). */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

const WRAPPED = Symbol('cc.preparing');

/**
 * A pool whose clients send registered texts as named prepared statements (node-postgres keeps each connection's
 * prepared names and sends Parse only the first time). Everything else passes through unchanged.
 */
export function preparingPool(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const wrapped = async (): Promise<pg.PoolClient> => {
    const client = await connect();
    const c = client as pg.PoolClient & { [WRAPPED]?: true };
    if (!c[WRAPPED]) {
      const query = c.query.bind(c) as (...args: unknown[]) => unknown;
      c.query = ((text: unknown, values?: unknown, cb?: unknown) => {
        const name = typeof text === 'string' ? names.get(text) : undefined;
        if (name && typeof values !== 'function') return query({ name, text, values }, cb);
        return cb === undefined ? (values === undefined ? query(text) : query(text, values)) : query(text, values, cb);
      }) as typeof c.query;
      c[WRAPPED] = true;
    }
    return client;
  };
  return new Proxy(pool, {
    get(target, key, receiver) {
      if (key === 'connect') return wrapped;
      const v = Reflect.get(target, key, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
