/**
 * What a tracking code shows: the status in the citizen's words (受理 / 处理中 / 已办结, or 不予受理 with the reason
 * the office chose for the public), the citizen's own description and photos, the after-photos once closed, and the
 * rating. Nothing about who reported, who works it or what staff wrote to each other.
 */
import { PUBLIC_STATUS_LABELS, PUBLIC_STATUS_OF_STATE, RATING_LABELS, type PublicStatus } from '../../../common/public-reports';
import type { ProblemState } from '../../../common/problem-workflow';
import type { Db, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { findByTracking, photoIds } from './repository';
import { trackingHash } from './tracking-code';

const GENERIC_REJECT = '经核实，该问题不予受理。';

/** The report behind a code, or 404 (the same answer for a code that never existed). */
export async function loadTracked(db: Db | Tx, code: string) {
  const row = await findByTracking(db, trackingHash(code));
  if (!row) throw new AppError('not_found', '查询码不存在，请核对后重试');
  return row;
}

/** Which photos a tracking code may show: the citizen's own and, once closed, the after-photos. */
export async function trackedPhotos(db: Db | Tx, row: Awaited<ReturnType<typeof loadTracked>>) {
  const status = PUBLIC_STATUS_OF_STATE[row.state as ProblemState];
  const [photos, after] = await Promise.all([
    photoIds(db, row.original_problem_id, 'report'),
    status === 'closed' ? photoIds(db, row.problem_id, 'rectification') : Promise.resolve([]),
  ]);
  return { photos, after, status };
}

/** The public answer for a tracking code. */
export async function readTracking(db: Db | Tx, code: string) {
  const row = await loadTracked(db, code);
  const { photos, after, status } = await trackedPhotos(db, row);
  const url = (id: string) => `/api/public/reports/${code}/photos/${id}`;
  const order: PublicStatus[] = status === 'rejected' ? ['received', 'rejected'] : ['received', 'processing', 'closed'];
  const reached = order.indexOf(status);
  return {
    status,
    statusText: PUBLIC_STATUS_LABELS[status],
    updatedAt: row.updated_at,
    reportedAt: row.created_at,
    categoryName: row.category_name,
    description: row.description,
    rejectReason: status === 'rejected' ? (row.public_reply ?? GENERIC_REJECT) : null,
    steps: order.map((s, i) => ({ status: s, label: PUBLIC_STATUS_LABELS[s], done: i <= reached })),
    photos: photos.map(url),
    afterPhotos: after.map(url),
    rating:
      row.rating && row.rated_at
        ? { value: row.rating, label: RATING_LABELS[row.rating], comment: row.rating_comment, ratedAt: row.rated_at }
        : null,
    canRate: status === 'closed' && !row.rating,
  };
}
