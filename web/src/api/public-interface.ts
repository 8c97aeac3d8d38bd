/** 公开接口设置 (which sources Open311 lists, the 12345 callback) and 类别附加问题 (Open311 service attributes). */
import type { CategoryQuestionsDto, CategoryQuestionsInput, PublicInterfaceSettingsDto } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useResourceMutation } from './resource';

export type PublicInterfaceSettings = PublicInterfaceSettingsDto;
export type CategoryQuestions = CategoryQuestionsDto;

export function usePublicInterfaceSettings(regionId: string | null) {
  return useQuery({
    queryKey: ['public-interface', regionId],
    queryFn: () => api.get<PublicInterfaceSettings>(`/api/integrations/settings/regions/${regionId}`),
    enabled: !!regionId,
  });
}

export function useSavePublicInterfaceSettings(regionId: string | null) {
  return useResourceMutation(
    ['public-interface'],
    (input: { publicSources: string[]; hotlineCallbackUrl: string | null; version: number | null }) =>
      api.put<PublicInterfaceSettings>(`/api/integrations/settings/regions/${regionId}`, input),
    { silent: true },
  );
}

export function useCategoryQuestions(code: string | null) {
  return useQuery({
    queryKey: ['category-questions', code],
    queryFn: () => api.get<CategoryQuestions>(`/api/problem-categories/${code}/questions`),
    enabled: !!code,
  });
}

export function useSaveCategoryQuestions(code: string) {
  return useResourceMutation(['category-questions'], (input: CategoryQuestionsInput) =>
    api.put<CategoryQuestions>(`/api/problem-categories/${code}/questions`, input),
  );
}
