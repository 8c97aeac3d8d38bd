/** Indicators (指标): the registered list and one indicator's values; types come from the response schemas in common/. */
import { useQuery } from '@tanstack/react-query';
import type { IndicatorList, IndicatorSubjectType, IndicatorValues } from '@common/indicators';
import { api } from './client';

export { INDICATOR_DIRECTION_LABELS, INDICATOR_SUBJECT_LABELS, type IndicatorMeta, type IndicatorValue } from '@common/indicators';

/** Every registered indicator with its unit, direction and subject types. */
export function useIndicators() {
  return useQuery({ queryKey: ['indicators'], queryFn: () => api.get<IndicatorList>('/api/indicators') });
}

/** One indicator's values for a period (期次 code, default this month), subject type and region, best first. */
export function useIndicatorValues(
  code: string | undefined,
  params: { period?: string; subjectType?: IndicatorSubjectType; regionId?: string } = {},
) {
  return useQuery({
    queryKey: ['indicators', code, params.period, params.subjectType, params.regionId],
    queryFn: () => api.get<IndicatorValues>(`/api/indicators/${encodeURIComponent(code!)}`, params),
    enabled: !!code,
  });
}
