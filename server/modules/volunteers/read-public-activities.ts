/**
 * 活动招募 on the public pages: a county's published activities that have not ended, soonest first (at most 50), with
 * the places taken — what a resident deciding to register wants to see. Nothing about the people: no organiser, no
 * sign-ups, no check-in secret, no coordinates beyond the place's name.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { publicActivityList } from '../../../common/contracts/volunteers';
import type { Db } from '../../platform/db';

export const PUBLIC_ACTIVITIES_LIMIT = 50;

/** The county by its code (the public pages) or the county a region lies in (a volunteer waiting for approval). */
export type CountyOf = { countyCode: string } | { regionId: string };

export async function readPublicActivities(db: Db, county: CountyOf, now: Date): Promise<z.output<typeof publicActivityList>> {
  const countyJoin =
    'countyCode' in county
      ? sql`join regions c on c.code = ${county.countyCode} and c.level = 'county'`
      : sql`join regions c on c.level = 'county' and (select path from regions where id = ${county.regionId}::uuid) like c.path || '%'`;
  const r = await sql<{
    id: string;
    title: string;
    description: string | null;
    starts_at: Date;
    ends_at: Date;
    place: string;
    region_name: string;
    team_name: string | null;
    capacity: number;
    taken: number;
    skills: string[];
  }>`
    select a.id, a.title, a.description, a.starts_at, a.ends_at, a.place, r.name as region_name, t.name as team_name,
           a.capacity, a.skills,
           (select count(*)::int from volunteer_signups s where s.activity_id = a.id and s.state = 'signed') as taken
    from volunteer_activities a
    join regions r on r.id = a.region_id
    ${countyJoin}
    left join volunteer_teams t on t.id = a.team_id
    where r.path like c.path || '%' and a.state = 'published' and a.ends_at > ${now}
    order by a.starts_at, a.title
    limit ${PUBLIC_ACTIVITIES_LIMIT}`.execute(db);
  return {
    items: r.rows.map((a) => ({
      id: a.id,
      title: a.title,
      description: a.description,
      startsAt: new Date(a.starts_at),
      endsAt: new Date(a.ends_at),
      place: a.place,
      regionName: a.region_name,
      teamName: a.team_name,
      capacity: a.capacity,
      taken: a.taken,
      skills: a.skills,
    })),
  };
}
