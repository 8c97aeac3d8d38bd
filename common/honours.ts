/**
 * 好人之城 rules shared by server and web: selection kinds and their labels, the schedule's rules (voting of 2–4
 * weeks, phases by the Beijing calendar day), the level ladder (村 → 镇 → 县 → 市), the weights of vote and review
 * scores, the final score, and the suspicious-pattern rules (thresholds as data, evidence in numbers). Categories
 * (助人为乐 …) are reference data in the table honour_categories.
 */
import { beijingDay } from './beijing';

export const SELECTION_KINDS = ['monthly', 'moral_model', 'family', 'unit', 'campus'] as const;
export type SelectionKind = (typeof SELECTION_KINDS)[number];
export const SELECTION_KIND_LABELS: Record<SelectionKind, string> = {
  monthly: '好人榜（月度）',
  moral_model: '道德模范',
  family: '文明家庭',
  unit: '文明单位',
  campus: '文明校园',
};
/** What a nominee is called in forms, by kind. */
export const NOMINEE_LABELS: Record<SelectionKind, string> = {
  monthly: '被推荐人',
  moral_model: '被推荐人',
  family: '家庭（户主）',
  unit: '单位名称',
  campus: '学校名称',
};

export const SELECTION_STATES = ['open', 'published'] as const;
export type SelectionState = (typeof SELECTION_STATES)[number];
export const SELECTION_STATE_LABELS: Record<SelectionState, string> = { open: '进行中', published: '已发布' };

/** The phase of an open selection on a Beijing day: by its schedule; published once the office publishes. */
export const SELECTION_PHASES = ['upcoming', 'nominating', 'verifying', 'voting', 'reviewing', 'published'] as const;
export type SelectionPhase = (typeof SELECTION_PHASES)[number];
export const SELECTION_PHASE_LABELS: Record<SelectionPhase, string> = {
  upcoming: '未开始',
  nominating: '推荐中',
  verifying: '审核中',
  voting: '公示投票中',
  reviewing: '评审中',
  published: '已发布',
};

export const NOMINATION_SOURCES = ['unit', 'public', 'forwarded'] as const;
export type NominationSource = (typeof NOMINATION_SOURCES)[number];
export const NOMINATION_SOURCE_LABELS: Record<NominationSource, string> = { unit: '单位推荐', public: '群众推荐', forwarded: '下级推送' };

export const NOMINATION_STATES = ['submitted', 'approved', 'rejected'] as const;
export type NominationState = (typeof NOMINATION_STATES)[number];
export const NOMINATION_STATE_LABELS: Record<NominationState, string> = { submitted: '待审核', approved: '候选人', rejected: '未通过' };

/** The level of a selection is its region's: 村 → 镇 → 县 → 市. */
export const LEVEL_LABELS: Record<string, string> = { village: '村（社区）级', town: '乡镇级', county: '县级', city: '市级', grid: '网格' };

/** The voting window is 14 to 28 days (inclusive of both ends). */
export const VOTING_MIN_DAYS = 14;
export const VOTING_MAX_DAYS = 28;
export const DEFAULT_WEIGHTS = { vote: 0.4, review: 0.6 } as const;

/** The Beijing calendar day of an instant (common/beijing.ts), re-exported for the honours rules' callers. */
export { beijingDay };
/** Days from a to b ('YYYY-MM-DD'), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export interface Schedule {
  nominationStartsOn: string;
  nominationEndsOn: string;
  votingStartsOn: string;
  votingEndsOn: string;
  publishOn: string;
}

/** What is wrong with a schedule (Chinese), or null: the phases in order, voting 14–28 days. */
export function scheduleProblem(s: Schedule): string | null {
  if (s.nominationEndsOn < s.nominationStartsOn) return '推荐截止日期不能早于推荐开始日期';
  if (s.votingStartsOn <= s.nominationEndsOn) return '公示投票须在推荐截止后开始（其间为审核）';
  const days = daysBetween(s.votingStartsOn, s.votingEndsOn) + 1;
  if (days < VOTING_MIN_DAYS || days > VOTING_MAX_DAYS)
    return `公示投票期须为 ${VOTING_MIN_DAYS}–${VOTING_MAX_DAYS} 天（2–4 周），当前为 ${days} 天`;
  if (s.publishOn < s.votingEndsOn) return '发布日期不能早于投票截止日期';
  return null;
}

/** The phase of a selection on a Beijing day. */
export function selectionPhase(s: Schedule & { state: SelectionState }, today: string): SelectionPhase {
  if (s.state === 'published') return 'published';
  if (today < s.nominationStartsOn) return 'upcoming';
  if (today <= s.nominationEndsOn) return 'nominating';
  if (today < s.votingStartsOn) return 'verifying';
  if (today <= s.votingEndsOn) return 'voting';
  return 'reviewing';
}

/** Vote score 0–100: the candidate's counted votes against the most any candidate of the selection has. */
export function voteScore(votes: number, maxVotes: number): number {
  return maxVotes > 0 ? Math.round((10_000 * votes) / maxVotes) / 100 : 0;
}

/** The final score: vote and review scores by the selection's weights (a missing review score counts 0). */
export function finalScore(voteScoreValue: number, reviewScore: number | null, w: { vote: number; review: number }): number {
  return Math.round((voteScoreValue * w.vote + (reviewScore ?? 0) * w.review) * 100) / 100;
}

/**
 * Places per category (分类名额): category code → the most winners it may have. A category without one shares the
 * selection's remaining places with the others; the quotas together never exceed the selection's number.
 */
export type CategoryQuotas = Record<string, number>;

/** What is wrong with a selection's quotas (Chinese), or null: categories of the selection, whole numbers ≥ 1, in total ≤ the number. */
export function quotaProblem(quotas: CategoryQuotas, categories: readonly string[], winnersCount: number): string | null {
  const outside = Object.keys(quotas).filter((code) => !categories.includes(code));
  if (outside.length) return `分类名额所属类别不在本次评选的类别中：${outside.join('、')}`;
  if (Object.values(quotas).some((n) => !Number.isInteger(n) || n < 1)) return '分类名额须为不小于 1 的整数';
  const sum = Object.values(quotas).reduce((a, n) => a + n, 0);
  if (sum > winnersCount) return `分类名额合计 ${sum} 名，超过评选名额 ${winnersCount} 名`;
  return null;
}

/** The first category whose chosen winners exceed its quota, with the count and the quota; null when all fit. */
export function quotaExceeded(
  winnerCategories: readonly string[],
  quotas: CategoryQuotas,
): { categoryCode: string; chosen: number; quota: number } | null {
  const counts = new Map<string, number>();
  for (const code of winnerCategories) counts.set(code, (counts.get(code) ?? 0) + 1);
  for (const [code, chosen] of counts) {
    const quota = quotas[code];
    if (quota !== undefined && chosen > quota) return { categoryCode: code, chosen, quota };
  }
  return null;
}

/**
 * The winners ticked by default when the office publishes: the categories take turns — the best-ranked candidate of
 * each category, in rank order, then the second of each, and so on — until `count` are chosen, a category leaving the
 * turns once it has its quota (`quotas`). The top N overall could give every place of a 好人榜 to one category
 * (助人为乐 often draws the most votes); the office still adjusts the ticks.
 */
export function defaultWinners<T extends { candidateId: string; categoryCode: string; rank: number }>(
  ranking: readonly T[],
  count: number,
  quotas: CategoryQuotas = {},
): string[] {
  const byCategory = new Map<string, T[]>();
  for (const r of [...ranking].sort((a, b) => a.rank - b.rank)) {
    const list = byCategory.get(r.categoryCode) ?? [];
    if (list.length < (quotas[r.categoryCode] ?? Infinity)) list.push(r);
    byCategory.set(r.categoryCode, list);
  }
  const chosen: string[] = [];
  for (let round = 0; chosen.length < count; round++) {
    const turn = [...byCategory.values()].map((list) => list[round]).filter((r): r is T => r !== undefined);
    if (!turn.length) break;
    for (const r of turn.sort((a, b) => a.rank - b.rank)) if (chosen.length < count) chosen.push(r.candidateId);
  }
  return chosen;
}

/* ---------------------------------------------------------------- suspicious patterns */

export const SUSPICION_RULES = ['address_burst', 'family_burst', 'regular_interval'] as const;
export type SuspicionRule = (typeof SUSPICION_RULES)[number];
export const SUSPICION_RULE_LABELS: Record<SuspicionRule, string> = {
  address_burst: '同一网络地址短时集中投票',
  family_burst: '同一设备类型短时集中投票',
  regular_interval: '投票间隔机械规律',
};

/**
 * Thresholds of the rules (data; the SQL in server/modules/honours/detect-suspicious.ts reads them):
 * - address_burst: at least `count` votes from one address within `windowSeconds` (any candidate of the selection);
 * - family_burst: at least `count` votes for one candidate from one browser family within `windowSeconds`;
 * - regular_interval: `votes` consecutive votes for one candidate whose gaps have a mean of at most `maxMeanGapSeconds`
 *   and a coefficient of variation (stddev / mean) below `maxCv` — people do not vote like a metronome.
 */
export const SUSPICION_THRESHOLDS = {
  address_burst: { count: 5, windowSeconds: 600 },
  family_burst: { count: 10, windowSeconds: 300 },
  regular_interval: { votes: 6, maxMeanGapSeconds: 300, maxCv: 0.15 },
} as const;

/** Mean, population standard deviation and coefficient of variation of the gaps (seconds) between sorted times. */
export function gapStats(times: readonly Date[]): { gaps: number; meanSeconds: number; stddevSeconds: number; cv: number } | null {
  if (times.length < 3) return null;
  const sorted = [...times].sort((a, b) => a.getTime() - b.getTime());
  const gaps = sorted.slice(1).map((t, i) => (t.getTime() - sorted[i].getTime()) / 1000);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
  return { gaps: gaps.length, meanSeconds: mean, stddevSeconds: sd, cv: mean > 0 ? sd / mean : 0 };
}

/** Whether a run of votes (times) is machine-regular by the rule's thresholds. */
export function isMachineRegular(times: readonly Date[], rule = SUSPICION_THRESHOLDS.regular_interval): boolean {
  if (times.length < rule.votes) return false;
  const s = gapStats(times);
  return !!s && s.meanSeconds <= rule.maxMeanGapSeconds && s.cv < rule.maxCv;
}

/** Whether some window of `windowSeconds` holds at least `count` of the times (a burst). */
export function hasBurst(times: readonly Date[], rule: { count: number; windowSeconds: number }): boolean {
  const t = [...times].map((d) => d.getTime()).sort((a, b) => a - b);
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j] - t[i] > rule.windowSeconds * 1000) i++;
    if (j - i + 1 >= rule.count) return true;
  }
  return false;
}

/** One line of evidence in Chinese, from a flag's stored numbers. */
export function describeEvidence(rule: SuspicionRule, e: Record<string, unknown>): string {
  const n = (k: string) => Number(e[k] ?? 0);
  switch (rule) {
    case 'address_burst':
      return `同一网络地址 ${Math.round(n('windowSeconds') / 60)} 分钟内投票 ${n('count')} 次（阈值 ${n('threshold')} 次）`;
    case 'family_burst':
      return `同一设备类型（${String(e.family ?? '')}）${Math.round(n('windowSeconds') / 60)} 分钟内为同一候选人投票 ${n('count')} 次（阈值 ${n('threshold')} 次）`;
    case 'regular_interval':
      return `连续 ${n('votes')} 票间隔平均 ${n('meanGapSeconds').toFixed(1)} 秒、标准差 ${n('stddevSeconds').toFixed(2)} 秒（变异系数 ${n('cv').toFixed(3)}，阈值 ${n('threshold')}）`;
  }
}

/** The browser family of a user-agent string (what is kept of it): 微信, 支付宝, Chrome … or 脚本/未知. */
export function userAgentFamily(ua: string | null | undefined): string {
  const s = ua ?? '';
  if (!s.trim()) return 'unknown';
  const rules: Array<[RegExp, string]> = [
    [/HeadlessChrome/i, 'HeadlessChrome'],
    [/MicroMessenger/i, 'WeChat'],
    [/AlipayClient/i, 'Alipay'],
    [/DingTalk/i, 'DingTalk'],
    [/curl\//i, 'curl'],
    [/python-requests|python-urllib|aiohttp/i, 'Python'],
    [/okhttp/i, 'OkHttp'],
    [/Edg\//i, 'Edge'],
    [/QQBrowser/i, 'QQBrowser'],
    [/UCBrowser/i, 'UCBrowser'],
    [/HuaweiBrowser/i, 'HuaweiBrowser'],
    [/MiuiBrowser|XiaoMi/i, 'MiuiBrowser'],
    [/Firefox\//i, 'Firefox'],
    [/Chrome\//i, 'Chrome'],
    [/Safari\//i, 'Safari'],
  ];
  for (const [re, name] of rules) if (re.test(s)) return name;
  return 'other';
}
