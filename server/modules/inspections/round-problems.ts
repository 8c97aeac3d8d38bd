/**
 * The problems a round found (its own findings, and open problems a visit of the round attached to), for the 问题清单
 * sheet of the result table and the 典型问题 of the 情况通报, with the photo the round took of each (its evidence copy,
 * watermarked; for an attached problem the photo the round added, else the first report photo).
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { ancestorAtLevelSql } from '../../platform/region-rollup';

export interface RoundProblem {
  id: string;
  code: string;
  description: string;
  category: string;
  severity: string;
  state: string;
  site: string | null;
  siteType: string | null;
  town: string | null;
  unit: string | null;
  standardCode: string | null;
  standardText: string | null;
  foundAt: Date;
  deadline: Date | null;
  evidenceKey: string | null;
  photoTakenAt: Date | null;
}

/** The round's problems, by site and code. */
export async function roundProblems(db: Db, roundId: string): Promise<RoundProblem[]> {
  const { rows } = await sql<{
    id: string;
    code: string;
    description: string;
    category: string;
    severity: string;
    state: string;
    site: string | null;
    site_type: string | null;
    town: string | null;
    unit: string | null;
    standard_code: string | null;
    standard_text: string | null;
    found_at: Date;
    deadline: Date | null;
    evidence_key: string | null;
    photo_taken_at: Date | null;
  }>`
    select p.id, p.code, p.description, pc.name as category, p.severity, p.state,
      s.name as site, st.name as site_type, coalesce(tn.name, r.name) as town, coalesce(u.name, su.name) as unit,
      sd.code as standard_code, sd.text as standard_text, p.created_at as found_at, p.deadline,
      ph.evidence_key, ph.taken_at as photo_taken_at
    from problems p
    join problem_categories pc on pc.code = p.category_code
    join regions r on r.id = p.region_id
    left join regions tn on tn.id = ${ancestorAtLevelSql(sql.ref('r.path'), 'town')}
    left join sites s on s.id = p.site_id
    left join site_types st on st.code = s.site_type_code
    left join units u on u.id = p.unit_id
    left join units su on su.id = s.unit_id
    left join standards sd on sd.id = p.standard_id
    left join lateral (
      select f.evidence_key, f.taken_at from problem_photos pp join files f on f.id = pp.file_id
      where pp.problem_id = p.id and (pp.round_id = ${roundId} or pp.stage = 'report')
      order by (pp.round_id = ${roundId}) desc nulls last, pp.sort limit 1
    ) ph on true
    where p.round_id = ${roundId}
      or exists (select 1 from problem_photos x where x.problem_id = p.id and x.round_id = ${roundId})
    order by s.name nulls last, p.code`.execute(db);
  return rows.map((x) => ({
    id: x.id,
    code: x.code,
    description: x.description,
    category: x.category,
    severity: x.severity,
    state: x.state,
    site: x.site,
    siteType: x.site_type,
    town: x.town,
    unit: x.unit,
    standardCode: x.standard_code,
    standardText: x.standard_text,
    foundAt: x.found_at,
    deadline: x.deadline,
    evidenceKey: x.evidence_key,
    photoTakenAt: x.photo_taken_at,
  }));
}
