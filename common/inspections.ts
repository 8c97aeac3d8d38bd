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
