/** Unit rows → API shape (common/contracts/units.ts). */
import type { z } from 'zod';
import type { unitResponse } from '../../../common/contracts';
import type { UnitType } from '../../../common/enums';
import type { Actor } from '../../platform/actor';
import { abilities } from '../../platform/policy';
import type { UnitRow } from './repository';

/** The scope position of a unit. */
export const unitSubject = (u: { id: string; region_path: string }) => ({ regionPath: u.region_path, unitId: u.id });

/** A unit as the API shows it. */
export function presentUnit(u: UnitRow, actor: Actor): z.output<typeof unitResponse> {
  return {
    id: u.id,
    name: u.name,
    type: u.type as UnitType,
    regionId: u.region_id,
    regionName: u.region_name,
    regionCode: u.region_code,
    parentId: u.parent_id,
    parentName: u.parent_name,
    headName: u.head_name,
    headPhone: u.head_phone,
    liaisonName: u.liaison_name,
    liaisonPhone: u.liaison_phone,
    active: u.active,
    version: u.version,
    createdAt: u.created_at,
    abilities: abilities(actor, 'units', ['update', 'restructure', 'delete'], unitSubject(u)) as z.output<typeof unitResponse>['abilities'],
  };
}
