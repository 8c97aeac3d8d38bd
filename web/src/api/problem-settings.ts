/**
 * 问题设置: deadline policies per severity (整改时限), dispatch rules (category × region → unit) and the
 * category tree as the office manages it (inactive categories included). Every setting belongs to a region
 * (null = the global default shipped with the platform) and is inherited downward; the answers say where
 * each value comes from (`regionId`, `inherited`) and what the caller may change (`abilities`). The active-only category list
 * the report and filter forms use is `useProblemCategories` in problems.ts; both share the
 * 'problem-categories' cache key, so a change here refreshes those pickers too.
 */
import type {
  CategoryRegionSettingDto,
  CreateCategoryInput,
  CreatedCategoryDto,
  CreatedDispatchRuleDto,
  DeadlinePolicyDto,
  DeadlinePolicyListDto,
  DispatchRuleDto,
  DispatchRuleInput as DispatchRuleBody,
  DispatchRuleListDto,
  ProblemCategoryDto,
  ProblemCategoryListDto,
  SavedDeadlinePolicyDto,
  SettingsRegionDto,
  UpdateCategoryInput,
  UpdatedCategoryDto,
} from '@common/contracts';
import type { ProblemSeverity } from '@common/problem-workflow';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useResourceMutation } from './resource';

/* ---------- 整改时限 ---------- */

/** The wire shapes are the server's contracts (common/contracts/problem-settings.ts). */
export type DeadlinePolicy = DeadlinePolicyDto;

/** The region whose settings are on screen (null = the global defaults). */
export type SettingsRegion = SettingsRegionDto;

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
    queryFn: () => api.get<DeadlinePolicyListDto>('/api/problem-settings/deadlines', regionId ? { regionId } : undefined),
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
        ? api.put<SavedDeadlinePolicyDto>(`/api/problem-settings/regions/${region.id}/deadlines/${severity}`, {
            hours,
            workingDays,
            version: base.inherited ? null : base.version,
          })
        : api.patch<SavedDeadlinePolicyDto>(`/api/problem-settings/deadlines/${severity}`, { hours, workingDays, version: base.version }),
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

export type DispatchRule = DispatchRuleDto;
export type DispatchRuleInput = DispatchRuleBody;

/** Every dispatch rule (the office only; a short list, filtered on the page). */
export function useDispatchRules(enabled = true) {
  return useQuery({
    queryKey: ['problem-settings', 'dispatch-rules'],
    queryFn: () => api.get<DispatchRuleListDto>('/api/problem-settings/dispatch-rules'),
    enabled,
  });
}

/** Add a rule. */
export function useCreateDispatchRule() {
  return useResourceMutation(['problem-settings'], (input: DispatchRuleInput) =>
    api.post<CreatedDispatchRuleDto>('/api/problem-settings/dispatch-rules', input),
  );
}

/** Remove a rule. */
export function useDeleteDispatchRule() {
  return useResourceMutation(['problem-settings'], (id: string) => api.delete(`/api/problem-settings/dispatch-rules/${id}`));
}

/* ---------- 问题类别 (management view) ---------- */

/** A category as the office manages it: version, origin, where 启用/停用 comes from, and abilities. */
export type ManagedCategory = ProblemCategoryDto;
export type NewCategoryInput = CreateCategoryInput;
export type CategoryPatch = UpdateCategoryInput & { code: string };

/** Every category that applies in the caller's region, active or not, with version, origin and abilities. */
export function useAllProblemCategories() {
  return useQuery({
    queryKey: ['problem-categories', 'all'],
    queryFn: () => api.get<ProblemCategoryListDto>('/api/problem-categories', { includeInactive: 'true' }),
  });
}

/** 停用 or 启用 a category for one region's subtree only (creates the region's own setting when it has none). */
export function useSetCategoryForRegion() {
  return useResourceMutation(
    ['problem-categories'],
    ({ code, regionId, active, version }: { code: string; regionId: string; active: boolean; version: number | null }) =>
      api.put<CategoryRegionSettingDto>(`/api/problem-categories/${code}/regions/${regionId}`, {
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
    api.post<CreatedCategoryDto>('/api/problem-categories', input),
  );
}

/** Rename, 停用 or 启用 a category at the version on screen. */
export function useUpdateProblemCategory() {
  return useResourceMutation(['problem-categories'], ({ code, ...body }: CategoryPatch) =>
    api.patch<UpdatedCategoryDto>(`/api/problem-categories/${code}`, body),
  );
}
