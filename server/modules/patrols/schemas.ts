/** Request schemas for check-ins (the check-in body is shared with the web, in common/contracts/patrols.ts). */
import { z } from 'zod';
import { monthCode } from '../../../common/contracts/patrols';
import { blankToUndefined } from '../../platform/pagination';

/** The month and the filters every month view takes (grid, missed days, export). */
export const monthQuery = z.object({
  /** YYYY-MM; the current Beijing month when left out. */
  month: z.preprocess(blankToUndefined, monthCode.optional()),
  regionId: z.preprocess(blankToUndefined, z.uuid().optional()),
  siteTypeCode: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  unitId: z.preprocess(blankToUndefined, z.uuid().optional()),
  leadUserId: z.preprocess(blankToUndefined, z.uuid().optional()),
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
});

export const gridQuery = monthQuery.extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  /** region: sites whose 点长 has an account first, then by region and name; rate: lowest first; missed: most first; name. */
  sort: z.enum(['region', 'rate', 'missed', 'name']).default('region'),
});

export { checkInBody } from '../../../common/contracts/patrols';
export { idParam } from '../../../common/contracts';
