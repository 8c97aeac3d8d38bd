/**
 * The response serializer. Each route's zod contract (common/contracts/) is compiled once, at start-up, to its wire
 * JSON Schema (`io: 'input'`: a timestamp is an ISO string there) and from that to a fast-json-stringify function:
 * an allow-list like the zod encoder (a property the contract does not name never leaves), at a fraction of its
 * cost (a 2 000-row metrics answer: 5–15 ms against 39–72 ms for zod's `safeEncode`).
 *
 * fast-json-stringify does not validate: it writes what the contract names, as the contract types it. So while tests
 * run (NODE_ENV=test) or with RESPONSE_VALIDATION=on, every answer is also checked against the zod contract and a
 * violation is a 500 naming the route — a presenter that drifts from its contract fails its tests, not a user.
 */
import fastJson from 'fast-json-stringify';
import type { FastifySchemaCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type SerializerCompiler = Parameters<import('fastify').FastifyInstance['setSerializerCompiler']>[0];

/** Whether answers are checked against their zod contracts (tests and development on request). */
export function responseValidationOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RESPONSE_VALIDATION === 'on' || (env.NODE_ENV === 'test' && env.RESPONSE_VALIDATION !== 'off');
}

function zodSchemaOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const props = (schema as { properties?: unknown })?.properties;
  if (props instanceof z.ZodType) return props;
  throw new Error(`响应契约不是 zod 模式：${JSON.stringify(schema)}`);
}

type JsonSchema = { [key: string]: unknown };

/**
 * The wire schema as fast-json-stringify should see it:
 * - a tuple (`items: [a, b]`, zod's z.tuple) is written only when each item matches its schema, and an item typed as
 *   anything (`{}`) is refused; a tuple is written as a plain array instead;
 * - a nullable timestamp or object (`anyOf: [X, {type: 'null'}]`) would make it pick the branch by validating the
 *   value against X with ajv for every answer — a timestamp's date-time pattern per field per row (1.7 % of the
 *   app's main thread under the report load); it becomes X with `type: [X's type, 'null']`, written by a typeof test.
 * Neither loosens the contract: the zod check (when on) still holds every answer to it, and what is written is the
 * same (serializer.test.ts compares).
 */
export function forStringify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forStringify);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node as JsonSchema)) out[k] = forStringify(v);
  if (Array.isArray(out.items)) {
    out.items = {};
    delete out.additionalItems;
    delete out.minItems;
    delete out.maxItems;
  }
  const nullable = nullableOf(out);
  if (nullable) {
    delete out.anyOf;
    const { pattern: _pattern, ...rest } = nullable;
    return { ...out, ...rest, type: [nullable.type, 'null'] };
  }
  return out;
}

/** X of `anyOf: [X, {type: 'null'}]` (either order) when X has one plain type (`string`, `object`, …). */
function nullableOf(node: JsonSchema): JsonSchema | null {
  const any = node.anyOf;
  if (!Array.isArray(any) || any.length !== 2) return null;
  const isNull = (s: unknown) => !!s && typeof s === 'object' && Object.keys(s).length === 1 && (s as JsonSchema).type === 'null';
  const other = (isNull(any[0]) ? any[1] : isNull(any[1]) ? any[0] : null) as JsonSchema | null;
  if (!other || typeof other.type !== 'string' || other.type === 'null' || 'anyOf' in other || 'oneOf' in other) return null;
  return other;
}

/** The serializer compiler for `app.setSerializerCompiler`. */
export function contractSerializerCompiler(opts: { validate: boolean } = { validate: responseValidationOn() }): SerializerCompiler {
  return (route) => {
    const contract = zodSchemaOf(route.schema);
    const wire = z.toJSONSchema(contract, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
    const stringify = fastJson(forStringify(wire) as Parameters<typeof fastJson>[0]);
    if (!opts.validate) return (data: unknown) => stringify(data);
    // The zod encoder throws ResponseSerializationError on a contract violation (a 500 naming method and URL).
    const check = (zodSerializerCompiler as unknown as FastifySchemaCompiler<unknown>)(route as never) as unknown as (d: unknown) => string;
    return (data: unknown) => {
      check(data);
      return stringify(data);
    };
  };
}
