/** The home dashboard: cards, to-dos and the work of the person's role; the campaign they work on. */
import type {
  HomeCardDto,
  HomeCockpitDto,
  HomeDto,
  HomeProblemDto,
  HomeRoundDto,
  HomeSiteDto,
  HomeTodoDto,
  WorkingCampaignDto,
} from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** The wire shapes are the server's contract (common/contracts/home.ts). */
export type HomeCard = HomeCardDto;
export type HomeTodo = HomeTodoDto;
export type HomeProblem = HomeProblemDto;
export type HomeCockpit = HomeCockpitDto;
export type HomeRound = HomeRoundDto;
export type HomeSite = HomeSiteDto;
export type HomeData = HomeDto;

/** GET /api/home. */
export function useHome() {
  return useQuery({ queryKey: ['home'], queryFn: () => api.get<HomeData>('/api/home') });
}

/** The campaign the person works on: what campaign and version pickers choose first (GET /api/home/campaign). */
export function useWorkingCampaign(enabled = true) {
  return useQuery({
    queryKey: ['home', 'campaign'],
    queryFn: () => api.get<WorkingCampaignDto>('/api/home/campaign'),
    staleTime: 10 * 60_000,
    enabled,
    meta: { silent: true },
  });
}
