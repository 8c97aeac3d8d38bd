/** 慈善之家 rows as the contracts shape them (common/contracts/charity.ts): staff views and the public ledger. */
import type { z } from 'zod';
import type {
  entryResponse,
  orgResponse,
  projectResponse,
  projectSummary,
  publicEntry,
  publicProject,
  publicProjectSummary,
} from '../../../common/contracts/charity';
import { ANONYMOUS_DONOR } from '../../../common/charity';
import type { Actor } from '../../platform/actor';
import { mayEditProjects, mayManageRegistry, mayRecord } from './access';
import type { EntryRow, OrgRow, ProjectRow, ReceiptRow } from './repository';

export type OrgDto = z.output<typeof orgResponse>;
export type ProjectSummaryDto = z.output<typeof projectSummary>;
export type ProjectDto = z.output<typeof projectResponse>;
export type EntryDto = z.output<typeof entryResponse>;

export const receiptUrl = (projectId: string, receiptId: string) => `/api/charity/projects/${projectId}/receipts/${receiptId}`;
export const publicReceiptUrl = (receiptId: string) => `/api/public/charity/receipts/${receiptId}`;

export function toOrgDto(o: OrgRow, admins: Array<{ userId: string; name: string }>, actor: Actor, adminOrgs: string[]): OrgDto {
  const manages = mayManageRegistry(actor, o);
  return {
    id: o.id,
    regionId: o.region_id,
    regionName: o.region_name,
    name: o.name,
    creditCode: o.credit_code,
    kind: o.kind,
    status: o.status,
    registeredOn: o.registered_on,
    contactName: o.contact_name,
    contactPhone: o.contact_phone,
    address: o.address,
    description: o.description,
    admins,
    projectCount: o.project_count,
    raisedFen: o.raised_fen,
    spentFen: o.spent_fen,
    createdAt: o.created_at,
    version: o.version,
    abilities: {
      update: manages,
      manageAdmins: manages,
      addProject: o.status === 'active' && mayEditProjects(actor, o, adminOrgs),
    },
  };
}

export function toProjectSummary(p: ProjectRow): ProjectSummaryDto {
  return {
    id: p.id,
    orgId: p.org_id,
    orgName: p.org_name,
    regionId: p.region_id,
    regionName: p.region_name,
    name: p.name,
    category: p.category,
    goalFen: p.goal_fen,
    beneficiaries: p.beneficiaries,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    status: p.status,
    entryCount: p.entry_count,
    raisedFen: p.raised_fen,
    spentFen: p.spent_fen,
    balanceFen: p.raised_fen - p.spent_fen,
  };
}

/** A complete public ledger: at least one entry, and every live spending entry shows a receipt. */
export function isLedgerComplete(entries: EntryRow[], receipts: ReceiptRow[]): boolean {
  const withReceipt = new Set(receipts.map((r) => r.entry_id));
  const live = entries.filter((e) => !e.corrected_by_id);
  return live.length > 0 && live.every((e) => e.kind !== 'spending' || withReceipt.has(e.id));
}

function receiptsOf(entryId: string, receipts: ReceiptRow[]) {
  return receipts.filter((r) => r.entry_id === entryId);
}

export function toEntryDto(e: EntryRow, receipts: ReceiptRow[], canRecord: boolean): EntryDto {
  return {
    id: e.id,
    entryNo: e.entry_no,
    kind: e.kind,
    donationType: e.donation_type,
    amountFen: e.amount_fen,
    goodsDescription: e.goods_description,
    goodsQuantity: e.goods_quantity,
    donorName: e.kind === 'donation' ? (e.donor_name ?? ANONYMOUS_DONOR) : null,
    donorContact: e.donor_contact,
    occurredOn: e.occurred_on,
    purpose: e.purpose,
    correctsId: e.corrects_id,
    reason: e.reason,
    correctedById: e.corrected_by_id,
    receipts: receiptsOf(e.id, receipts).map((r) => ({
      id: r.id,
      name: r.original_name,
      mime: r.mime,
      size: r.size_bytes,
      url: receiptUrl(e.project_id, r.id),
    })),
    recordedByName: e.recorded_by_name,
    createdAt: e.created_at,
    abilities: { correct: canRecord && !e.corrected_by_id },
  };
}

export function toProjectDto(
  p: ProjectRow,
  entries: EntryRow[],
  receipts: ReceiptRow[],
  activities: Array<{ id: string; title: string; starts_at: Date; place: string; state: string }>,
  actor: Actor,
  adminOrgs: string[],
): ProjectDto {
  const place = { org_id: p.org_id, org_region_path: p.org_region_path };
  const canRecord = mayRecord(actor, place, adminOrgs) && p.status !== 'closed';
  const edits = mayEditProjects(actor, place, adminOrgs);
  return {
    ...toProjectSummary(p),
    description: p.description,
    entries: entries.map((e) => toEntryDto(e, receipts, canRecord)),
    activities: activities.map((a) => ({ id: a.id, title: a.title, startsAt: a.starts_at, place: a.place, state: a.state })),
    isLedgerComplete: isLedgerComplete(entries, receipts),
    version: p.version,
    abilities: { update: edits, record: canRecord, linkActivities: edits },
  };
}

// ---- public --------------------------------------------------------------------------------------------------------

export function toPublicSummary(p: ProjectRow): z.output<typeof publicProjectSummary> {
  return {
    id: p.id,
    orgName: p.org_name,
    regionName: p.region_name,
    name: p.name,
    category: p.category,
    goalFen: p.goal_fen,
    beneficiaries: p.beneficiaries,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    status: p.status,
    raisedFen: p.raised_fen,
    spentFen: p.spent_fen,
    balanceFen: p.raised_fen - p.spent_fen,
  };
}

/** The public ledger: donors as given or 匿名; no contact, no recorder, no staff link. */
export function toPublicEntry(e: EntryRow, receipts: ReceiptRow[]): z.output<typeof publicEntry> {
  return {
    id: e.id,
    entryNo: e.entry_no,
    kind: e.kind,
    donationType: e.donation_type,
    amountFen: e.amount_fen,
    goodsDescription: e.goods_description,
    goodsQuantity: e.goods_quantity,
    donorName: e.kind === 'donation' ? (e.donor_name ?? ANONYMOUS_DONOR) : null,
    occurredOn: e.occurred_on,
    purpose: e.purpose,
    correctsId: e.corrects_id,
    reason: e.reason,
    correctedById: e.corrected_by_id,
    receipts: receiptsOf(e.id, receipts).map((r) => ({ id: r.id, name: r.original_name, mime: r.mime, url: publicReceiptUrl(r.id) })),
    createdAt: e.created_at,
  };
}

export function toPublicProject(
  p: ProjectRow,
  entries: EntryRow[],
  receipts: ReceiptRow[],
  activities: Array<{ title: string; starts_at: Date; place: string; state: string }>,
): z.output<typeof publicProject> {
  return {
    ...toPublicSummary(p),
    orgCreditCode: p.org_credit_code,
    description: p.description,
    entries: entries.map((e) => toPublicEntry(e, receipts)),
    activities: activities.filter((a) => a.state !== 'cancelled').map((a) => ({ title: a.title, startsAt: a.starts_at, place: a.place })),
  };
}
