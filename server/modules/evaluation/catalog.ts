/**
 * The evaluation engine's indicator catalogue: every registered indicator (server/platform/indicators.ts; the modules
 * listed in modules/indicators/catalog.ts register them), plus the contract's short codes — aliases that name a
 * registered indicator (problem.close_rate → problems.close_rate). A scheme may use either; nothing here computes.
 */
import { findIndicator, listIndicators, type IndicatorDef } from '../../platform/indicators';
import '../indicators/catalog';

/** The integrators' codes (issue 10's contract) and the registered indicators they name. */
export const INDICATOR_ALIASES: Readonly<Record<string, string>> = {
  'problem.close_rate': 'problems.close_rate',
  'problem.on_time_rate': 'problems.on_time_rate',
  'problem.rework_rate': 'problems.rework_rate',
  'problem.extension_rate': 'problems.extension_rate',
  'problem.overdue_count': 'problems.overdue',
  'problem.relapse_count': 'problems.relapses',
  'problem.avg_rectify_hours': 'problems.avg_rectify_hours',
  'inspection.avg_score_rate': 'inspections.score_rate',
  'inspection.pass_rate': 'inspections.pass_rate',
  'inspection.covert_findings': 'inspections.covert_findings',
};

/** The registered indicator a scheme's code names (directly or through an alias), or undefined. */
export function resolveIndicator(code: string): IndicatorDef | undefined {
  return findIndicator(INDICATOR_ALIASES[code] ?? code);
}

/** The catalogue as GET /api/evaluation/indicators lists it: registered indicators, then the aliases. */
export function evaluationCatalogue() {
  const items = listIndicators().map((d) => ({
    code: d.code,
    name: d.name,
    unit: d.unit,
    direction: d.direction,
    subjectTypes: [...d.subjectTypes],
    description: d.description,
    aliasOf: null as string | null,
  }));
  for (const [alias, code] of Object.entries(INDICATOR_ALIASES)) {
    const d = findIndicator(code);
    if (d)
      items.push({
        code: alias,
        name: d.name,
        unit: d.unit,
        direction: d.direction,
        subjectTypes: [...d.subjectTypes],
        description: d.description,
        aliasOf: code,
      });
  }
  return items;
}
