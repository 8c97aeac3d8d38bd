/**
 * 问题设置: deadline policies per severity (整改时限), dispatch rules (category × region → unit) and the
 * category tree as the office manages it (inactive categories included). The active-only category list
 * the report and filter forms use is `useProblemCategories` in problems.ts; both share the
 * 'problem-categories' cache key, so a change here refreshes those pickers too.
 */
import type { ProblemCategoryKind, ProblemSeverity } from '@common/problem-workflow';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ProblemCategory } from './problems';
import { useResourceMutation } from './resource';
import type { Abilities, Id } from './types';

/* ---------- 整改时限 ---------- */

export interface DeadlinePolicy {
  severity: ProblemSeverity;
  hours: number;
  /** Count whole days as working days (Mon–Fri); public holidays are not modelled. */
  workingDays: boolean;
  version: number;
}

export interface DeadlinePolicyInput {
  severity: ProblemSeverity;
  hours: number;
  workingDays: boolean;
  version: number;
}

/** The four severities' deadline policies, in severity order. */
export function useDeadlinePolicies(enabled = true) {
  return useQuery({
    queryKey: ['problem-settings', 'deadlines'],
    queryFn: () => api.get<{ items: DeadlinePolicy[] }>('/api/problem-settings/deadlines'),
    enabled,
  });
}

/**
 * Change one severity's deadline at the version on screen (409 version_conflict when someone was faster).
 * Silent: the page words the conflict itself.
 */
export function useUpdateDeadlinePolicy() {
  return useResourceMutation(
    ['problem-settings'],
    ({ severity, ...body }: DeadlinePolicyInput) => api.patch<DeadlinePolicy>(`/api/problem-settings/deadlines/${severity}`, body),
    { silent: true },
  );
}

/* ---------- 派遣规则 ---------- */

export interface DispatchRule {
  id: string;
  categoryCode: string | null;
  categoryName: string | null;
  regionId: string | null;
  regionName: string | null;
  unitId: string;
  unitName: string;
  note: string | null;
}

export interface DispatchRuleInput {
  categoryCode?: string | null;
  regionId?: Id | null;
  unitId: Id;
  note?: string | null;
}

/** Every dispatch rule (the office only; a short list, filtered on the page). */
export function useDispatchRules(enabled = true) {
  return useQuery({
    queryKey: ['problem-settings', 'dispatch-rules'],
    queryFn: () => api.get<{ items: DispatchRule[]; total: number }>('/api/problem-settings/dispatch-rules'),
    enabled,
  });
}

/** Add a rule. */
export function useCreateDispatchRule() {
  return useResourceMutation(['problem-settings'], (input: DispatchRuleInput) =>
    api.post<{ id: string }>('/api/problem-settings/dispatch-rules', input),
  );
}

/** Remove a rule. */
export function useDeleteDispatchRule() {
  return useResourceMutation(['problem-settings'], (id: string) => api.delete(`/api/problem-settings/dispatch-rules/${id}`));
}

/* ---------- 问题类别 (management view) ---------- */

export interface ManagedCategory extends ProblemCategory {
  version: number;
  abilities: Abilities;
}

export interface NewCategoryInput {
  code: string;
  parentCode: string | null;
  name: string;
  kind: ProblemCategoryKind;
}

export interface CategoryPatch {
  code: string;
  name?: string;
  active?: boolean;
  version: number;
}

/** Every category, active or not, with version and abilities. */
export function useAllProblemCategories() {
  return useQuery({
    queryKey: ['problem-categories', 'all'],
    queryFn: () => api.get<{ items: ManagedCategory[] }>('/api/problem-categories', { includeInactive: 'true' }),
  });
}

/** Add a category (a minor class under a major one). */
export function useCreateProblemCategory() {
  return useResourceMutation(['problem-categories'], (input: NewCategoryInput) =>
    api.post<{ code: string }>('/api/problem-categories', input),
  );
}

/** Rename, 停用 or 启用 a category at the version on screen. */
export function useUpdateProblemCategory() {
  return useResourceMutation(['problem-categories'], ({ code, ...body }: CategoryPatch) =>
    api.patch<{ code: string; version: number; cascaded: number }>(`/api/problem-categories/${code}`, body),
  );
}
