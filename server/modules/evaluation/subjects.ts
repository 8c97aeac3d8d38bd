/**
 * The subjects of a scheme's group, resolved when a run is computed: units (an explicit list, or by unit type, or all
 * active units of the campaign's region), towns or counties of the region, sites (optionally by site type).
 */
import { sql } from 'kysely';
import type { EvaluationGroup } from '../../../common/contracts/evaluation';
import type { Db, Tx } from '../../platform/db';

export interface Subject {
  id: string;
  name: string;
}

export async function groupSubjects(db: Db | Tx, g: EvaluationGroup, regionPath: string): Promise<Subject[]> {
  const inRegion = regionPath + '%';
  switch (g.subjectType) {
    case 'unit': {
      const ids = g.unitIds?.length ? g.unitIds : null;
      const types = g.unitTypes?.length ? g.unitTypes : null;
      const r = await sql<Subject>`
        select u.id::text as id, u.name from units u join regions r on r.id = u.region_id
        where u.active and r.path like ${inRegion}
          and (${ids}::uuid[] is null or u.id = any(${ids}::uuid[]))
          and (${types}::text[] is null or u.type = any(${types}::text[]))
        order by u.name, u.id`.execute(db);
      return r.rows;
    }
    case 'site': {
      const types = g.siteTypes?.length ? g.siteTypes : null;
      const r = await sql<Subject>`
        select s.id::text as id, s.name from sites s join regions r on r.id = s.region_id
        where s.active and r.path like ${inRegion} and (${types}::text[] is null or s.site_type_code = any(${types}::text[]))
        order by s.name, s.id`.execute(db);
      return r.rows;
    }
    case 'town':
    case 'county': {
      const r = await sql<Subject>`
        select r.id::text as id, r.name from regions r where r.level = ${g.subjectType} and r.path like ${inRegion}
        order by r.code, r.id`.execute(db);
      return r.rows;
    }
  }
}
