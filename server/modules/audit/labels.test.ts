/**
 * Every action and subject type the server writes to the audit trail has a Chinese label (the filters offer every
 * subject type; the log and its export never show a bare code): found by reading the recordEvent calls in the source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_SUBJECT_TYPE_LABELS, auditActionLabel } from '../../../common/audit-labels';
import { PROBLEM_ACTION_NAMES } from '../../../common/problem-workflow';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

const server = path.resolve(__dirname, '../..');
const calls = sources(server)
  .map((f) => fs.readFileSync(f, 'utf8'))
  .flatMap((text) => [...text.matchAll(/(?:recordEvent|auditEventInsert)\([\s\S]{0,400}?\}\s*\)/g)].map((m) => m[0]));
const literals = (key: string) => [
  ...new Set(
    calls.flatMap((c) =>
      [...c.matchAll(new RegExp(`${key}:\\s*([^,}\\n]+)`, 'g'))].flatMap((m) => [...m[1].matchAll(/'([a-z_.]+)'/g)].map((x) => x[1])),
    ),
  ),
];

describe('audit labels', () => {
  it('names every action the server records', () => {
    const actions = literals('action');
    expect(actions.length).toBeGreaterThan(40);
    const composed = ['standard_version.imported', 'standard_version.cloned', ...PROBLEM_ACTION_NAMES.map((a) => `problem.${a}`)];
    const missing = [...actions, ...composed].filter((a) => a.includes('.') && auditActionLabel(a) === a);
    expect(missing).toEqual([]);
    expect(AUDIT_ACTION_LABELS['inspection_round.released']).toContain('暗访');
  });

  it('names every subject type the server records', () => {
    const types = literals('subjectType');
    expect(types.length).toBeGreaterThan(15);
    expect(types.filter((s) => !AUDIT_SUBJECT_TYPE_LABELS[s])).toEqual([]);
  });
});
