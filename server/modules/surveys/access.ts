/**
 * Who sees which questionnaire, wave and interview (JS for one record, SQL for lists), on surveys.read|manage|interview:
 * - office, leaders and the task force whose scope covers the record's region (a task force also its campaign's waves):
 *   read; the office (surveys.manage) changes;
 * - an interviewer sees a wave only when assigned to it (survey_interviewers), and only through /my-waves and their own
 *   interviews;
 * - anyone else: 404.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import { notFound } from '../../platform/errors';
import { can, scopeSql, type ScopeSubject } from '../../platform/policy';

export const questionnaireScope = (q: { region_path: string }): ScopeSubject => ({ regionPath: q.region_path });
export const waveScope = (w: { region_path: string; campaign_id: string | null }): ScopeSubject =>
  w.campaign_id ? { regionPath: w.region_path, campaignId: w.campaign_id } : { regionPath: w.region_path };

export const mayReadQuestionnaire = (actor: Actor, q: { region_path: string }) => can(actor, 'surveys.read', questionnaireScope(q));
export const mayManageQuestionnaire = (actor: Actor, q: { region_path: string }) => can(actor, 'surveys.manage', questionnaireScope(q));
export const mayReadWave = (actor: Actor, w: { region_path: string; campaign_id: string | null }) =>
  can(actor, 'surveys.read', waveScope(w));
export const mayManageWave = (actor: Actor, w: { region_path: string; campaign_id: string | null }) =>
  can(actor, 'surveys.manage', waveScope(w));

/** SQL over a questionnaire `q` joined to its region `r`. */
export const visibleQuestionnaireSql = (actor: Actor): RawBuilder<SqlBool> =>
  scopeSql(actor, 'surveys.read', { regionPath: sql.ref('r.path') });
/** SQL over a wave `w` joined to its region `r`. */
export const visibleWaveSql = (actor: Actor): RawBuilder<SqlBool> =>
  scopeSql(actor, 'surveys.read', { regionPath: sql.ref('r.path'), campaignId: sql.ref('w.campaign_id') });

export const questionnaireNotFound = () => notFound('调查问卷');
export const waveNotFound = () => notFound('问卷调查');
export const responseNotFound = () => notFound('调查答卷');
