/** The interview in progress (草稿): kept in localStorage on every change, so a reload or a closed tab loses nothing. */
import type { Answers, RespondentProfile } from '@common/surveys';

export interface InterviewDraft {
  clientId: string;
  waveId: string;
  method: 'door' | 'street';
  profile: Partial<RespondentProfile>;
  answers: Answers;
  /** When the profile was started (ISO). */
  startedAt: string;
  /** 'profile' | 'questions' */
  stage: 'profile' | 'questions';
  /** Index among the shown questions. */
  index: number;
  location?: { lat: number; lng: number; accuracy?: number };
  updatedAt: string;
}

const key = (userId: string, waveId: string) => `cc.interview.draft.${userId}.${waveId}`;

export function loadDraft(userId: string, waveId: string): InterviewDraft | null {
  try {
    const text = localStorage.getItem(key(userId, waveId));
    return text ? (JSON.parse(text) as InterviewDraft) : null;
  } catch {
    return null;
  }
}

/** Returns false when the phone's storage refused it. */
export function saveDraft(userId: string, draft: InterviewDraft): boolean {
  try {
    localStorage.setItem(key(userId, draft.waveId), JSON.stringify({ ...draft, updatedAt: new Date().toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function dropDraft(userId: string, waveId: string): void {
  try {
    localStorage.removeItem(key(userId, waveId));
  } catch {
    // Nothing kept.
  }
}
