/**
 * Who sees which exposure (JS for one, SQL for lists): office, leaders and task force of the problem's region
 * (exposure.read); anyone else 404. Who takes each action: exposure.manage (edit, submit), exposure.approve (approve,
 * return), exposure.takeDown (take down), over the exposure's region.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { EXPOSURE_ACTIONS, type ExposureAction, type ExposureState } from '../../../common/exposure-workflow';
import type { Actor } from '../../platform/actor';
import { can, scopeSql } from '../../platform/policy';
import { fromBlocked } from '../../platform/workflow';
import './policy';

export const mayReadExposure = (actor: Actor, e: { region_path: string }) => can(actor, 'exposure.read', { regionPath: e.region_path });

/** SQL over an exposure joined to its region `r`. */
export const visibleExposureSql = (actor: Actor): RawBuilder<SqlBool> =>
  scopeSql(actor, 'exposure.read', { regionPath: sql.ref('r.path') });

const PERMISSION: Record<ExposureAction, string> = {
  edit: 'exposure.manage',
  submit: 'exposure.manage',
  approve: 'exposure.approve',
  return: 'exposure.approve',
  take_down: 'exposure.takeDown',
  add_after: 'exposure.manage',
};

export const mayTake = (actor: Actor, e: { region_path: string }, action: ExposureAction) =>
  can(actor, PERMISSION[action], { regionPath: e.region_path });

export function exposureBlockedReason(actor: Actor, e: { region_path: string; state: string }, action: ExposureAction): string | null {
  if (!mayTake(actor, e, action)) return '您不能执行此操作';
  return fromBlocked(EXPOSURE_ACTIONS[action], e.state as ExposureState);
}

export const allowedExposureActions = (actor: Actor, e: { region_path: string; state: string }) =>
  (Object.keys(EXPOSURE_ACTIONS) as ExposureAction[]).filter((a) => exposureBlockedReason(actor, e, a) === null);
