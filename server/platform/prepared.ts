/**
 * Prepared statements for the hottest queries (a report's authentication, checks and write; every request's session
 * or token lookup). PostgreSQL parses and plans a statement every time it is sent as plain text; a named prepared
 * statement is parsed once per connection and, after five runs, planned once (PostgreSQL keeps the generic plan only
 * when it is no worse than the custom ones: `plan_cache_mode = auto`).
 *
 * A query opts in by being run through `runFixed` (a text that depends only on a named shape, built and compiled
 * once): its SQL text is registered and gets a stable name (a hash of the text), and the pool's clients
 * (`preparingPool`) send registered texts as named statements. Only registered texts are prepared — lists and reports
 * with free-form filters stay planned per run, where custom plans matter — and the set is bounded by the code (a
 * handful of texts; the report's write has one with photos and one without).
 */
import crypto from 'node:crypto';
import { CompiledQuery, type Compilable, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
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

const fixedTexts = new Map<string, string>();

/**
 * Runs a statement whose text depends only on `shape` (e.g. which CTEs and columns a batched write has) with the
 * given parameters, as a prepared statement. The first call of a shape builds and compiles it (`build`) and keeps the
 * text; later calls send the kept text with new values, skipping Kysely's build and compile — the hottest statements
 * (a report's check and write) are built for every batch otherwise. `params` must be the compiled statement's
 * parameters, in order: the first compile checks it and throws if they differ (a parameter the text would freeze).
 */
export async function runFixed<R>(
  db: Kysely<any>,
  shape: string,
  params: readonly unknown[],
  build: () => Compilable<R> | RawBuilder<R>,
): Promise<QueryResult<R>> {
  const text = fixedTexts.get(shape);
  if (text !== undefined) return db.executeQuery(prepare(CompiledQuery.raw(text, [...params])) as CompiledQuery<R>);
  const q = build();
  const compiled = isRaw(q) ? q.compile(db) : q.compile();
  const same = compiled.parameters.length === params.length && compiled.parameters.every((v, i) => v === params[i]);
  if (!same) throw new Error(`runFixed(${shape}): the statement's parameters are not the ones given`);
  if (fixedTexts.size < MAX_TEXTS) fixedTexts.set(shape, compiled.sql);
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
