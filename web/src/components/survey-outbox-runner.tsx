/** Keeps finished interviews (入户调查) sending: on load, on `online`, and every 30 s. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { hasPermission, type Session } from '../api/auth';
import { flushInterviews, onInterviewRefused, onInterviewSent } from './survey-outbox';

const RETRY_MS = 30_000;

/** Mount in the signed-in layout (or on the interview pages); does nothing for users who do not interview. */
export function SurveyOutboxRunner({ session }: { session: Session | undefined }) {
  const queryClient = useQueryClient();
  const userId = session && hasPermission(session, 'surveys.interview') ? String(session.user.id) : null;

  useEffect(() => {
    if (!userId) return;
    const kick = () => void flushInterviews(userId);
    // Sent or refused, the server's quota figures have moved: read them again.
    const refresh = () => void queryClient.invalidateQueries({ queryKey: ['surveys', 'my-waves'] });
    const offSent = onInterviewSent(refresh);
    const offRefused = onInterviewRefused(refresh);
    kick();
    window.addEventListener('online', kick);
    const timer = setInterval(kick, RETRY_MS);
    return () => {
      offSent();
      offRefused();
      window.removeEventListener('online', kick);
      clearInterval(timer);
    };
  }, [userId, queryClient]);

  return null;
}
