/** Request schemas of /api/exposures and /api/public/… (params and list queries); bodies and responses are in common/contracts/exposure.ts. */
import { z } from 'zod';
import { EXPOSURE_STATES } from '../../../common/exposure-workflow';
import { blankToUndefined, pageQuery } from '../../platform/pagination';
import { EXPOSURE_SORTS } from './repository';

const uuid = (what: string) => z.preprocess(blankToUndefined, z.uuid(`${what}编号格式不正确`).optional());

export const exposureListQuery = pageQuery.extend({
  state: z.preprocess(blankToUndefined, z.enum(EXPOSURE_STATES, { error: '状态为 draft、submitted、published 或 taken_down' }).optional()),
  unitId: uuid('单位'),
  regionId: uuid('区划'),
  problemId: uuid('问题'),
  q: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  sort: z.enum(EXPOSURE_SORTS).default('proposedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const photoParams = z.object({ id: z.uuid('编号格式不正确'), photoId: z.uuid('照片编号格式不正确') });
export const problemParam = z.object({ problemId: z.uuid('问题编号格式不正确') });

const month = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 2026-12')
    .optional(),
);

export const publicListQuery = z.object({
  page: z.coerce.number({ error: '页码须为数字' }).int().min(1).max(10000).default(1),
  pageSize: z.coerce.number({ error: '每页条数须为数字' }).int().min(1).max(50).default(12),
  month,
  regionId: uuid('区划'),
  unitId: uuid('单位'),
});

export const publicFiltersQuery = z.object({ regionId: uuid('区划') });

export const publicUnitsQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  regionId: uuid('区划'),
});

export const publicRankingsQuery = z.object({ period: month, regionId: uuid('区划') });
