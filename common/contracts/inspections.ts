/**
 * The inspections API (督查轮次: rounds, field checklists, visits, reports): request bodies and responses, shared by
 * the server and the web client (see shared.ts). What a reader may see of a covert round (暗访) is decided by
 * server/platform/visibility.ts before anything reaches these schemas; they name no field the server does not send.
 */
import { z } from 'zod';
import { ROUND_KINDS, VERDICTS } from '../inspections';
import { abilitiesOf, id, pageOf, timestamp } from './shared';
import { latLng } from './sites';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

export const createRoundBody = z
  .object({
    name: z.string().trim().min(2, '请填写轮次名称').max(60),
    kind: z.enum(ROUND_KINDS),
    campaignId: z.uuid('请选择创建项目'),
    regionId: z.uuid().optional(),
    standardVersionId: z.uuid().optional(),
    startDate: day,
    endDate: day,
    siteIds: z.array(z.uuid()).max(2000).optional(),
    sample: z
      .object({
        siteTypeCodes: z.array(z.string().max(40)).min(1, '请选择点位类型').max(40),
        perType: z.number().int().min(1).max(200),
        regionIds: z.array(z.uuid()).max(50).optional(),
        seed: z.string().trim().min(1).max(64).optional(),
      })
      .optional(),
    recheckDays: z.number().int().min(1).max(365).optional(),
    inspectorIds: z.array(z.uuid()).max(50).default([]),
    passThreshold: z.number().min(0).max(1).optional(),
  })
  .refine((v) => v.endDate >= v.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] })
  .refine((v) => !!v.siteIds?.length || !!v.sample || (v.kind === 'recheck' && !!v.recheckDays), {
    message: '请选择点位、设置随机抽样，或（回头看）设置回溯天数',
    path: ['siteIds'],
  });

export const visitBody = z.object({
  siteId: z.uuid('请选择点位'),
  results: z
    .array(
      z.object({
        standardId: z.uuid(),
        verdict: z.enum(VERDICTS),
        photoIds: z.array(z.uuid()).max(9).default([]),
        note: z.string().trim().max(500).optional(),
      }),
    )
    .min(1, '请至少填写一项测评结果')
    .max(500),
});

/** How a round's sites were drawn: a random sample (with its seed) or, for 回头看, a look-back in days. */
export const roundSample = z.object({
  siteTypeCodes: z.array(z.string()).optional(),
  perType: z.number().int().optional(),
  regionIds: z.array(id).optional(),
  seed: z.string().nullable().optional(),
  recheckDays: z.number().int().optional(),
});

/** A round's own facts (dates are calendar days, YYYY-MM-DD). */
export const roundResponse = z.object({
  id,
  name: z.string(),
  kind: z.enum(ROUND_KINDS),
  campaignId: id,
  regionId: id,
  startDate: z.string(),
  endDate: z.string(),
  isCovert: z.boolean(),
  releasedAt: timestamp.nullable(),
  passThreshold: z.number(),
  sample: roundSample.nullable(),
  standardVersionId: id.nullable(),
  version: z.number().int(),
});

/** A round in the list, with its site count and how many were visited. */
export const roundListItem = roundResponse.extend({ sites: z.number().int(), visited: z.number().int() });
export const roundPage = pageOf(roundListItem);

/** One of a round's sites with its visit status. */
export const roundSiteResponse = z.object({
  id,
  name: z.string(),
  siteTypeCode: z.string(),
  siteTypeName: z.string(),
  address: z.string().nullable(),
  location: latLng.nullable(),
  regionName: z.string(),
  leadName: z.string().nullable(),
  visitId: id.nullable(),
  scoreRate: z.number().nullable(),
  visitedAt: timestamp.nullable(),
});

/** One round with its sites, team and what the caller may do. */
export const roundDetailResponse = roundResponse.extend({
  campaignName: z.string(),
  regionName: z.string(),
  /** Empty when the covert team's names are not for this reader (then `teamLabel` is set). */
  inspectors: z.array(z.object({ id, name: z.string() })),
  /** 暗访组 when the covert team stays anonymous to this reader, else null. */
  teamLabel: z.string().nullable(),
  sites: z.array(roundSiteResponse),
  abilities: abilitiesOf(['visit', 'release']),
});

/** A new round: its id, the sites chosen or drawn, and the seed of a random sample (null otherwise). */
export const createdRoundResponse = z.object({ id, siteIds: z.array(id), seed: z.string().nullable() });

/** One line of a site's checklist, with what was saved before. */
export const checklistItemResponse = z.object({
  standardId: id,
  code: z.string(),
  text: z.string(),
  points: z.number(),
  contentName: z.string(),
  negative: z.boolean(),
  verdict: z.enum(VERDICTS).nullable(),
  note: z.string().nullable(),
  photoIds: z.array(id),
  problemId: id.nullable(),
});

/** The checklist of one site in a round (the site as stored: id, name, site_type_code). */
export const checklistResponse = z.object({
  site: z.object({ id, name: z.string(), site_type_code: z.string() }),
  items: z.array(checklistItemResponse),
});

/** A problem a visit's failure created, joined (attached) or reopened (relapse). */
export const visitProblemResponse = z.object({
  standardId: id,
  problemId: id,
  code: z.string(),
  how: z.enum(['created', 'attached', 'relapse']),
});

/** A saved visit: its scores and the problems its failures filed. */
export const visitOutcomeResponse = z.object({
  id,
  roundId: id,
  siteId: id,
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  scoreRate: z.number().nullable(),
  deductionScore: z.number(),
  problems: z.array(visitProblemResponse),
});

/** Scores of a group of the round's sites (all, a site type, a town). */
export const reportGroup = z.object({
  key: z.string(),
  name: z.string(),
  sites: z.number().int(),
  visited: z.number().int(),
  avgScoreRate: z.number().nullable(),
  avgDeduction: z.number().nullable(),
  passRate: z.number().nullable(),
  failures: z.number().int(),
});

/** One site's line in the report (nulls before its visit). */
export const reportSite = z.object({
  siteId: id,
  name: z.string(),
  siteType: z.string(),
  region: z.string(),
  unit: z.string().nullable(),
  scoreRate: z.number().nullable(),
  deductionScore: z.number().nullable(),
  passed: z.number().int().nullable(),
  failed: z.number().int().nullable(),
  notApplicable: z.number().int().nullable(),
  meetsThreshold: z.boolean().nullable(),
});

/** The round report: overall, by site, by site type, by town, and the previous comparable round (if visible). */
export const roundReportResponse = z.object({
  round: z.object({
    id,
    name: z.string(),
    kind: z.enum(ROUND_KINDS),
    startDate: z.string(),
    endDate: z.string(),
    threshold: z.number(),
    released: z.boolean(),
  }),
  overall: reportGroup,
  bySite: z.array(reportSite),
  bySiteType: z.array(reportGroup),
  byRegion: z.array(reportGroup),
  previous: z
    .object({
      roundId: id,
      overall: reportGroup,
      change: z.object({ avgScoreRate: z.number().nullable(), passRate: z.number().nullable() }),
    })
    .nullable(),
});

/** The .docx media type (the 情况通报). */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type RoundDto = z.input<typeof roundResponse>;
export type RoundListItemDto = z.input<typeof roundListItem>;
export type RoundSiteDto = z.input<typeof roundSiteResponse>;
export type RoundDetailDto = z.input<typeof roundDetailResponse>;
export type CreatedRoundDto = z.input<typeof createdRoundResponse>;
export type ChecklistItemDto = z.input<typeof checklistItemResponse>;
export type ChecklistDto = z.input<typeof checklistResponse>;
export type VisitProblemDto = z.input<typeof visitProblemResponse>;
export type VisitOutcomeDto = z.input<typeof visitOutcomeResponse>;
export type ReportGroupDto = z.input<typeof reportGroup>;
export type ReportSiteDto = z.input<typeof reportSite>;
export type RoundReportDto = z.input<typeof roundReportResponse>;
export type CreateRoundInput = z.input<typeof createRoundBody>;
export type VisitInput = z.input<typeof visitBody>;
/** One checklist answer as the client sends it (photos always listed, possibly none). */
export type VisitResultInput = z.output<typeof visitBody>['results'][number];
