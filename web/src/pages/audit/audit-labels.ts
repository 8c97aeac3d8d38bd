/** Chinese names for audit actions and subject types: they live in common/labels.ts (the server answers with them too). */
export { AUDIT_ACTION_LABELS, AUDIT_SUBJECT_TYPE_LABELS as SUBJECT_TYPE_LABELS, auditActionLabel } from '@common/audit-labels';
