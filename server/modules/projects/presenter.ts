/** Project rows → the API shapes (common/contracts/tasks.ts): status and countdown for today, milestones, photos. */
import type { z } from 'zod';
import type { milestoneResponse, projectPhotoResponse, projectResponse } from '../../../common/contracts/tasks';
import { daysToHandover, MILESTONE_KINDS, projectStatus, type MilestoneKind, type ProjectType } from '../../../common/tasks';
import type { Actor } from '../../platform/actor';
import { mayManageProject, mayUpdateProgress } from './access';
import type { MilestoneRow, PhotoRow, ProjectRow } from './repository';

export function presentMilestone(m: MilestoneRow, today: string): z.output<typeof milestoneResponse> {
  return {
    id: m.id,
    kind: m.kind,
    plannedDate: m.planned_date,
    actualDate: m.actual_date,
    note: m.note,
    late: !m.actual_date && m.planned_date < today,
    version: m.version,
  };
}

/** The milestone reached last (in milestone order), or null before any. */
export function currentMilestone(milestones: readonly MilestoneRow[]): MilestoneKind | null {
  let current: MilestoneKind | null = null;
  for (const kind of MILESTONE_KINDS) if (milestones.some((m) => m.kind === kind && m.actual_date)) current = kind;
  return current;
}

export function presentProject(
  p: ProjectRow,
  milestones: readonly MilestoneRow[],
  today: string,
  actor: Actor,
): z.output<typeof projectResponse> {
  const progress = mayUpdateProgress(actor, p);
  return {
    id: p.id,
    campaignId: p.campaign_id,
    regionId: p.region_id,
    regionName: p.region_name,
    name: p.name,
    type: p.type as ProjectType,
    address: p.address,
    lat: p.lat,
    lng: p.lng,
    outline: p.outline,
    ownerUnit: { id: p.owner_unit_id, name: p.owner_unit_name },
    investmentPlanned: Number(p.investment_planned),
    investmentSpent: Number(p.investment_spent),
    handoverDate: p.handover_date,
    daysToHandover: daysToHandover(p.handover_date, today),
    status: projectStatus(
      milestones.map((m) => ({ kind: m.kind, plannedDate: m.planned_date, actualDate: m.actual_date })),
      p.handover_date,
      today,
    ),
    currentMilestone: currentMilestone(milestones),
    description: p.description,
    taskId: p.task_id,
    milestones: milestones.map((m) => presentMilestone(m, today)),
    version: p.version,
    abilities: { edit: mayManageProject(actor, p), updateMilestones: progress, addPhotos: progress },
  };
}

/** A photo: the watermarked evidence copy and the thumbnail, as /api/files serves them. */
export function presentPhoto(ph: PhotoRow): z.output<typeof projectPhotoResponse> {
  const base = `/api/files/${ph.file_id}`;
  return {
    id: ph.id,
    fileId: ph.file_id,
    milestoneId: ph.milestone_id,
    stage: ph.stage,
    caption: ph.caption,
    url: `${base}/evidence`,
    thumbUrl: `${base}/thumbnail`,
    createdAt: ph.created_at,
  };
}
