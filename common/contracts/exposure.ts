/**
 * The 曝光台 API. Staff (/api/exposures): proposals, redaction (boxes per photo, public text), 提交审批, 批准/退回 and
 * 撤下 through `/transitions`. Public (/api/public/exposures, /api/public/units, /api/public/rankings): only what may be
 * shown — the unit responsible, when the problem was found, its deadline, once fixed the days it took, the public text
 * and the redacted copies of the photos. Never a reporter, an assignee, an internal note, an unpublished or taken-down
 * item, or an unpublished ranking.
 */
import { z } from 'zod';
import { EXPOSURE_ACTION_NAMES, EXPOSURE_STATES } from '../exposure-workflow';
import { id, pageOf, timestamp } from './shared';

const box = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });

/* ---------------------------------------------------------------- staff */

export const proposeExposureBody = z.object({
  problemId: z.uuid('问题编号格式不正确'),
  /** The public title; absent: drafted from the problem's category and address. */
  title: z.string().trim().min(4, '公开标题至少 4 个字').max(60, '公开标题至多 60 个字').optional(),
  description: z.string().trim().min(10, '公开说明至少 10 个字').max(1000).optional(),
});

export const exposureTransitionBody = z.object({
  action: z.enum(EXPOSURE_ACTION_NAMES, { error: '操作为 edit、submit、approve、return 或 take_down' }),
  version: z.number().int().min(1).optional(),
  title: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  photos: z
    .array(z.object({ id: z.string().max(64), boxes: z.array(box).max(100) }))
    .max(50)
    .optional(),
  afterPhotos: z
    .array(z.object({ fileId: z.string().max(64), boxes: z.array(box).max(100) }))
    .max(50)
    .optional(),
  comment: z.string().max(500).optional(),
  reason: z.string().max(500).optional(),
});

export const exposurePhotoResponse = z.object({
  id,
  position: z.number().int(),
  fileId: id,
  stage: z.enum(['before', 'after']),
  boxes: z.array(box),
  /** The oriented original's size (the editor scales boxes to it); null until the first render. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  rendered: z.boolean(),
});

const exposureCore = {
  id,
  problemId: id,
  problemCode: z.string(),
  problemState: z.string(),
  problemStateLabel: z.string(),
  regionId: id,
  regionName: z.string(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  state: z.enum(EXPOSURE_STATES),
  stateLabel: z.string(),
  title: z.string(),
  foundAt: timestamp,
  deadline: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  proposedAt: timestamp,
  publishedAt: timestamp.nullable(),
  takenDownAt: timestamp.nullable(),
  version: z.number().int(),
  allowedActions: z.array(z.enum(EXPOSURE_ACTION_NAMES)),
};

export const exposureListItem = z.object({ ...exposureCore, photoCount: z.number().int(), boxCount: z.number().int() });
export const exposurePage = pageOf(exposureListItem);

export const exposureResponse = z.object({
  ...exposureCore,
  description: z.string(),
  /** The problem's own (internal) description, for the office writing the public text. */
  problemDescription: z.string(),
  /** Found by a (released) covert round. */
  isCovertFinding: z.boolean(),
  proposedByName: z.string().nullable(),
  submittedAt: timestamp.nullable(),
  returnedAt: timestamp.nullable(),
  returnReason: z.string().nullable(),
  approvedByName: z.string().nullable(),
  approveComment: z.string().nullable(),
  takenDownByName: z.string().nullable(),
  takeDownReason: z.string().nullable(),
  daysTaken: z.number().nullable(),
  photos: z.array(exposurePhotoResponse),
  /** The problem's rectification photos not yet on the item (公开整改后照片 once it is published and fixed). */
  pendingAfterPhotos: z.array(z.object({ fileId: id })),
});

/** Whether a problem may be proposed, and why not (the problem page's 提出曝光 button). */
export const exposureEligibility = z.object({
  canPropose: z.boolean(),
  reason: z.string().nullable(),
  exposureId: id.nullable(),
});

/* ---------------------------------------------------------------- public */

export const publicExposureItem = z.object({
  id,
  title: z.string(),
  townName: z.string(),
  unitId: id.nullable(),
  unitName: z.string(),
  foundAt: timestamp,
  deadline: timestamp.nullable(),
  publishedAt: timestamp,
  /** 已整改 once the problem is closed. */
  fixed: z.boolean(),
  fixedAt: timestamp.nullable(),
  /** Days from found to fixed (one decimal), null while open. */
  daysTaken: z.number().nullable(),
  /** Open past its deadline, or fixed after it. */
  overdue: z.boolean(),
  /** The first redacted before-photo and, once fixed, the first after-photo (public URLs). */
  beforePhoto: z.string().nullable(),
  afterPhoto: z.string().nullable(),
});
export const publicExposurePage = pageOf(publicExposureItem);

export const publicExposureResponse = publicExposureItem.extend({
  description: z.string(),
  beforePhotos: z.array(z.string()),
  afterPhotos: z.array(z.string()),
});

export const publicExposureFilters = z.object({
  months: z.array(z.object({ period: z.string(), label: z.string(), count: z.number().int() })),
  towns: z.array(z.object({ id, name: z.string() })),
  units: z.array(z.object({ id, name: z.string() })),
});

export const publicUnitRecord = z.object({
  unitId: id,
  unitName: z.string(),
  exposed: z.number().int(),
  fixed: z.number().int(),
  overdue: z.number().int(),
});
export const publicUnitPage = pageOf(publicUnitRecord);
export const publicUnitRecordResponse = publicUnitRecord.extend({ items: z.array(publicExposureItem) });

const rankingEntry = z.object({ rank: z.number().int(), name: z.string(), score: z.number() });
export const publicRankings = z.object({
  /** false: no month is published yet (the page says so). */
  published: z.boolean(),
  message: z.string().nullable(),
  rankings: z.array(
    z.object({
      runId: id,
      schemeName: z.string(),
      regionName: z.string(),
      period: z.string(),
      periodLabel: z.string(),
      publishedAt: timestamp,
      groups: z.array(z.object({ name: z.string(), red: z.array(rankingEntry), black: z.array(rankingEntry) })),
    }),
  ),
});
