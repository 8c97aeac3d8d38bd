/**
 * Form rules from the shared zod schemas (common/*-workflow.ts): the form refuses exactly what the server refuses,
 * with the same Chinese message, and no rule is typed twice.
 */
import type { FormRule } from 'antd';
import type { z } from 'zod';

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A rule that checks one field's value with its schema. */
export function fieldRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(blank(value) ? undefined : value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '输入有误');
    },
  };
}

/** A rule for `field` that checks the whole payload (for rules across fields, e.g. 核查不通过须填原因). */
export function payloadRule(schema: z.ZodType, field: string, payloadOf: (value: unknown) => unknown): FormRule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(payloadOf(blank(value) ? undefined : value));
      const issue = r.success ? undefined : r.error.issues.find((i) => i.path[0] === field);
      if (issue) throw new Error(issue.message);
    },
  };
}
