/** The teams a resident may apply to on the public registration page: a county's teams by its code (names only). */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { publicTeamList } from '../../../common/contracts/volunteers';
import type { Db } from '../../platform/db';

export async function readPublicTeams(db: Db, countyCode: string): Promise<z.input<typeof publicTeamList>> {
  const r = await sql<{
    id: string;
    name: string;
    kind: 'corps' | 'detachment' | 'squad' | 'specialist';
    region_name: string;
    parent_id: string | null;
  }>`
    select t.id, t.name, t.kind, r.name as region_name, t.parent_id
    from volunteer_teams t join regions r on r.id = t.region_id
    join regions c on c.code = ${countyCode} and c.level = 'county'
    where r.path like c.path || '%'
    order by r.path, t.created_at, t.name`.execute(db);
  return { items: r.rows.map((t) => ({ id: t.id, name: t.name, kind: t.kind, regionName: t.region_name, parentId: t.parent_id })) };
}
