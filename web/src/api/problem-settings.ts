/**
 * 问题设置: deadline policies per severity (整改时限), dispatch rules (category × region → unit) and the
 * category tree as the office manages it (inactive categories included). Every setting belongs to a region
 * (null = the global default shipped with the platform) and is inherited downward; the answers say where
 * each value comes from (`regionId`, `inherited`) and what the caller may change (`abilities`). The active-only category list
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
  /** The region the value comes from; null = the global default. */
  regionId: string | null;
  regionName: string | null;
  /** True when the value comes from above the region on screen. */
  inherited: boolean;
  abilities: { update: boolean; reset: boolean };
}

/** The region whose settings are on screen (null = the global defaults). */
export interface SettingsRegion {
  id: string;
  name: string;
}

export interface DeadlinePolicyInput {
  severity: ProblemSeverity;
  hours: number;
  workingDays: boolean;
  /** The region on screen: its own value is set (created when it only inherits). Null: the global default. */
  region: SettingsRegion | null;
  /** The row on screen: an inherited one creates the region's own value (version null). */
  base: Pick<DeadlinePolicy, 'version' | 'inherited'>;
}

/** The four severities' deadline policies as they apply in a region (default: the caller's own), in severity order. */
export function useDeadlinePolicies(regionId?: string, enabled = true) {
  return useQuery({
    queryKey: ['problem-settings', 'deadlines', regionId ?? 'home'],
    queryFn: () =>
      api.get<{ region: SettingsRegion | null; items: DeadlinePolicy[] }>(
        '/api/problem-settings/deadlines',
        regionId ? { regionId } : undefined,
      ),
    enabled,
  });
}

/**
 * Change one severity's deadline for the region on screen at the version on screen (409 version_conflict when
 * someone was faster). Silent: the page words the conflict itself.
 */
export function useUpdateDeadlinePolicy() {
  return useResourceMutation(
    ['problem-settings'],
    ({ severity, region, base, hours, workingDays }: DeadlinePolicyInput) =>
      region
        ? api.put<DeadlinePolicy>(`/api/problem-settings/regions/${region.id}/deadlines/${severity}`, {
            hours,
            workingDays,
            version: base.inherited ? null : base.version,
          })
        : api.patch<DeadlinePolicy>(`/api/problem-settings/deadlines/${severity}`, { hours, workingDays, version: base.version }),
    { silent: true },
  );
}

/** Drop the region's own value: it inherits from above again. */
export function useResetDeadlinePolicy() {
  return useResourceMutation(['problem-settings'], ({ regionId, severity }: { regionId: string; severity: ProblemSeverity }) =>
    api.delete(`/api/problem-settings/regions/${regionId}/deadlines/${severity}`),
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
  /** Set by a region above the caller's scope (or a global default): shown, not deletable. */
  inherited: boolean;
  abilities: { delete: boolean };
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
    queryFn: () =>
      api.get<{ items: DispatchRule[]; total: number; abilities: { create: boolean; createGlobal: boolean } }>(
        '/api/problem-settings/dispatch-rules',
      ),
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
  /** The region that added it (a local category); null = shipped with the platform. */
  regionId: string | null;
  regionName: string | null;
  /** Where 启用/停用 comes from in the region on screen: the category itself (regionId null) or a region's setting. */
  activeSetting: { regionId: string | null; regionName: string | null; inherited: boolean; version: number | null };
  /** update: rename/停用 for everyone who sees it; toggle: 停用/启用 for the region on screen only. */
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

/** Every category that applies in the caller's region, active or not, with version, origin and abilities. */
export function useAllProblemCategories() {
  return useQuery({
    queryKey: ['problem-categories', 'all'],
    queryFn: () =>
      api.get<{ region: SettingsRegion | null; items: ManagedCategory[] }>('/api/problem-categories', { includeInactive: 'true' }),
  });
}

/** 停用 or 启用 a category for one region's subtree only (creates the region's own setting when it has none). */
export function useSetCategoryForRegion() {
  return useResourceMutation(
    ['problem-categories'],
    ({ code, regionId, active, version }: { code: string; regionId: string; active: boolean; version: number | null }) =>
      api.put<{ code: string; active: boolean; version: number }>(`/api/problem-categories/${code}/regions/${regionId}`, {
        active,
        version,
      }),
  );
}

/** Drop the region's own 启用/停用: the category is inherited from above again. */
export function useResetCategoryForRegion() {
  return useResourceMutation(['problem-categories'], ({ code, regionId }: { code: string; regionId: string }) =>
    api.delete(`/api/problem-categories/${code}/regions/${regionId}`),
  );
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
