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

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.meta?.silent || isHandledByRedirect(error)) return;
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
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => error instanceof ApiError && (error.status === 0 || error.status >= 500) && count < 1,
    },
    mutations: { retry: false },
  },
});
