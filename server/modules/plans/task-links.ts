/**
 * A task's linked standards and sites by name (the task detail's `links`): the standards with their version (and
 * whether it is the campaign's current one), the sites with their type and region, in the order the task lists them.
 * A link whose record has gone (a version deleted) is left out. Only ids stored on a task the caller may read are
 * looked up (read-task.ts checks the task first).
 */
import type { z } from 'zod';
import type { taskLinks } from '../../../common/contracts/task-links';
import type { Db, Tx } from '../../platform/db';

export async function linksOfTask(
  db: Db | Tx,
  task: { campaign_id: string; standard_ids: string[]; site_ids: string[] },
): Promise<z.input<typeof taskLinks>> {
  const [standards, sites, current] = await Promise.all([
    task.standard_ids.length
      ? db
          .selectFrom('standards as s')
          .innerJoin('standard_versions as v', 'v.id', 's.version_id')
          .select(['s.id', 's.code', 's.text', 'v.id as version_id', 'v.name as version_name'])
          .where('s.id', 'in', task.standard_ids)
          .where('v.campaign_id', '=', task.campaign_id)
          .execute()
      : [],
    task.site_ids.length
      ? db
          .selectFrom('sites as s')
          .innerJoin('site_types as st', 'st.code', 's.site_type_code')
          .innerJoin('regions as r', 'r.id', 's.region_id')
          .select(['s.id', 's.name', 's.active', 'st.name as type_name', 'r.name as region_name'])
          .where('s.id', 'in', task.site_ids)
          .execute()
      : [],
    task.standard_ids.length
      ? db
          .selectFrom('standard_versions')
          .select('id')
          .where('campaign_id', '=', task.campaign_id)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .executeTakeFirst()
      : undefined,
  ]);
  const byStandard = new Map(standards.map((s) => [s.id, s]));
  const bySite = new Map(sites.map((s) => [s.id, s]));
  return {
    standards: task.standard_ids.flatMap((sid) => {
      const s = byStandard.get(sid);
      return s
        ? [
            {
              id: s.id,
              code: s.code,
              text: s.text,
              versionId: s.version_id,
              versionName: s.version_name,
              current: s.version_id === current?.id,
            },
          ]
        : [];
    }),
    sites: task.site_ids.flatMap((sid) => {
      const s = bySite.get(sid);
      return s ? [{ id: s.id, name: s.name, siteTypeName: s.type_name, regionName: s.region_name, active: s.active }] : [];
    }),
  };
}
