/** React bindings of the interview outbox and the quota arithmetic the phone pages share. */
import { GENDER_LABELS } from '@common/surveys';
import { useEffect, useState } from 'react';
import type { MyWave } from '../../api/interview';
import {
  cellKey,
  currentlySendingInterview,
  listInterviews,
  subscribeInterviews,
  waitingByCell,
  type QueuedInterview,
} from '../../components/survey-outbox';

/** The user's interviews still on this phone, re-read on change, plus which one is being sent. */
export function useInterviews(userId: string | null) {
  const [items, setItems] = useState<QueuedInterview[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [sending, setSending] = useState<string | null>(currentlySendingInterview);
  const [storageError, setStorageError] = useState(false);
  useEffect(() => {
    if (!userId) return;
    let alive = true;
    const load = () =>
      listInterviews(userId)
        .then((rows) => {
          if (!alive) return;
          setItems(rows);
          setLoaded(true);
        })
        .catch(() => alive && setStorageError(true));
    void load();
    const off = subscribeInterviews(() => {
      setSending(currentlySendingInterview());
      void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [userId]);
  return { items, loaded, sending, storageError };
}

export interface CellLeft {
  key: string;
  townId: string;
  townName: string;
  groupCode: string;
  groupLabel: string;
  gender: string;
  /** 市民 · 男 (the town is the heading). */
  label: string;
  target: number;
  done: number;
  /** My interviews of the cell still on this phone. */
  waiting: number;
  /** target − done − waiting, never below 0. */
  left: number;
}

/** Every quota cell of the wave in my towns with what is left once my waiting interviews arrive. */
export function cellsLeft(wave: MyWave, items: QueuedInterview[]): CellLeft[] {
  const waiting = waitingByCell(items, wave.id, wave.quotaByGender);
  const towns = new Map(wave.towns.map((t) => [t.id, t.name]));
  const groups = new Map(wave.definition.groups.map((g) => [g.code, g.label]));
  return wave.cells
    .filter((c) => towns.has(c.townId))
    .map((c) => {
      const key = cellKey(c.townId, c.groupCode, wave.quotaByGender ? c.gender : '');
      const w = waiting.get(key) ?? 0;
      const groupLabel = groups.get(c.groupCode) ?? c.groupCode;
      const genderLabel = GENDER_LABELS[c.gender as keyof typeof GENDER_LABELS];
      return {
        key,
        townId: c.townId,
        townName: towns.get(c.townId)!,
        groupCode: c.groupCode,
        groupLabel,
        gender: c.gender,
        label: genderLabel ? `${groupLabel} · ${genderLabel}` : groupLabel,
        target: c.target,
        done: c.done,
        waiting: w,
        left: Math.max(0, c.target - c.done - w),
      };
    });
}

/** What is left in a respondent's cell (null: the wave has no such cell — treated as full). */
export function leftFor(wave: MyWave, items: QueuedInterview[], townId: string, group: string, gender: string): CellLeft | null {
  const key = cellKey(townId, group, wave.quotaByGender ? gender : '');
  return cellsLeft(wave, items).find((c) => c.key === key) ?? null;
}
