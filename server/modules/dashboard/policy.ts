/**
 * 指挥大屏: who reads it and who may ask for a refresh. The office, leaders and the task force read the snapshot of a
 * city, county or town inside their scope; units, inspectors, 点长, grid workers and volunteers have no 大屏 (404).
 */
import { definePolicy } from '../../platform/policy';

export const dashboardPolicy = definePolicy('dashboard', {
  /** The snapshot of a region in scope (KPIs, states, site types, map, 红黑榜, trends). */
  read: ['office', 'leader', 'taskforce'],
  /** Recompute the snapshots of one's own area now (the job does it every minute anyway). */
  refresh: ['office', 'taskforce'],
});
