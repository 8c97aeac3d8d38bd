/** Codes and Chinese labels for standards and inspections (server and web). */
export const STANDARD_METHODS = ['field', 'survey', 'material', 'other'] as const;
export type StandardMethod = (typeof STANDARD_METHODS)[number];

export const STANDARD_METHOD_LABELS: Record<StandardMethod, string> = {
  field: '实地考察',
  survey: '问卷调查',
  material: '材料审核',
  other: '其他',
};
/** Extra words accepted for a method in imports. */
export const STANDARD_METHOD_ALIASES: Record<string, StandardMethod> = { 网上申报: 'material', '材料审核/网上申报': 'material' };

export const ROUND_KINDS = ['routine', 'special', 'covert', 'mock', 'recheck'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  routine: '日常督查',
  special: '专项督查',
  covert: '暗访',
  mock: '模拟测评',
  recheck: '回头看',
};

export const VERDICTS = ['pass', 'fail', 'na'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { pass: '符合', fail: '不符合', na: '不适用' };

/** Where a standards version came from (write-version.ts writes these). */
export const VERSION_SOURCES = ['import', 'starter', 'clone'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];
export const VERSION_SOURCE_LABELS: Record<VersionSource, string> = { import: '导入', starter: '内置', clone: '复制' };

/** A unit's part in a standard (任务分解): 牵头 or 责任. */
export type StandardRole = 'lead' | 'responsible';
export const STANDARD_ROLE_LABELS: Record<StandardRole, string> = { lead: '牵头', responsible: '责任' };

/** 材料审核: an upload's review state, and `missing` in the completeness view. */
export type MaterialStatus = 'submitted' | 'passed' | 'returned';
export type CompletenessStatus = MaterialStatus | 'missing';
export const MATERIAL_STATUS_LABELS: Record<CompletenessStatus, string> = {
  missing: '未提交',
  submitted: '待审核',
  passed: '已通过',
  returned: '已退回',
};
