/** Public problem rows → Open311 requests and updates (no reporter, no note, no covert detail). */
import {
  PROBLEM_ACTION_LABELS,
  PROBLEM_EVENT_LABELS,
  PROBLEM_STATE_LABELS,
  type ProblemAction,
  type ProblemState,
} from '../../../common/problem-workflow';
import type { Open311RequestDto, Open311UpdateDto } from '../../../common/contracts';
import { w3c } from './datetime';
import type { PublicRequestRow } from './repository';

const CLOSED = new Set(['closed', 'rejected']);

/** The public, EXIF-free copy of a photo. */
export const mediaUrl = (base: string, fileId: string | null) => (fileId ? `${base}/open311/v2/media/${fileId}.jpg` : null);

/** A problem as an Open311 service request. */
export function presentRequest(r: PublicRequestRow, base: string): Open311RequestDto {
  return {
    service_request_id: r.code,
    status: CLOSED.has(r.state) ? 'closed' : 'open',
    status_notes: PROBLEM_STATE_LABELS[r.state as ProblemState] ?? null,
    service_name: r.service_name,
    service_code: r.category_code,
    description: r.description,
    agency_responsible: r.unit_name,
    service_notice: null,
    requested_datetime: w3c(r.created_at)!,
    updated_datetime: w3c(r.updated_at)!,
    expected_datetime: w3c(r.deadline),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: mediaUrl(base, r.photo_id),
  };
}

/** A status change as an Open311 update: the step's name only (never its comment). */
export function presentUpdate(
  e: { id: string | number; action: string; to_state: string | null; occurred_at: Date; code: string; after_photo_id: string | null },
  base: string,
): Open311UpdateDto {
  const closed = CLOSED.has(e.to_state ?? '');
  const step = PROBLEM_ACTION_LABELS[e.action as ProblemAction] ?? PROBLEM_EVENT_LABELS[e.action] ?? '状态更新';
  return {
    update_id: String(e.id),
    service_request_id: e.code,
    status: closed ? 'closed' : 'open',
    updated_datetime: w3c(e.occurred_at)!,
    description: `${step}：${PROBLEM_STATE_LABELS[e.to_state as ProblemState] ?? ''}`,
    media_url: e.to_state === 'closed' ? mediaUrl(base, e.after_photo_id) : null,
  };
}
