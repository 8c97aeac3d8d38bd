/**
 * Who may see and set the base map (底图). Every signed-in role reads what its maps draw (the 三员 included: they
 * open no map today, but the base map is no secret of anyone's scope); only the system administrator (系统管理员, a
 * global role) sets it — it is part of the deployment, like its accounts and regions, not of a county's business.
 */
import { ROLES } from '../../../common/roles';
import { definePolicy } from '../../platform/policy';

export const mapSettingsPolicy = definePolicy('mapSettings', {
  read: ROLES,
  update: ['admin'],
});
