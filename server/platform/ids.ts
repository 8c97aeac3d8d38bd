/**
 * Ids of rows written at a high rate and looked up by them from other tables (problems): UUIDv7, time-ordered (RFC
 * 9562). A random (v4) id lands on a random leaf of every index keyed by it — the problem's own key and, through its
 * problem_id, the timeline's, the audit trail's subject index, the notices', the photos' — so each new problem
 * dirtied pages spread over those indexes, and the first change of a page after a checkpoint writes the whole 8 kB
 * page into the WAL: a report wrote 13.2 kB of WAL, 1.48 full-page images (bench:problems, 2026-12-05 seventh
 * session). Time-ordered ids append to the right edge of those indexes instead. The id shows when it was made, which
 * the problem's code (WT202612-…) and its pages show anyway.
 */
import { v7 } from 'uuid';

/** A new time-ordered id (UUIDv7). */
export function newId(): string {
  return v7();
}
