/** How the results page writes rates, intervals, changes and the thresholds it highlights against. */
import type { SurveyRate } from '@common/surveys';

/**
 * Rates under these are highlighted. 支持率 < 70 %: a province does not recommend a city whose residents' support rate
 * is below 70 % (全国文明城市 recommendation practice); 满意度 < 90 %: 国家卫生城市标准 (2014 版) wants 群众对卫生状况满意率
 * ≥ 90 %. (Both as in the project's domain notes, ../shared/domain.md.)
 */
export const RATE_THRESHOLDS: Partial<Record<SurveyRate, number>> = { support: 0.7, satisfaction: 0.9 };

export const pct = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`;

/** 87.3%（83.1–90.6）; — with no data. */
export function rateWithInterval(rate: number | null | undefined, ci: readonly [number, number] | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return ci ? `${pct(rate)}（${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)}）` : pct(rate);
}

export function belowThreshold(rate: SurveyRate, value: number | null | undefined): boolean {
  const t = RATE_THRESHOLDS[rate];
  return t !== undefined && value !== null && value !== undefined && value < t;
}

/** The change against the previous wave in percentage points: ▲ 2.1 / ▼ 1.3 / 持平; null when there is nothing to compare. */
export function change(now: number | null | undefined, before: number | null | undefined): { text: string; dir: 1 | -1 | 0 } | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  const d = Math.round((now - before) * 1000) / 10;
  if (d === 0) return { text: '持平', dir: 0 };
  return { text: `${d > 0 ? '▲' : '▼'} ${Math.abs(d).toFixed(1)}个百分点`, dir: d > 0 ? 1 : -1 };
}
