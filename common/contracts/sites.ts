/** The sites API (点位) and /api/site-types: request bodies and responses, shared by the server and the web client (see shared.ts). */
import { z } from 'zod';
import { ROUND_KINDS } from '../inspections';
import { PROBLEM_STATES } from '../problem-workflow';
import { abilitiesOf, id, pageOf, timestamp } from './shared';
import { phone } from './units';

const latLngBody = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
const polygonBody = z
  .array(z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]))
  .min(3)
  .max(500);

export const siteBody = z.object({
  name: z.string().trim().min(2, '点位名称至少 2 个字').max(60),
  siteTypeCode: z.string().trim().min(1, '请选择点位类型').max(40),
  address: z.string().trim().max(200).nullable().optional(),
  location: latLngBody.nullable().optional(),
  /** Optional outline as [lat, lng] vertices (a market, a park, a construction site). */
  polygon: polygonBody.nullable().optional(),
  regionId: z.uuid('请选择所属区域'),
  unitId: z.uuid().nullable().optional(),
  leadUserId: z.uuid().nullable().optional(),
  leadName: z.string().trim().max(30).nullable().optional(),
  leadPhone: phone,
  photoFileId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
export const updateSiteBody = siteBody.partial().extend({ version: z.number().int().min(1) });

export const latLng = z.object({ lat: z.number(), lng: z.number() });

/** A site as the API shows it, with its type, region, 包保单位, 点长 and what the caller may do to it. */
export const siteResponse = z.object({
  id,
  name: z.string(),
  siteTypeCode: z.string(),
  siteTypeName: z.string(),
  address: z.string().nullable(),
  location: latLng.nullable(),
  /** Optional outline as [lat, lng] vertices. */
  polygon: z.array(z.tuple([z.number(), z.number()])).nullable(),
  regionId: id,
  regionName: z.string(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  leadUserId: id.nullable(),
  leadName: z.string().nullable(),
  leadPhone: z.string().nullable(),
  photoFileId: id.nullable(),
  active: z.boolean(),
  version: z.number().int(),
  abilities: abilitiesOf(['update', 'delete']),
});
/** A page of sites; the map answers every matching site in the same shape. */
export const sitePage = pageOf(siteResponse);

/** One visit of the site (its score trend), from rounds the caller may see. */
export const siteVisitResponse = z.object({
  id,
  roundId: id,
  roundName: z.string(),
  kind: z.enum(ROUND_KINDS),
  visitedAt: timestamp,
  passed: z.number().int(),
  failed: z.number().int(),
  notApplicable: z.number().int(),
  scoreRate: z.number().nullable(),
  deductionScore: z.number(),
});

/** An open problem at the site, as the problem list would show it to the caller. */
export const siteOpenProblem = z.object({
  id,
  code: z.string(),
  state: z.enum(PROBLEM_STATES),
  description: z.string(),
  deadline: timestamp.nullable(),
});

/** One site with its visits and open problems. */
export const siteDetailResponse = siteResponse.extend({
  visits: z.array(siteVisitResponse),
  openProblems: z.array(siteOpenProblem),
});

/** An active site type (点位类型), in display order. */
export const siteTypeResponse = z.object({ code: z.string(), name: z.string(), short: z.string() });
export const siteTypePage = pageOf(siteTypeResponse);

export type LatLngDto = z.input<typeof latLng>;
export type SiteDto = z.input<typeof siteResponse>;
export type SiteVisitDto = z.input<typeof siteVisitResponse>;
export type SiteOpenProblemDto = z.input<typeof siteOpenProblem>;
export type SiteDetailDto = z.input<typeof siteDetailResponse>;
export type SiteTypeDto = z.input<typeof siteTypeResponse>;
export type CreateSiteInput = z.input<typeof siteBody>;
export type UpdateSiteInput = z.input<typeof updateSiteBody>;
