/**
 * Who may upload and open files. Anyone signed in may upload a photo (a problem report starts with one).
 * Reading is kept broad for now, since file ids are random UUIDs handed out only with the records that use
 * them; the problems module narrows `mayReadFile` when photos become part of scoped records.
 */
import { ROLES } from '../../../common/roles';
import type { Actor } from '../../platform/actor';
import { can, definePolicy } from '../../platform/policy';

export const filePolicy = definePolicy('files', {
  upload: ROLES,
  /** Open any file by id, besides one's own uploads. */
  read: ['admin', 'security_admin', 'auditor', 'office', 'leader', 'taskforce', 'unit_head', 'unit_liaison', 'inspector', 'site_lead', 'grid_worker', 'volunteer'],
});

/** The uploader may always open their file; others need `files.read`. */
export function mayReadFile(actor: Actor, file: { uploaded_by: string }): boolean {
  return (!!actor.id && file.uploaded_by === actor.id) || can(actor, 'files.read');
}
