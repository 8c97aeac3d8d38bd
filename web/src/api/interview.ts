/**
 * The interviewer's phone (入户调查): my open waves with their questionnaire and quota (GET /api/surveys/my-waves), and
 * sending one interview (POST /api/surveys/waves/:id/responses, idempotent on clientId).
 *
 * The last good answer of my-waves is kept in localStorage under the user's id, so /interview and the questionnaire
 * open with no signal; when the server cannot be reached the page is answered from there (and says how old it is).
 */
import type { InterviewBody, MyWaveDto } from '@common/contracts';
import type { QuestionnaireDefinition } from '@common/surveys';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client';

export type MyWave = Omit<MyWaveDto, 'definition'> & { definition: QuestionnaireDefinition };
export type { InterviewBody };
export interface InterviewCreated {
  id: string;
  eligible: boolean;
  duplicate: boolean;
  flags: string[];
}

export interface MyWavesAnswer {
  waves: MyWave[];
  /** When the answer came from the server (ISO). */
  fetchedAt: string;
  /** true: the server could not be reached, this is the device's last copy. */
  fromDevice: boolean;
}

const STORE_PREFIX = 'cc.interview.myWaves.';

export const myWavesKey = (userId: string | null) => ['surveys', 'my-waves', userId] as const;

/** The device's last copy of my waves (null: none kept). */
export function keptMyWaves(userId: string): MyWavesAnswer | null {
  try {
    const text = localStorage.getItem(STORE_PREFIX + userId);
    if (!text) return null;
    const kept = JSON.parse(text) as { waves: MyWave[]; fetchedAt: string };
    return { waves: kept.waves, fetchedAt: kept.fetchedAt, fromDevice: true };
  } catch {
    return null;
  }
}

function keep(userId: string, waves: MyWave[], fetchedAt: string): void {
  try {
    // Only this user's copy stays on a shared phone.
    for (let i = localStorage.length - 1; i >= 0; i -= 1) {
      const key = localStorage.key(i);
      if (key?.startsWith(STORE_PREFIX) && key !== STORE_PREFIX + userId) localStorage.removeItem(key);
    }
    localStorage.setItem(STORE_PREFIX + userId, JSON.stringify({ waves, fetchedAt }));
  } catch {
    // Storage full or unavailable: the page still has the answer in memory.
  }
}

/** A failure that means "the server cannot be reached" (the device's copy answers instead). */
function unreachable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 502;
}

export async function fetchMyWaves(userId: string): Promise<MyWavesAnswer> {
  try {
    const waves = await api.get<MyWave[]>('/api/surveys/my-waves');
    const fetchedAt = new Date().toISOString();
    keep(userId, waves, fetchedAt);
    return { waves, fetchedAt, fromDevice: false };
  } catch (error) {
    const kept = unreachable(error) ? keptMyWaves(userId) : null;
    if (kept) return kept;
    throw error;
  }
}

/** My open waves: the device's copy at once, the server's answer as soon as it comes. */
export function useMyWaves(userId: string | null) {
  return useQuery({
    queryKey: myWavesKey(userId),
    queryFn: () => fetchMyWaves(userId!),
    enabled: !!userId,
    placeholderData: () => (userId ? (keptMyWaves(userId) ?? undefined) : undefined),
    meta: { silent: true },
  });
}

/** Send one interview: 201 new, 200 the same clientId again; 409 quota_full or wave not open. */
export function submitInterview(waveId: string, body: InterviewBody): Promise<InterviewCreated> {
  return api.post<InterviewCreated>(`/api/surveys/waves/${encodeURIComponent(waveId)}/responses`, body);
}
