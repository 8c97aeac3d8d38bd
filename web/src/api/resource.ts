/** Small helpers the per-resource hook files share. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from './client';
import type { Page } from './types';

/** A paged list that keeps the previous page on screen while the next loads. */
export function useList<T>(resource: string, path: string, params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: [resource, 'list', params],
    queryFn: () => api.get<Page<T>>(path, params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A mutation that refreshes every cached query of the given resources on success. */
export function useResourceMutation<TInput, TResult = unknown>(
  resources: string[],
  mutationFn: (input: TInput) => Promise<TResult>,
  options: { silent?: boolean } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([...resources, 'home'].map((resource) => queryClient.invalidateQueries({ queryKey: [resource] })));
    },
    meta: { silent: options.silent },
  });
}
