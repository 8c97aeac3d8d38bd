/** Request schemas for sites. */
import { z } from 'zod';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';
import { phone } from '../units/schemas';

export const listSitesQuery = pageQuery.extend({
  siteTypeCode: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  regionId: z.preprocess(blankToUndefined, z.uuid().optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid().optional()),
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  active: z.preprocess(blankToUndefined, queryBool),
  mine: z.preprocess(blankToUndefined, queryBool),
  near: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'near 格式为 纬度,经度')
      .optional(),
  ),
  sort: z.enum(['name', 'type', 'region', 'distance']).default('name'),
});

const polygon = z
  .array(z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]))
  .min(3)
  .max(500);

export const siteBody = z.object({
  name: z.string().trim().min(2, '点位名称至少 2 个字').max(60),
  siteTypeCode: z.string().trim().min(1, '请选择点位类型').max(40),
  address: z.string().trim().max(200).nullable().optional(),
  location: z
    .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
  polygon: polygon.nullable().optional(),
  regionId: z.uuid('请选择所属区域'),
  unitId: z.uuid().nullable().optional(),
  leadUserId: z.uuid().nullable().optional(),
  leadName: z.string().trim().max(30).nullable().optional(),
  leadPhone: phone,
  photoFileId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});
export type SiteInput = z.infer<typeof siteBody>;
export const updateSiteBody = siteBody.partial().extend({ version: z.number().int().min(1) });

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
