/** Request schemas of /api/integrations. */
import { z } from 'zod';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';

export const keyListQuery = pageQuery.extend({
  regionId: z.preprocess(blankToUndefined, z.uuid('区域编号格式不正确').optional()),
  revoked: queryBool,
});
export const regionParam = z.object({ regionId: z.uuid('区域编号格式不正确') });
