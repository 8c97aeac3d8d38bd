/** React bindings of the visit outbox: the user's drafts and one site's draft (the sender runs app-wide in VisitOutboxRunner). */
import { useCallback, useEffect, useState } from 'react';
import {
  changeDraft,
  currentlySendingVisit,
  getDraft,
  listDrafts,
  subscribeVisits,
  type DraftItem,
  type VisitDraft,
} from '../../components/visit-outbox';

/** Every draft of the user, re-read on change, plus which one is being sent. */
export function useVisitDrafts(userId: string | null) {
  const [drafts, setDrafts] = useState<VisitDraft[]>([]);
  const [sending, setSending] = useState<string | null>(currentlySendingVisit);
  const [storageError, setStorageError] = useState(false);
  useEffect(() => {
    if (!userId) return;
    let alive = true;
    const load = () =>
      listDrafts(userId)
        .then((rows) => alive && setDrafts(rows))
        .catch(() => alive && setStorageError(true));
    void load();
    const off = subscribeVisits(() => {
      setSending(currentlySendingVisit());
      void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [userId]);
  return { drafts, sending, storageError };
}

/** One site's draft: shown at once from memory, written to IndexedDB on every change. */
export function useSiteDraft(key: string | null) {
  const [draft, setDraft] = useState<VisitDraft | undefined>();
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (!key) return;
    let alive = true;
    const load = () => getDraft(key).then((d) => alive && d && setDraft(d));
    void load();
    const off = subscribeVisits(() => {
      setSending(currentlySendingVisit() === key);
      void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [key]);

  const change = useCallback(
    (fn: (items: Record<string, DraftItem>) => Record<string, DraftItem>) => {
      if (!key) return;
      setDraft((d) => (d ? { ...d, items: fn(d.items), revision: d.revision + 1, status: 'ok', error: undefined } : d));
      void changeDraft(key, fn);
    },
    [key],
  );
  return { draft, setDraft, change, sending };
}
