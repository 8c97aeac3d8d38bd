/** The home dashboard: cards and to-dos waiting for the signed-in user. */
import type { HomeCardDto, HomeDto, HomeTodoDto } from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** The wire shapes are the server's contract (common/contracts/home.ts). */
export type HomeCard = HomeCardDto;
export type HomeTodo = HomeTodoDto;
export type HomeData = HomeDto;

/** GET /api/home. */
export function useHome() {
  return useQuery({ queryKey: ['home'], queryFn: () => api.get<HomeData>('/api/home') });
}
