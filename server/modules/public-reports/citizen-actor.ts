/**
 * The actor a citizen's report and photos are filed under: one inactive account (migration 20261205_0101) that holds
 * no role and cannot sign in. Staff see 随手拍群众 as reporter and uploader; the citizen's identity stays in
 * citizen_reports.
 */
import type { Actor } from '../../platform/actor';
import type { Ctx } from '../../platform/context';

export const CITIZEN_USER_ID = '00000000-0000-0000-0000-0000000000c1';

export const citizenActor: Actor = {
  id: CITIZEN_USER_ID,
  username: '__citizen__',
  name: '随手拍群众',
  unitId: null,
  regionId: null,
  grants: [],
  mustChangePassword: false,
  isDemo: false,
  via: 'session',
};

/** The request's context acting as the citizen account. */
export const asCitizen = (ctx: Ctx): Ctx => ({ ...ctx, actor: citizenActor });
