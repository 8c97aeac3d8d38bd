/** Request schemas for regions: the bodies are the shared contracts (common/contracts/regions.ts); the list query is the server's. */
import { z } from 'zod';
import { REGION_LEVELS } from '../../../common/enums';
import { blankToUndefined, pageQuery } from '../../platform/pagination';

export { createRegionBody, idParam, regionCode, updateRegionBody } from '../../../common/contracts';

export const listRegionsQuery = pageQuery.extend({
  parentId: z.preprocess(blankToUndefined, z.union([z.uuid(), z.literal('root')]).optional()),
  level: z.preprocess(blankToUndefined, z.enum(REGION_LEVELS).optional()),
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  sort: z.enum(['code', 'name', 'level']).default('code'),
});
