/** The home dashboard: cards and to-dos waiting for the signed-in user. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface HomeCard {
  key: string;
  title: string;
  value: number | string;
  hint?: string;
  link?: string;
}

export interface HomeTodo {
  key: string;
  title: string;
  count: number;
  link: string;
}

export interface HomeData {
  cards: HomeCard[];
  todos: HomeTodo[];
}

/** GET /api/home. */
export function useHome() {
  return useQuery({ queryKey: ['home'], queryFn: () => api.get<HomeData>('/api/home') });
}
