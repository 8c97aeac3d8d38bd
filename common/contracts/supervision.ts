/** The supervision API (督办单): shared by the server and the web client (see shared.ts). */
import { z } from 'zod';
import { id, timestamp } from './shared';

/** A 督办单 issued on a problem (listed in the problem's detail). */
export const supervisionNoticeResponse = z.object({
  id,
  code: z.string(),
  issuedAt: timestamp,
  deadline: timestamp.nullable(),
  escalatedAt: timestamp.nullable(),
  escalatedTo: z.string().nullable(),
});

/** The printable 督办单 is an HTML page (GET /api/supervision-notices/:id/print). */
export const SUPERVISION_PRINT_MIME = 'text/html';

export type SupervisionNoticeDto = z.input<typeof supervisionNoticeResponse>;
