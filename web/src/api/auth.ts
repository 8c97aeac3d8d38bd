/** Session, login/logout, password change and personal API tokens. */
import type {
  ApiTokenDto,
  ChangePasswordInput,
  CreatedApiTokenDto,
  LoginDto,
  LoginInput,
  SessionDto,
  SmsNoticesDto,
  UserRoleGrantDto,
} from '@common/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client';
import { clearApiCache } from './offline-cache';
import type { Id } from './types';

/** Session, sign-in and token answers on the wire: the server's contract (common/contracts/auth.ts), not hand-typed copies. */
export type RoleGrant = UserRoleGrantDto;
export type Session = SessionDto;
export type SessionUser = Session['user'];
export type LoginResult = LoginDto;
export type ApiToken = ApiTokenDto;

export const sessionKey = ['session'] as const;

/** The session query; main.tsx starts it before the first render (it takes over the request the HTML preloads). */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: async () => {
    const session = await api.get<Session>('/api/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  },
  staleTime: 5 * 60_000,
  retry: false,
  meta: { silent: true },
});

/** The signed-in user, their permissions and the CSRF token (401 when signed out). */
export function useSession() {
  return useQuery(sessionQuery);
}

/** Whether the session grants a `module.action` permission anywhere. */
export function hasPermission(session: Session | undefined, permission: string): boolean {
  return !!session?.permissions.includes(permission);
}

/** Sign in; the page shows the server's message itself. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<LoginResult>('/api/auth/login', input),
    onSuccess: async (result) => {
      queryClient.clear();
      await clearApiCache();
      setCsrfToken(result.csrfToken);
    },
    meta: { silent: true },
  });
}

/** Sign out and forget everything cached for this user. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: async () => {
      setCsrfToken(null);
      queryClient.clear();
      await clearApiCache();
    },
    meta: { silent: true },
  });
}

/** Change one's own password. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<void>('/api/auth/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKey }),
    meta: { silent: true },
  });
}

const tokensKey = ['auth', 'tokens'] as const;

/** Personal API tokens of the signed-in user. */
export function useApiTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: () => api.get<{ items: ApiToken[] }>('/api/auth/tokens'),
  });
}

/** Create a token; the secret is returned once. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expiresInDays?: number }) => api.post<CreatedApiTokenDto>('/api/auth/tokens', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

/** Revoke a token. */
export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api.delete(`/api/auth/tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

const smsNoticesKey = ['auth', 'sms-notices'] as const;

/** 短信提醒: whether I receive notices by SMS, and the masked number. */
export function useSmsNotices() {
  return useQuery({ queryKey: smsNoticesKey, queryFn: () => api.get<SmsNoticesDto>('/api/auth/sms-notices') });
}

/** Turn SMS notices on or off. */
export function useSetSmsNotices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api.put<SmsNoticesDto>('/api/auth/sms-notices', { enabled }),
    onSuccess: (data) => queryClient.setQueryData(smsNoticesKey, data),
  });
}
