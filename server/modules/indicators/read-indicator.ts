/** 指标取值: one indicator for one period and subject type, for the subjects the reader's grants cover. */
import { formatPeriod, parsePeriod, periodEnd, periodLabel, periodOf, periodStart } from '../../../common/period';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { findIndicator, indicatorMeta, indicatorQuery, indicatorValues } from '../../platform/indicators';
import { authorize } from '../../platform/policy';
import { findRegion } from '../regions/repository';
import { mayFilterByRegion } from './policy';
import type { IndicatorValuesQuery } from './schemas';
import './catalog';

/** The values of indicator `code`; the period defaults to the current month, the subject type to the indicator's first. */
export async function readIndicator(ctx: Ctx, code: string, input: IndicatorValuesQuery) {
  authorize(ctx.actor, 'indicators.read');
  const def = findIndicator(code);
  if (!def) throw notFound('指标');
  const subjectType = input.subjectType ?? def.subjectTypes[0];
  if (!def.subjectTypes.includes(subjectType))
    throw new AppError('validation', `指标“${def.name}”不按该对象类型统计（可选：${def.subjectTypes.join('、')}）`);
  let regionPath: string | null = null;
  if (input.regionId) {
    const region = await findRegion(ctx.db, input.regionId);
    if (!region || !mayFilterByRegion(ctx.actor, region.path)) throw notFound('区域');
    regionPath = region.path;
  }
  const now = ctx.clock.now();
  const period = input.period ? parsePeriod(input.period)! : periodOf('month', now);
  const q = indicatorQuery(period, subjectType, now);
  const items = await indicatorValues(ctx.db, def, q, { actor: ctx.actor, permission: 'indicators.read', regionPath });
  return {
    indicator: indicatorMeta(def),
    period: {
      code: formatPeriod(period),
      label: periodLabel(period),
      start: periodStart(period).toISOString(),
      end: periodEnd(period).toISOString(),
    },
    subjectType,
    regionId: input.regionId ?? null,
    asOf: q.asOf.toISOString(),
    items,
    total: items.length,
  };
}
