/** Units (单位): departments, towns, communities and other responsible units. */
import type { CreateUnitInput, UnitDto, UpdateUnitInput } from '@common/contracts';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Id, ListParams } from './types';

/** A unit on the wire: the server's contract (common/contracts/units.ts), not a hand-typed copy. */
export type Unit = UnitDto;
export type UnitInput = CreateUnitInput;

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
  return useResourceMutation(['units'], ({ id, ...input }: UpdateUnitInput & { id: Id }) => api.patch<Unit>(`/api/units/${id}`, input));
}

/** Delete a unit. */
export function useDeleteUnit() {
  return useResourceMutation(['units'], (id: Id) => api.delete(`/api/units/${id}`));
}
