/** Request schemas for units: the bodies are the shared contracts (common/contracts/units.ts); the list query is the server's. */
import { z } from 'zod';
import { UNIT_TYPES } from '../../../common/enums';
import { createUnitBody, updateUnitBody } from '../../../common/contracts';
import { blankToUndefined, pageQuery, queryBool } from '../../platform/pagination';

export { createUnitBody, updateUnitBody };
/** A telephone number (one definition, in common/contracts/units.ts). */
export { phone } from '../../../common/contracts';

export const listUnitsQuery = pageQuery.extend({
  search: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  type: z.preprocess(blankToUndefined, z.enum(UNIT_TYPES).optional()),
  regionId: z.preprocess(blankToUndefined, z.uuid().optional()),
  active: z.preprocess(blankToUndefined, queryBool),
  sort: z.enum(['name', 'type', 'region', 'createdAt']).default('name'),
});

export type CreateUnitInput = z.infer<typeof createUnitBody>;
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
