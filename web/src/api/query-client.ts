/** The React Query client: shows every failure through antd message unless a query/mutation opts out. */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { notifyError } from '../components/notify';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

/** Failures the app handles by navigation, not by a toast. */
function isHandledByRedirect(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || (error.status === 403 && error.code === 'password_change_required'));
}

/** A read that failed because the device is offline: the 网络已断开 banner says so already. */
function isOfflineRead(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0 && typeof navigator !== 'undefined' && navigator.onLine === false;
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.meta?.silent || isHandledByRedirect(error) || isOfflineRead(error)) return;
      notifyError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        void queryClient.invalidateQueries();
      }
      if (mutation.meta?.silent || isHandledByRedirect(error)) return;
      notifyError(error);
    },
  }),
  // networkMode 'always': with no network a query fails (the page shows its error or, for the phone pages, the
  // device's copy from api/offline-cache.ts) instead of waiting paused behind a skeleton, and an action fails at once
  // with 网络已断开 instead of being held and sent silently when the network returns. Work that must survive offline
  // goes through the outboxes (components/report-outbox.ts, visit-outbox.ts), never through a paused mutation.
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      networkMode: 'always',
      retry: (count, error) =>
        error instanceof ApiError && (error.status === 0 || error.status >= 500) && count < 1 && !isOfflineRead(error),
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});
