/**
 * 好人之城 (honours): selections (/api/honours/selections: 好人榜 monthly, 道德模范, 文明家庭/单位/校园 with a schedule,
 * level and weights), nominations by units and the public, verification (审核通过 / 不予通过 on the kernel), public
 * votes (/api/public/honours/:selectionId/votes → 201, or 429 when the person already voted for the candidate that
 * Beijing day, 422 outside the voting window), suspicious-vote flags with evidence and exclusions with a reason,
 * review scores, results and publication. Public answers never carry a nominee's contact or who recommended them.
 */
import { z } from 'zod';
import { DEVICE_ID_PATTERN } from '../public-reports';
import { NOMINATION_SOURCES, NOMINATION_STATES, SELECTION_KINDS, SELECTION_PHASES, SELECTION_STATES, SUSPICION_RULES } from '../honours';
import { challengeSolution } from './public-reports';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);
const day = (what: string) => z.iso.date({ error: `${what}须为日期，如 2026-12-01` });
const phone = z
  .string({ error: '请填写联系电话' })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请填写正确的手机号或固定电话');
const deviceId = z.string({ error: '缺少设备标识' }).regex(DEVICE_ID_PATTERN, '设备标识格式不正确');

export const honourCategory = z.object({ code: z.string(), name: z.string(), description: z.string().nullable() });
export const honourCategoryList = z.object({ items: z.array(honourCategory) });

/* ---------------------------------------------------------------- selections */

export const selectionBody = z.object({
  regionId: uuid('所属地区'),
  kind: z.enum(SELECTION_KINDS, { error: '请选择评选类型' }),
  title: z.string({ error: '请填写评选名称' }).trim().min(4, '评选名称至少 4 个字').max(60, '评选名称至多 60 个字'),
  period: z.string({ error: '请填写评选期' }).regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '评选期须为年份（2026）或月份（2026-11）'),
  categories: z.array(z.string().min(1).max(30)).min(1, '请至少选择一个类别').max(10),
  description: z.string().trim().max(2000, '说明至多 2000 个字').nullable().optional(),
  nominationStartsOn: day('推荐开始日期'),
  nominationEndsOn: day('推荐截止日期'),
  votingStartsOn: day('投票开始日期'),
  votingEndsOn: day('投票截止日期'),
  publishOn: day('发布日期'),
  winnersCount: z.number({ error: '请填写名额' }).int('名额须为整数').min(1, '名额至少 1 名').max(200, '名额至多 200 名').optional(),
  /** 分类名额: category code → the most winners it may have (common/honours.ts quotaProblem). */
  categoryQuotas: z
    .record(
      z.string().min(1).max(30),
      z.number({ error: '分类名额须为数字' }).int('分类名额须为整数').min(1, '分类名额至少 1 名').max(200, '分类名额至多 200 名'),
    )
    .optional(),
  voteWeight: z.number({ error: '投票权重须为数字' }).min(0, '权重须在 0–1 之间').max(1, '权重须在 0–1 之间').optional(),
  reviewWeight: z.number({ error: '评审权重须为数字' }).min(0, '权重须在 0–1 之间').max(1, '权重须在 0–1 之间').optional(),
});
export type SelectionBody = z.input<typeof selectionBody>;
export const updateSelectionBody = selectionBody
  .omit({ regionId: true, kind: true })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type UpdateSelectionBody = z.input<typeof updateSelectionBody>;

export const selectionsQuery = z.object({
  kind: z.enum(SELECTION_KINDS).optional(),
  state: z.enum(SELECTION_STATES).optional(),
  regionId: uuid('地区').optional(),
  search: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['created_at', 'voting_starts_on', 'period', 'title']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const selectionResponse = z.object({
  id,
  regionId: id,
  regionName: z.string(),
  level: z.string(),
  kind: z.enum(SELECTION_KINDS),
  title: z.string(),
  period: z.string(),
  categories: z.array(z.string()),
  categoryQuotas: z.record(z.string(), z.number().int()),
  description: z.string().nullable(),
  nominationStartsOn: z.string(),
  nominationEndsOn: z.string(),
  votingStartsOn: z.string(),
  votingEndsOn: z.string(),
  publishOn: z.string(),
  winnersCount: z.number().int(),
  voteWeight: z.number(),
  reviewWeight: z.number(),
  state: z.enum(SELECTION_STATES),
  phase: z.enum(SELECTION_PHASES),
  publishedAt: timestamp.nullable(),
  counts: z.object({
    nominations: z.number().int(),
    pending: z.number().int(),
    candidates: z.number().int(),
    votes: z.number().int(),
    flagged: z.number().int(),
  }),
  version: z.number().int(),
  abilities: abilitiesOf(['update', 'verify', 'nominate', 'exclude', 'score', 'publish']),
});
export type SelectionDto = z.input<typeof selectionResponse>;
export const selectionPage = pageOf(selectionResponse);

export const publishSelectionBody = z.object({
  version: z.number().int().min(1),
  winnerIds: z.array(uuid('候选人')).min(1, '请至少选择一名当选人').max(200),
});

/* ---------------------------------------------------------------- nominations */

const nomineeFields = {
  categoryCode: z.string({ error: '请选择类别' }).min(1, '请选择类别').max(30),
  nomineeName: z.string({ error: '请填写被推荐人' }).trim().min(2, '被推荐人至少 2 个字').max(60, '被推荐人至多 60 个字'),
  gender: z.enum(['male', 'female']).nullable().optional(),
  age: z.number().int('年龄须为整数').min(1).max(130).nullable().optional(),
  affiliation: z.string().trim().max(100, '单位或住址至多 100 个字').nullable().optional(),
  headline: z.string({ error: '请填写一句话事迹' }).trim().min(6, '一句话事迹至少 6 个字').max(60, '一句话事迹至多 60 个字'),
  story: z.string({ error: '请填写事迹' }).trim().min(30, '事迹至少 30 个字').max(5000, '事迹至多 5000 个字'),
  contactName: z.string({ error: '请填写联系人' }).trim().min(2, '请填写联系人').max(30),
  contactPhone: phone,
  photoIds: z.array(uuid('照片')).max(6, '照片至多 6 张').optional(),
};

/** A unit (or the office) nominates: POST /api/honours/selections/:id/nominations. */
export const nominationBody = z.object({
  ...nomineeFields,
  unitId: uuid('推荐单位').nullable().optional(),
});
export type NominationBody = z.input<typeof nominationBody>;

/** The public nominates: POST /api/public/honours/:selectionId/nominations (photos through /api/public/files). */
export const publicNominationBody = z.object({
  ...nomineeFields,
  recommenderName: z.string({ error: '请填写推荐人' }).trim().min(2, '请填写推荐人姓名').max(30),
  deviceId,
  proof: challengeSolution,
});
export type PublicNominationBody = z.input<typeof publicNominationBody>;
export const publicNominationCreated = z.object({ id, message: z.string() });

export const nominationsQuery = z.object({
  state: z.enum(NOMINATION_STATES).optional(),
  source: z.enum(NOMINATION_SOURCES).optional(),
  categoryCode: z.string().max(30).optional(),
  search: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['created_at', 'nominee_name', 'category_code']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const nominationResponse = z.object({
  id,
  selectionId: id,
  selectionTitle: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  nomineeName: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  age: z.number().int().nullable(),
  affiliation: z.string().nullable(),
  headline: z.string(),
  story: z.string(),
  source: z.enum(NOMINATION_SOURCES),
  unitName: z.string().nullable(),
  recommenderName: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  state: z.enum(NOMINATION_STATES),
  verificationNote: z.string().nullable(),
  rejectReason: z.string().nullable(),
  verifiedAt: timestamp.nullable(),
  reviewScore: z.number().nullable(),
  isWinner: z.boolean(),
  forwardedFrom: z.object({ id, selectionTitle: z.string(), regionName: z.string() }).nullable(),
  forwardedTo: z.array(z.object({ id, selectionTitle: z.string(), regionName: z.string() })),
  photos: z.array(z.object({ fileId: id })),
  materials: z.array(z.object({ fileId: id, name: z.string().nullable() })),
  createdAt: timestamp,
  version: z.number().int(),
  abilities: abilitiesOf(['approve', 'reject', 'forward']),
});
export type NominationDto = z.input<typeof nominationResponse>;
export const nominationPage = pageOf(nominationResponse);

export const approveNominationBody = z.object({
  version: z.number().int().min(1),
  note: z.string().trim().max(1000).optional(),
  materialIds: z.array(uuid('材料')).max(10).optional(),
});
export const rejectNominationBody = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(1000).optional(),
  materialIds: z.array(uuid('材料')).max(10).optional(),
});
export const forwardNominationBody = z.object({ targetSelectionId: uuid('上级评选') });
export const forwardTargetList = z.object({
  items: z.array(z.object({ id, title: z.string(), regionName: z.string(), level: z.string() })),
});

/* ---------------------------------------------------------------- votes, flags, results */

export const publicVoteBody = z.object({
  candidateId: uuid('候选人'),
  challenge: challengeSolution,
  deviceId,
  /** Optional: a phone number, kept only as a keyed hash (one vote per phone too). */
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码')
    .optional(),
});
export type PublicVoteBody = z.input<typeof publicVoteBody>;
export const publicVoteCreated = z.object({ candidateId: id, votes: z.number().int(), message: z.string() });

export const flagsQuery = z.object({
  rule: z.enum(SUSPICION_RULES).optional(),
  excluded: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const flaggedVote = z.object({
  voteId: id,
  candidateId: id,
  candidateName: z.string(),
  votedAt: timestamp,
  uaFamily: z.string(),
  /** The first 8 characters of the address hash: tells votes from one address apart without showing it. */
  addressTag: z.string(),
  deviceTag: z.string(),
  rules: z.array(z.object({ rule: z.enum(SUSPICION_RULES), evidence: z.record(z.string(), z.unknown()), text: z.string() })),
  isExcluded: z.boolean(),
  excludedReason: z.string().nullable(),
});
export const flaggedVotePage = pageOf(flaggedVote);

export const excludeVotesBody = z.object({
  voteIds: z.array(uuid('投票'), { error: '请选择要剔除的投票' }).min(1, '请选择要剔除的投票').max(2000),
  reason: z.string({ error: '请填写剔除理由' }).trim().min(4, '剔除理由至少 4 个字').max(500, '剔除理由至多 500 个字'),
});
export const excludeVotesResult = z.object({ excluded: z.number().int() });

export const reviewScoresBody = z.object({
  items: z
    .array(
      z.object({
        candidateId: uuid('候选人'),
        score: z.number({ error: '评审分须为数字' }).min(0, '评审分须在 0–100 之间').max(100, '评审分须在 0–100 之间').nullable(),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .min(1, '请填写评审分')
    .max(500),
});

export const resultRow = z.object({
  candidateId: id,
  nomineeName: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  votes: z.number().int(),
  excludedVotes: z.number().int(),
  voteScore: z.number(),
  reviewScore: z.number().nullable(),
  finalScore: z.number(),
  rank: z.number().int(),
  isWinner: z.boolean(),
});
export const resultsResponse = z.object({
  voteWeight: z.number(),
  reviewWeight: z.number(),
  winnersCount: z.number().int(),
  categoryQuotas: z.record(z.string(), z.number().int()),
  items: z.array(resultRow),
});
export type ResultsDto = z.input<typeof resultsResponse>;

/* ---------------------------------------------------------------- public */

export const selectionIdParam = z.object({ selectionId: uuid('评选') });
export const publicCandidateParam = z.object({ id: uuid('候选人') });
export const publicPhotoParam = z.object({ id: uuid('候选人'), fileId: uuid('照片') });

export const publicSelection = z.object({
  id,
  title: z.string(),
  kind: z.enum(SELECTION_KINDS),
  period: z.string(),
  regionName: z.string(),
  level: z.string(),
  phase: z.enum(SELECTION_PHASES),
  nominationStartsOn: z.string(),
  nominationEndsOn: z.string(),
  votingStartsOn: z.string(),
  votingEndsOn: z.string(),
  publishedAt: timestamp.nullable(),
});
export const publicSelectionsQuery = z.object({
  countyCode: z.string().max(20).optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式如 2026-11')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export const publicSelectionPage = pageOf(publicSelection);

export const publicCandidate = z.object({
  id,
  selectionId: id,
  categoryCode: z.string(),
  categoryName: z.string(),
  nomineeName: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  age: z.number().int().nullable(),
  affiliation: z.string().nullable(),
  headline: z.string(),
  story: z.string(),
  photoIds: z.array(id),
  votes: z.number().int(),
  isWinner: z.boolean(),
  forwardedFrom: z.string().nullable(),
});
export const publicSelectionDetail = z.object({
  selection: publicSelection,
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  candidates: z.array(publicCandidate),
  /** Candidates forwarded up from lower levels' selections. */
  forwardedCount: z.number().int(),
});
export const publicCandidateDetail = z.object({ selection: publicSelection, candidate: publicCandidate });

/** 好人榜: the winners published by month (and category). */
export const publicHonourRollQuery = z.object({
  countyCode: z.string().max(20).optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式如 2026-11')
    .optional(),
  categoryCode: z.string().max(30).optional(),
});
export const publicHonourRoll = z.object({
  months: z.array(z.string()),
  month: z.string().nullable(),
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  items: z.array(publicCandidate.extend({ selectionTitle: z.string(), regionName: z.string(), period: z.string() })),
});
