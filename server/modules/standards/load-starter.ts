/** Loads a shipped starter system (data/*.json) as a version of a campaign (used by the demo seed and on request). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { writeVersion, type ParsedStandard } from './write-version';

interface StarterFile {
  titleType: string;
  versionName: string;
  items: Array<{
    name: string;
    children: Array<{
      name: string;
      standards: Array<{
        code: string;
        text: string;
        method: string;
        points: number;
        siteTypes?: string[];
        leadUnit?: string | null;
        units?: string[];
        negative?: boolean;
      }>;
    }>;
  }>;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/** The starter file for a campaign title, if one ships. */
export function starterFor(titleType: string): StarterFile | null {
  if (!fs.existsSync(DIR)) return null;
  for (const f of fs.readdirSync(DIR).filter((x) => x.endsWith('.json'))) {
    const data = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as StarterFile;
    if (data.titleType === titleType) return data;
  }
  return null;
}

/** Writes the starter system for the campaign's title as a version; unknown unit names are left empty. */
export async function loadStarter(tx: Tx, ctx: Ctx, campaignId: string, titleType: string) {
  const data = starterFor(titleType);
  if (!data) return null;
  const units = new Map((await tx.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]));
  const types = new Set((await tx.selectFrom('site_types').select('code').execute()).map((t) => t.code));
  const standards: ParsedStandard[] = data.items.flatMap((item) =>
    item.children.flatMap((content) =>
      content.standards.map((s) => ({
        item: item.name,
        content: content.name,
        code: s.code,
        text: s.text,
        method: s.method,
        points: s.points,
        siteTypes: (s.siteTypes ?? []).filter((t) => types.has(t)),
        leadUnitId: (s.leadUnit && units.get(s.leadUnit)) || null,
        unitIds: (s.units ?? []).map((n) => units.get(n)).filter((x): x is string => !!x),
        negative: !!s.negative,
      })),
    ),
  );
  return writeVersion(tx, ctx, { campaignId, name: data.versionName, source: 'starter', standards });
}
