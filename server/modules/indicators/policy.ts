/**
 * Who may read indicator values (指标): the office, leaders and the task force, for the subjects (units, towns,
 * counties, sites) their grants cover. A region filter must be one the reader may see: inside their scope, or above it
 * (a town office may ask for "the county" and gets its own town's subjects).
 */
import { definePolicy, can } from '../../platform/policy';
import type { Actor } from '../../platform/actor';

export const indicatorPolicy = definePolicy('indicators', {
  read: ['office', 'leader', 'taskforce'],
});

/** Whether the actor may filter indicator values by the region at `regionPath`. */
export function mayFilterByRegion(actor: Actor, regionPath: string): boolean {
  if (can(actor, 'indicators.read', { regionPath })) return true;
  return actor.grants.some(
    (g) => indicatorPolicy.table.read.includes(g.role as never) && !!g.regionPath && g.regionPath.startsWith(regionPath),
  );
}
