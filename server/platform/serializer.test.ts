/** The response serializer: the contract's allow-list, timestamps on the wire, and the zod check while testing. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timestamp } from '../../common/contracts';
import { contractSerializerCompiler, responseValidationOn } from './serializer';

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

  it('checks answers in tests and on request, not otherwise', () => {
    expect(responseValidationOn({ NODE_ENV: 'test' })).toBe(true);
    expect(responseValidationOn({ NODE_ENV: 'test', RESPONSE_VALIDATION: 'off' })).toBe(false);
    expect(responseValidationOn({ NODE_ENV: 'production' })).toBe(false);
    expect(responseValidationOn({ RESPONSE_VALIDATION: 'on' })).toBe(true);
  });
});
