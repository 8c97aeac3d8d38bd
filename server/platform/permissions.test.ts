/** The typed permission names the web uses (common/permissions.ts) are exactly those the modules' policies define. */
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../common/permissions';

// Every module's policy files (policy.ts, and a part's own such as volunteers/activity-policy.ts), as the app loads
// them; each exports what `definePolicy` returned ({ module, table }).
const policyFiles = import.meta.glob<Record<string, unknown>>(['../modules/*/policy.ts', '../modules/*/*-policy.ts'], { eager: true });

function defined(): string[] {
  const out: string[] = [];
  for (const exports of Object.values(policyFiles)) {
    for (const value of Object.values(exports)) {
      const p = value as { module?: unknown; table?: unknown };
      if (typeof p?.module === 'string' && p.table && typeof p.table === 'object')
        out.push(...Object.keys(p.table).map((action) => `${p.module}.${action}`));
    }
  }
  return out.sort();
}

describe('permission names', () => {
  it('common/permissions.ts lists every permission a policy defines, and no other', () => {
    const typed = new Set<string>(PERMISSIONS);
    const all = defined();
    expect(all.length).toBeGreaterThan(50);
    expect(
      all.filter((p) => !typed.has(p)),
      'permissions a policy defines that common/permissions.ts does not list (add them there)',
    ).toEqual([]);
    expect(
      [...typed].filter((p) => !all.includes(p)),
      'names in common/permissions.ts no policy defines (renamed or removed?)',
    ).toEqual([]);
  });
});
