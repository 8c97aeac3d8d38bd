/** User accounts (用户管理, 安全管理员). */
import type { Role, ScopeType } from '@common/roles';
import { useQuery } from '@tanstack/react-query';
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

/** A 三员 account change waiting for a holder of another 三员 role (三员变更审批). */
export interface PrivilegedChange {
  id: Id;
  kind: 'create_user' | 'update_user' | 'reset_password';
  kindLabel: string;
  summary: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  targetUser: { id: Id; username: string; name: string } | null;
  requestedBy: { id: Id; name: string; role: Role };
  createdAt: string;
  decidedBy: { id: Id; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  abilities: { approve: boolean; reject: boolean; withdraw: boolean };
}

/** What a change to a 三员 account answers instead of doing it: the request filed for approval (HTTP 202). */
export type Pending = { pending: PrivilegedChange };
export const isPending = (r: object): r is Pending => 'pending' in r;

/** Create a user; the initial password is returned once (a 三员 account is filed for approval instead). */
export function useCreateUser() {
  return useResourceMutation(['users', 'privileged-changes'], (input: UserInput) =>
    api.post<{ user: User; initialPassword?: string; delivery?: { channel: 'sms'; to: string; message: string } } | Pending>(
      '/api/users',
      input,
    ),
  );
}

/** Update a user (profile, roles, active). */
export function useUpdateUser() {
  return useResourceMutation(
    ['users'],
    ({ id, ...input }: Partial<Omit<UserInput, 'username'>> & { id: Id; active?: boolean; version?: number }) =>
      api.patch<User | Pending>(`/api/users/${id}`, input),
  );
}

/** Reset a password to a temporary one (shown once), or file the reset of a 三员 account for approval. */
export function useResetPassword() {
  return useResourceMutation(['users', 'privileged-changes'], (id: Id) =>
    api.post<{ password: string } | Pending>(`/api/users/${id}/reset-password`),
  );
}

/** 三员 account changes: pending ones, or decided ones. */
export function usePrivilegedChanges(status: 'pending' | 'decided', enabled = true) {
  return useQuery({
    queryKey: ['privileged-changes', status],
    queryFn: () => api.get<{ items: PrivilegedChange[] }>(`/api/users/privileged-changes?status=${status}`),
    enabled,
  });
}

/** Approve a change; the answer says where the temporary password went (never the password). */
export function useApproveChange() {
  return useResourceMutation(['users', 'privileged-changes'], ({ id, note }: { id: Id; note?: string }) =>
    api.post<{ change: PrivilegedChange; delivery: { channel: 'sms'; to: string; message: string } | null }>(
      `/api/users/privileged-changes/${id}/approve`,
      note ? { note } : {},
    ),
  );
}

/** Reject a change (another 三员) or withdraw it (its requester). */
export function useRejectChange() {
  return useResourceMutation(['users', 'privileged-changes'], ({ id, note }: { id: Id; note?: string }) =>
    api.post<PrivilegedChange>(`/api/users/privileged-changes/${id}/reject`, note ? { note } : {}),
  );
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
