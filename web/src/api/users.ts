/** User accounts (用户管理, 安全管理员). */
import type {
  ApprovedChangeDto,
  CreatedUserDto,
  CreateUserInput,
  PendingChangeDto,
  PrivilegedChangeDto,
  ResetPasswordDto,
  UpdateUserInput,
  UserDto,
  UserRoleGrantDto,
} from '@common/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useList, useResourceMutation } from './resource';
import type { Id, ListParams } from './types';

export type UserStatus = 'active' | 'locked' | 'disabled' | 'mustChange';

/** Accounts on the wire: the server's contract (common/contracts/users.ts), not hand-typed copies. */
export type UserRoleGrant = UserRoleGrantDto;
export type User = UserDto;
export type UserInput = CreateUserInput;

export type UserFilters = ListParams & { search?: string; role?: string; unitId?: Id; status?: UserStatus };

/** Users list. */
export function useUsers(params: UserFilters, enabled = true) {
  return useList<User>('users', '/api/users', params, enabled);
}

/** A 三员 account change waiting for a holder of another 三员 role (三员变更审批). */
export type PrivilegedChange = PrivilegedChangeDto;

/** What a change to a 三员 account answers instead of doing it: the request filed for approval (HTTP 202). */
export type Pending = PendingChangeDto;
export const isPending = (r: object): r is Pending => 'pending' in r;

/** Create a user; the initial password is returned once (a 三员 account is filed for approval instead). */
export function useCreateUser() {
  return useResourceMutation(['users', 'privileged-changes'], (input: UserInput) =>
    api.post<CreatedUserDto | Pending>('/api/users', input),
  );
}

/** Update a user (profile, roles, active). */
export function useUpdateUser() {
  return useResourceMutation(['users'], ({ id, ...input }: UpdateUserInput & { id: Id }) =>
    api.patch<User | Pending>(`/api/users/${id}`, input),
  );
}

/** Reset a password to a temporary one (shown once), or file the reset of a 三员 account for approval. */
export function useResetPassword() {
  return useResourceMutation(['users', 'privileged-changes'], (id: Id) =>
    api.post<ResetPasswordDto | Pending>(`/api/users/${id}/reset-password`),
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
    api.post<ApprovedChangeDto>(`/api/users/privileged-changes/${id}/approve`, note ? { note } : {}),
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
