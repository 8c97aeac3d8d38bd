/**
 * Who may upload and open files. Anyone signed in may upload a photo (a problem report starts with one). Reading has
 * no permission of its own: a file is readable exactly when a record holding it is, or by its uploader — decided in
 * platform/visibility.ts (`canReadFile`), so covert evidence and other units' photos stay with their records.
 */
import { ROLES } from '../../../common/roles';
import { definePolicy } from '../../platform/policy';

export const filePolicy = definePolicy('files', {
  upload: ROLES,
});
