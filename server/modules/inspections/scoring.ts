/**
 * Scores of one visit (测评): 得分率 = passed / applicable observations (不适用 leaves the
 * denominator); 扣分制 = 100 − the points of the failed standards (never below 0).
 */
export interface Observation {
  verdict: 'pass' | 'fail' | 'na';
  points: number;
}

export interface VisitScore {
  passed: number;
  failed: number;
  notApplicable: number;
  scoreRate: number | null;
  deductionScore: number;
}

/** Scores a visit from its observations. */
export function scoreVisit(observations: Observation[]): VisitScore {
  const passed = observations.filter((o) => o.verdict === 'pass').length;
  const failed = observations.filter((o) => o.verdict === 'fail').length;
  const notApplicable = observations.length - passed - failed;
  const deductions = observations.filter((o) => o.verdict === 'fail').reduce((sum, o) => sum + o.points, 0);
  return {
    passed,
    failed,
    notApplicable,
    scoreRate: passed + failed > 0 ? Math.round((passed / (passed + failed)) * 10000) / 10000 : null,
    deductionScore: Math.max(0, Math.round((100 - deductions) * 100) / 100),
  };
}
