/** Keeps the report outbox sending app-wide: on load, on `online`, and every 30 s. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { hasPermission, type Session } from '../api/auth';
import { notifySuccess } from './notify';
import { flushOutbox, onReportSent } from './report-outbox';

const RETRY_MS = 30_000;

/** Mount once in the signed-in layout; does nothing for users who cannot report. */
export function ReportOutboxRunner({ session }: { session: Session | undefined }) {
  const queryClient = useQueryClient();
  const userId = session && hasPermission(session, 'problems.report') ? String(session.user.id) : null;

  useEffect(() => {
    if (!userId) return;
    const kick = () => void flushOutbox(userId);
    const offSent = onReportSent((_report, problem) => {
      notifySuccess(`问题已上报：${problem.code}`);
      void queryClient.invalidateQueries({ queryKey: ['problems'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
    });
    kick();
    window.addEventListener('online', kick);
    const timer = setInterval(kick, RETRY_MS);
    return () => {
      offSent();
      window.removeEventListener('online', kick);
      clearInterval(timer);
    };
  }, [userId, queryClient]);

  return null;
}
