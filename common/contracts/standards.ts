/** The standards API (测评体系): request bodies and responses, shared by the server and the web client (see shared.ts). */
import { z } from 'zod';
import { STANDARD_METHODS, VERSION_SOURCES } from '../inspections';
import { id, pageOf, timestamp } from './shared';

export const cloneVersionBody = z.object({ name: z.string().trim().min(2, '请填写新版本名称').max(60) });

/** A standards version in the list, with its campaign and how many standards it holds. */
export const standardVersionResponse = z.object({
  id,
  name: z.string(),
  campaignId: id,
  campaignName: z.string(),
  source: z.enum(VERSION_SOURCES),
  clonedFrom: id.nullable(),
  createdAt: timestamp,
  standards: z.number().int(),
});
export const standardVersionPage = pageOf(standardVersionResponse);

const unitRef = z.object({ id, name: z.string() });

/** One standard (测评标准) with its 测评项目/测评内容 names, lead unit and responsible units. */
export const standardResponse = z.object({
  id,
  code: z.string(),
  text: z.string(),
  method: z.enum(STANDARD_METHODS),
  points: z.number(),
  siteTypeCodes: z.array(z.string()),
  leadUnitId: id.nullable(),
  leadUnitName: z.string().nullable(),
  units: z.array(unitRef),
  negative: z.boolean(),
  itemName: z.string().nullable(),
  contentName: z.string(),
});

/** Live compliance of a standard: observations (pass + fail) in visible rounds and the pass rate (null with none). */
const compliance = { observations: z.number().int(), passRate: z.number().nullable() };

/** One standard with its version and live compliance (GET /api/standards/:id). */
export const standardDetailResponse = standardResponse.extend({ versionId: id, ...compliance });

/** A level-2 node (测评内容) of the tree and its standards. */
export const standardContentNode = z.object({ id, name: z.string(), level: z.number().int(), standards: z.array(standardResponse) });
/** A level-1 node (测评项目) of the tree. */
export const standardItemNode = z.object({ id, name: z.string(), level: z.number().int(), children: z.array(standardContentNode) });

/** A version as a 项目 → 内容 → 标准 tree. */
export const versionTreeResponse = z.object({
  id,
  name: z.string(),
  campaignId: id,
  campaignName: z.string(),
  items: z.array(standardItemNode),
  standards: z.number().int(),
});

/** What changed from one version to another, by standard code (a field's values as the standards carry them). */
export const versionDiffResponse = z.object({
  added: z.array(z.object({ code: z.string(), text: z.string() })),
  removed: z.array(z.object({ code: z.string(), text: z.string() })),
  changed: z.array(
    z.object({
      code: z.string(),
      fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
});

/** A standard a unit leads (牵头) or answers for (责任), with live compliance (任务分解). */
export const unitStandardResponse = standardResponse.extend({
  role: z.enum(['lead', 'responsible']),
  ...compliance,
});
export const unitStandardsResponse = z.object({ unit: unitRef, items: z.array(unitStandardResponse), total: z.number().int() });

/** A new version written by an import or a clone. */
export const versionWrittenResponse = z.object({
  versionId: id,
  counts: z.object({ items: z.number().int(), standards: z.number().int() }),
});

export type StandardVersionDto = z.input<typeof standardVersionResponse>;
export type StandardDto = z.input<typeof standardResponse>;
export type StandardDetailDto = z.input<typeof standardDetailResponse>;
export type StandardContentDto = z.input<typeof standardContentNode>;
export type StandardItemDto = z.input<typeof standardItemNode>;
export type VersionTreeDto = z.input<typeof versionTreeResponse>;
export type VersionDiffDto = z.input<typeof versionDiffResponse>;
export type UnitStandardDto = z.input<typeof unitStandardResponse>;
export type UnitStandardsDto = z.input<typeof unitStandardsResponse>;
export type VersionWrittenDto = z.input<typeof versionWrittenResponse>;
export type CloneVersionInput = z.input<typeof cloneVersionBody>;
