/** Rows of 问卷调查 as the contract shows them (common/contracts/surveys.ts). */
import { WAVE_ACTIONS } from '../../../common/survey-wave-workflow';
import { allQuestions, GENDER_LABELS, type QuestionnaireDefinition, type ResponseFlag } from '../../../common/surveys';
import type { Actor } from '../../platform/actor';
import { mayManageQuestionnaire, mayManageWave, mayReadWave } from './access';
import type { QuestionnaireRow, ResponseRow, WaveRow } from './repository';
import { allowedWaveActions } from './wave-workflow';

/** A date column as YYYY-MM-DD (PostgreSQL gives a string, some drivers a Date). */
export const dayOf = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export function presentQuestionnaireSummary(q: QuestionnaireRow, actor: Actor) {
  const latest = q.version === q.latest_version;
  const manage = mayManageQuestionnaire(actor, q);
  return {
    id: q.id,
    familyKey: q.family_key,
    version: q.version,
    latest,
    name: q.name,
    regionId: q.region_id,
    regionName: q.region_name,
    questionCount: allQuestions(q.definition).length,
    waveCount: q.wave_count,
    createdAt: q.created_at,
    createdByName: q.created_by_name,
    retired: q.retired_at !== null,
    abilities: { update: manage && latest && q.retired_at === null, retire: manage && q.retired_at === null },
  };
}

export const groupLabelOf = (def: QuestionnaireDefinition, code: string) => def.groups.find((g) => g.code === code)?.label ?? code;

export function presentWaveSummary(w: WaveRow, actor: Actor) {
  const manage = mayManageWave(actor, w);
  return {
    id: w.id,
    name: w.name,
    state: w.state,
    regionId: w.region_id,
    regionName: w.region_name,
    campaignId: w.campaign_id,
    questionnaire: { id: w.questionnaire_id, name: w.questionnaire_name, version: w.questionnaire_version },
    startsOn: dayOf(w.starts_on),
    endsOn: dayOf(w.ends_on),
    targetSize: w.target_size,
    done: w.done,
    publicDone: w.public_done,
    flagged: w.flagged,
    allowedActions: allowedWaveActions(actor, w).filter((a) => a in WAVE_ACTIONS),
    abilities: { update: manage && w.state === 'draft', manage, results: mayReadWave(actor, w) },
    version: w.version,
  };
}

export function presentResponse(r: ResponseRow, def: QuestionnaireDefinition, canReview: boolean) {
  return {
    id: r.id,
    mode: r.mode,
    method: r.method,
    interviewerName: r.interviewer_name,
    townName: r.town_name,
    groupLabel: groupLabelOf(def, r.group_code),
    gender: GENDER_LABELS[r.gender as keyof typeof GENDER_LABELS] ?? r.gender,
    age: r.age,
    eligible: r.eligible,
    durationSeconds: r.duration_seconds,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    receivedAt: r.received_at,
    flags: r.flags as ResponseFlag[],
    review: r.review,
    reviewNote: r.review_note,
    abilities: { review: canReview && r.eligible },
  };
}
