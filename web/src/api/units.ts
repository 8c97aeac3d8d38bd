/** Units (单位): departments, towns, communities and other responsible units. */
import type { UnitType } from '@common/enums';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Abilities, Id, ListParams } from './types';

export interface Unit {
  id: Id;
  name: string;
  type: UnitType;
  regionId: Id | null;
  regionName: string | null;
  parentId: Id | null;
  parentName: string | null;
  headName: string | null;
  headPhone: string | null;
  liaisonName: string | null;
  liaisonPhone: string | null;
  active: boolean;
  version: number;
  abilities: Abilities;
}

export interface UnitInput {
  name: string;
  type: UnitType;
  regionId?: Id | null;
  parentId?: Id | null;
  headName?: string | null;
  headPhone?: string | null;
  liaisonName?: string | null;
  liaisonPhone?: string | null;
  active?: boolean;
}

export type UnitFilters = ListParams & { search?: string; type?: string; regionId?: Id; active?: 'true' | 'false' | boolean };

/** Units list. */
export function useUnits(params: UnitFilters, enabled = true) {
  return useList<Unit>('units', '/api/units', params, enabled);
}

/** Create a unit. */
export function useCreateUnit() {
  return useResourceMutation(['units'], (input: UnitInput) => api.post<Unit>('/api/units', input));
}

/** Update a unit (with its version). */
export function useUpdateUnit() {
  return useResourceMutation(['units'], ({ id, ...input }: Partial<UnitInput> & { id: Id; version: number }) =>
    api.patch<Unit>(`/api/units/${id}`, input),
  );
}

/** Delete a unit. */
export function useDeleteUnit() {
  return useResourceMutation(['units'], (id: Id) => api.delete(`/api/units/${id}`));
}
