/**
 * 问卷调查: who may do what. The office builds questionnaires, opens and closes waves (population figures, quotas,
 * interviewers, the public link) and reviews flagged interviews; leaders and the task force read waves and results in
 * their scope. An interviewer (督查员, 网格员, 志愿者 — or anyone the office assigns) interviews only in the towns of a
 * wave they are assigned to (`survey_interviewers`); an unassigned wave answers 404. Public responses come through
 * /api/public/surveys with the wave's token.
 */
import { definePolicy } from '../../platform/policy';

export const surveysPolicy = definePolicy('surveys', {
  /** Questionnaires, waves, progress, results and exports of the region. */
  read: ['office', 'leader', 'taskforce'],
  /** Build questionnaires; create, open and close waves; review flagged interviews. */
  manage: ['office'],
  /** Interview in the towns of an assigned wave (the assignment is checked as well). */
  interview: ['office', 'inspector', 'grid_worker', 'volunteer', 'unit_liaison'],
});
