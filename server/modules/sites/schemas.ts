/** Request schemas for sites. */
import { z } from 'zod';
import type { siteBody } from '../../../common/contracts';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';

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

/** Site bodies (one definition, in common/contracts, shared with the web). */
export { siteBody, updateSiteBody } from '../../../common/contracts';
export type SiteInput = z.infer<typeof siteBody>;

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
