/** Request schemas of /api/hotline. */
import { z } from 'zod';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';

export const orderFilterQuery = z.object({
  orderNo: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()),
  replied: queryBool,
  regionId: z.preprocess(blankToUndefined, z.uuid('区域编号格式不正确').optional()),
});
export const orderListQuery = pageQuery.extend(orderFilterQuery.shape);
export const intakeQuery = z.object({ api_key: z.string().max(200).optional() });
