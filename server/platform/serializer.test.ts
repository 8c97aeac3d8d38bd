/** The response serializer: the contract's allow-list, timestamps on the wire, and the zod check while testing. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timestamp } from '../../common/contracts';
import fastJson from 'fast-json-stringify';
import { problemDetail } from '../../common/contracts/problems';
import { contractSerializerCompiler, forStringify, responseValidationOn } from './serializer';

const contract = z.object({
  id: z.string(),
  at: timestamp,
  rate: z.number().nullable(),
  tags: z.array(z.object({ code: z.string() })),
  note: z.string().optional(),
});
const compile = (validate: boolean) =>
  contractSerializerCompiler({ validate })({ schema: contract, method: 'GET', url: '/x', httpStatus: '200' } as never) as (
    d: unknown,
  ) => string;

describe('contract serializer', () => {
  const answer = { id: 'a', at: new Date('2026-12-03T08:00:00.000Z'), rate: null, tags: [{ code: 'E01', secret: 's' }], hash: 'h' };

  it('writes only what the contract names, with a time as its ISO string', () => {
    for (const validate of [false, true]) {
      expect(JSON.parse(compile(validate)(answer))).toEqual({
        id: 'a',
        at: '2026-12-03T08:00:00.000Z',
        rate: null,
        tags: [{ code: 'E01' }],
      });
    }
  });

  it('while testing, an answer that breaks its contract fails loudly instead of being coerced', () => {
    // A number where the contract says text: fast-json-stringify alone would quietly write "12".
    const wrong = { ...answer, id: 12 };
    expect(() => compile(true)(wrong)).toThrow();
    expect(JSON.parse(compile(false)(wrong)).id).toBe('12');
  });

  it('writes a nullable timestamp or object by its type, the same as choosing the anyOf branch would', () => {
    // Every nullable in a problem's answer is a plain type after flattening.
    const problemWire = z.toJSONSchema(problemDetail, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
    expect(JSON.stringify(problemWire)).toContain('anyOf');
    expect(JSON.stringify(forStringify(problemWire))).not.toContain('anyOf');
    // The same kinds of field, written from the schema as zod gives it and flattened: the same text.
    const shape = z.object({
      deadline: timestamp.nullable(),
      closedAt: timestamp.nullable().optional(),
      location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
      extension: z.object({ days: z.number().int(), reason: z.string().nullable() }).nullable(),
      code: z.string(),
    });
    const wire = z.toJSONSchema(shape, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
    const asGiven = fastJson(wire as Parameters<typeof fastJson>[0]);
    const flattened = fastJson(forStringify(wire) as Parameters<typeof fastJson>[0]);
    const at = new Date('2026-12-05T02:03:04.005Z');
    const rows = [
      { code: 'WT1', deadline: null, location: null, extension: null, closedAt: null },
      { code: 'WT2', deadline: at, location: { lat: 30.25, lng: 120.15, extra: 1 }, extension: { days: 3, reason: null }, closedAt: at },
      { code: 'WT3', deadline: '2026-12-05T02:03:04.005Z', location: { lat: 0, lng: 0 }, extension: { days: 1, reason: '雨天' } },
    ];
    for (const row of rows) expect(flattened(row)).toBe(asGiven(row));
    expect(JSON.parse(flattened(rows[1]))).toEqual({
      code: 'WT2',
      deadline: '2026-12-05T02:03:04.005Z',
      closedAt: '2026-12-05T02:03:04.005Z',
      location: { lat: 30.25, lng: 120.15 },
      extension: { days: 3, reason: null },
    });
  });

  it('checks answers in tests and on request, not otherwise', () => {
    expect(responseValidationOn({ NODE_ENV: 'test' })).toBe(true);
    expect(responseValidationOn({ NODE_ENV: 'test', RESPONSE_VALIDATION: 'off' })).toBe(false);
    expect(responseValidationOn({ NODE_ENV: 'production' })).toBe(false);
    expect(responseValidationOn({ RESPONSE_VALIDATION: 'on' })).toBe(true);
  });
});
