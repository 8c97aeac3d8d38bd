/**
 * The home API (首页): what waits for the signed-in person — cards, to-dos, and the work of their role — and the campaign
 * they work on (see shared.ts). Every section is computed for the caller through platform/visibility.ts: a covert
 * round's findings are never counted or listed for anyone outside its team before release, and the leader's figures
 * are the official ones (published rounds only, as the indicators count them).
 */
import { z } from 'zod';
import { ROUND_KINDS } from '../inspections';
import { PROBLEM_STATES } from '../problem-workflow';
import { id, timestamp } from './shared';

/** A figure on the home page, with an optional hint and the page it links to. */
export const homeCard = z.object({
  key: z.string(),
  title: z.string(),
  value: z.union([z.number(), z.string()]),
  hint: z.string().optional(),
  link: z.string().optional(),
});

/** Something waiting for the person, with how many and where to do it. */
export const homeTodo = z.object({
  key: z.string(),
  title: z.string(),
  count: z.number().int(),
  link: z.string(),
});

/** A problem as a home section lists it (a link to its page, what it is, where it stands). */
export const homeProblem = z.object({
  id,
  code: z.string(),
  description: z.string(),
  state: z.enum(PROBLEM_STATES),
  deadline: timestamp.nullable(),
  overdue: z.boolean(),
  unitName: z.string().nullable(),
  siteName: z.string().nullable(),
  createdAt: timestamp,
});

/** A short list of problems with the number there are in all. */
export const homeProblemList = z.object({ total: z.number().int(), items: z.array(homeProblem) });

/**
 * 领导驾驶舱: the area at a glance, official figures (a covert round counts only once released). Rates are 0–1, null
 * when nothing is due yet; `period` is this month (common/period.ts code).
 */
export const homeCockpit = z.object({
  regionName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  /** Problems not closed or rejected; overdue: dispatched or rectifying past the deadline. */
  open: z.number().int(),
  overdue: z.number().int(),
  /** 结案率 and 按期结案率 of the problems first dispatched this month (problems/metrics.ts definitions). */
  closeRate: z.number().nullable(),
  closed: z.number().int(),
  due: z.number().int(),
  onTimeRate: z.number().nullable(),
  /** Findings of covert rounds (暗访) filed this month, in rounds already released. */
  covertFindings: z.number().int(),
  /** The units with the most overdue, then open problems (at most 5, only units with open problems). */
  worstUnits: z.array(z.object({ unitId: id, unitName: z.string(), open: z.number().int(), overdue: z.number().int() })),
  /** The last six months, oldest first: problems reported and problems closed in each. */
  trend: z.array(z.object({ period: z.string(), label: z.string(), reported: z.number().int(), closed: z.number().int() })),
  /** 升级督办 on units linked to this leader (结对联创), still open: what waits for the leader's 批示. */
  escalated: homeProblemList,
});

/** One of the inspector's rounds running today: its sites still to visit, each opening the phone checklist. */
export const homeRound = z.object({
  id,
  name: z.string(),
  kind: z.enum(ROUND_KINDS),
  isCovert: z.boolean(),
  startDate: z.string(),
  endDate: z.string(),
  sites: z.number().int(),
  visited: z.number().int(),
  /** Sites not yet visited (at most 10), by site type and name. */
  due: z.array(z.object({ siteId: id, name: z.string(), siteTypeName: z.string(), address: z.string().nullable() })),
});

/** A site the 点长 leads: its open problems and its last inspection result the 点长 may know of. */
export const homeSite = z.object({
  id,
  name: z.string(),
  siteTypeName: z.string(),
  openProblems: z.number().int(),
  overdue: z.number().int(),
  lastScoreRate: z.number().nullable(),
  lastVisitedAt: timestamp.nullable(),
  lastRoundName: z.string().nullable(),
});

export const homeResponse = z.object({
  cards: z.array(homeCard),
  todos: z.array(homeTodo),
  /** 领导驾驶舱 (holders of problems.metrics). */
  cockpit: homeCockpit.optional(),
  /** Today's rounds of the inspector's team (inspections.visit). */
  rounds: z.array(homeRound).optional(),
  /** The sites the person leads (点长) and their open problems, earliest deadline first. */
  sites: z.object({ items: z.array(homeSite), problems: homeProblemList }).optional(),
  /** The responsible unit's open problems, earliest deadline first (problems.unit). */
  inbox: homeProblemList.optional(),
  /** The person's own reports, newest first (reporters without a problem list: grid workers, volunteers). */
  reports: homeProblemList.extend({ open: z.number().int() }).optional(),
});

/** The campaign the person works on: their grant's, their leading group's, else the active one assessed soonest. */
export const workingCampaignResponse = z.object({ campaign: z.object({ id, name: z.string() }).nullable() });

export type HomeCardDto = z.input<typeof homeCard>;
export type HomeTodoDto = z.input<typeof homeTodo>;
export type HomeProblemDto = z.input<typeof homeProblem>;
export type HomeCockpitDto = z.input<typeof homeCockpit>;
export type HomeRoundDto = z.input<typeof homeRound>;
export type HomeSiteDto = z.input<typeof homeSite>;
export type HomeDto = z.input<typeof homeResponse>;
export type WorkingCampaignDto = z.input<typeof workingCampaignResponse>;
