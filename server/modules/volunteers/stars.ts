/**
 * Star thresholds (★1 … ★5 by certified hours) as versioned reference data: data/volunteer-stars.json, checked when
 * the module loads (ascending, five levels) so a bad edit fails the start-up, not a volunteer's record.
 */
import { z } from 'zod';
import type { StarThresholds } from '../../../common/volunteers';
import file from './data/volunteer-stars.json';

const schema = z.object({
  version: z.number().int().min(1),
  source: z.string().min(1),
  hours: z
    .array(z.number().positive())
    .length(5)
    .refine((h) => h.every((x, i) => i === 0 || x > h[i - 1]!), 'star hours must ascend'),
});

const thresholds: StarThresholds = schema.parse(file);

/** The thresholds in force (hours for ★1 … ★5) and the file's version. */
export const starThresholds = (): StarThresholds => thresholds;
export const starHours = (): number[] => thresholds.hours;
