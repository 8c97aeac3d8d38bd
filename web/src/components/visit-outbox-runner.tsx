/** Keeps saved checklist drafts (现场测评) sending app-wide: on load, on `online`, every 30 s. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { hasPermission, type Session } from '../api/auth';
import { flushVisits, onVisitSaved, pruneDrafts } from './visit-outbox';

const RETRY_MS = 30_000;

/** Mount once in the signed-in layout; does nothing for users who do not inspect. */
export function VisitOutboxRunner({ session }: { session: Session | undefined }) {
  const queryClient = useQueryClient();
  const userId = session && hasPermission(session, 'inspections.visit') ? String(session.user.id) : null;

  useEffect(() => {
    if (!userId) return;
    const kick = () => void flushVisits(userId);
    const off = onVisitSaved(() => void queryClient.invalidateQueries({ queryKey: ['inspections'] }));
    void pruneDrafts(userId).catch(() => undefined);
    kick();
    window.addEventListener('online', kick);
    const timer = setInterval(kick, RETRY_MS);
    return () => {
      off();
      window.removeEventListener('online', kick);
      clearInterval(timer);
    };
  }, [userId, queryClient]);

  return null;
}
