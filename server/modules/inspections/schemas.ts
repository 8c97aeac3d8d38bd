/** Request schemas for inspection rounds and visits. */
import { z } from 'zod';
import { ROUND_KINDS } from '../../../common/inspections';
import type { createRoundBody, visitBody } from '../../../common/contracts';
import { blankToUndefined, pageQuery } from '../../platform/pagination';

/** Round and visit bodies (one definition, in common/contracts, shared with the web). */
export { createRoundBody, visitBody } from '../../../common/contracts';
export type CreateRoundInput = z.infer<typeof createRoundBody>;
export type VisitInput = z.infer<typeof visitBody>;

export const listRoundsQuery = pageQuery.extend({
  kind: z.preprocess(blankToUndefined, z.enum(ROUND_KINDS).optional()),
  campaignId: z.preprocess(blankToUndefined, z.uuid().optional()),
  mine: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
});

/** The `:id` path parameter (one definition, in common/contracts). */
export { idParam } from '../../../common/contracts';
