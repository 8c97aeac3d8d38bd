/**
 * 问卷调查, public mode: the wave behind a public link (/s/<token>) as the citizen's page needs it — its name, whether
 * it takes answers now, the frozen questionnaire and the towns of the wave. Nothing internal (quotas, interviewers,
 * counts, users) is read here.
 */
import { sql } from 'kysely';
import type { QuestionnaireDefinition } from '../../../common/surveys';
import type { Db, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { beijingDay } from '../../../common/beijing';

export interface PublicWave {
  id: string;
  name: string;
  state: string;
  startsOn: string;
  endsOn: string;
  definition: QuestionnaireDefinition;
  towns: Array<{ id: string; name: string }>;
}

/** Whether the wave takes answers on `now`, and the citizen's message when it does not. */
export function publicOpenness(w: Pick<PublicWave, 'state' | 'startsOn' | 'endsOn'>, now: Date): { open: boolean; message: string | null } {
  const today = beijingDay(now);
  if (w.state === 'closed' || (w.state === 'open' && today > w.endsOn)) return { open: false, message: '本次调查已结束，感谢您的关注' };
  if (w.state !== 'open' || today < w.startsOn) return { open: false, message: '本次调查尚未开始，请在调查期间再来填写' };
  return { open: true, message: null };
}

/** The wave of a public token (an unknown token → 404, as is a wave whose public link was withdrawn). */
export async function loadPublicWave(db: Db | Tx, token: string): Promise<PublicWave> {
  const r = await sql<{ id: string; name: string; state: string; starts_on: string; ends_on: string; definition: QuestionnaireDefinition }>`
    select w.id, w.name, w.state, w.starts_on::text as starts_on, w.ends_on::text as ends_on, q.definition
    from survey_waves w join survey_questionnaires q on q.id = w.questionnaire_id
    where w.public_token = ${token}`.execute(db);
  const w = r.rows[0];
  if (!w) throw new AppError('not_found', '问卷链接无效或已失效');
  const towns = await sql<{ id: string; name: string }>`
    select r.id, r.name from regions r
    where r.id in (select distinct town_id from survey_population where wave_id = ${w.id})
    order by r.code, r.name`.execute(db);
  const definition = typeof w.definition === 'string' ? (JSON.parse(w.definition) as QuestionnaireDefinition) : w.definition;
  return { id: w.id, name: w.name, state: w.state, startsOn: w.starts_on, endsOn: w.ends_on, definition, towns: towns.rows };
}

/** GET /api/public/surveys/:waveToken: the page's view; `townId` is kept only when it is one of the wave's towns. */
export async function readPublicSurvey(db: Db, token: string, townId: string | undefined, now: Date) {
  const w = await loadPublicWave(db, token);
  const { open, message } = publicOpenness(w, now);
  return {
    name: w.name,
    open,
    message,
    definition: w.definition,
    towns: w.towns,
    townId: townId && w.towns.some((t) => t.id === townId) ? townId : null,
  };
}
