/** 预测测评得分: the expected field score of a campaign with its band, breakdowns and the 对标补短 priority list. */
import type { PredictionDto, PredictionPriorityDto } from '@common/contracts/prediction';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';

export type Prediction = PredictionDto;
export type PredictionPriority = PredictionPriorityDto;

export interface PredictionParams {
  campaignId?: string;
  rounds?: number;
}

export function usePrediction(params: PredictionParams) {
  return useQuery({
    queryKey: ['prediction', params],
    queryFn: () => api.get<Prediction>('/api/prediction', { ...params }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}
