/** User accounts (用户管理, 安全管理员). */
import type { Role, ScopeType } from '@common/roles';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Abilities, Id, ListParams } from './types';

export type UserStatus = 'active' | 'locked' | 'disabled' | 'mustChange';

export interface UserRoleGrant {
  role: Role;
  scopeType: ScopeType;
  scopeId: Id | null;
  scopeName: string | null;
}

export interface User {
  id: Id;
  username: string;
  name: string;
  phone: string | null;
  unitId: Id | null;
  unitName: string | null;
  regionId: Id | null;
  regionName: string | null;
  active: boolean;
  locked?: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  roles: UserRoleGrant[];
  version?: number;
  abilities: Abilities;
}

export interface UserInput {
  username: string;
  name: string;
  phone?: string | null;
  unitId?: Id | null;
  regionId?: Id | null;
  roles: { role: Role; scopeId?: Id | null }[];
}

export type UserFilters = ListParams & { search?: string; role?: string; unitId?: Id; status?: UserStatus };

/** Users list. */
export function useUsers(params: UserFilters, enabled = true) {
  return useList<User>('users', '/api/users', params, enabled);
}

/** Create a user; the initial password is returned once. */
export function useCreateUser() {
  return useResourceMutation(['users'], (input: UserInput) =>
    api.post<{ user: User; initialPassword: string }>('/api/users', input),
  );
}

/** Update a user (profile, roles, active). */
export function useUpdateUser() {
  return useResourceMutation(
    ['users'],
    ({ id, ...input }: Partial<Omit<UserInput, 'username'>> & { id: Id; active?: boolean; version?: number }) =>
      api.patch<User>(`/api/users/${id}`, input),
  );
}

/** Reset a password to a temporary one (shown once). */
export function useResetPassword() {
  return useResourceMutation(['users'], (id: Id) => api.post<{ password: string }>(`/api/users/${id}/reset-password`));
}

/** Unlock a locked account. */
export function useUnlockUser() {
  return useResourceMutation(['users'], (id: Id) => api.post<void>(`/api/users/${id}/unlock`));
}

/** The status a user row is in, from its fields (the server's `locked` when given). */
export function userStatus(user: User, now = Date.now()): Exclude<UserStatus, 'mustChange'> {
  if (!user.active) return 'disabled';
  const locked = user.locked ?? (!!user.lockedUntil && new Date(user.lockedUntil).getTime() > now);
  return locked ? 'locked' : 'active';
}
