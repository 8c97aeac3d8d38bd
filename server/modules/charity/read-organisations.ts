/** 慈善组织 as the caller may see them (a page in scope; one record or 404) and the registry as an .xlsx ledger. */
import { CHARITY_ORG_KIND_LABELS, CHARITY_ORG_STATUS_LABELS } from '../../../common/charity';
import type { OrgsQuery } from '../../../common/contracts/charity';
import type { Ctx } from '../../platform/context';
import { buildWorkbook, type SheetColumn } from '../../platform/xlsx';
import { adminOrgIdsOf, assertReadOrg } from './access';
import { toOrgDto, type OrgDto } from './presenter';
import { findOrg, orgAdmins, visibleOrgs } from './repository';

export async function readOrganisations(ctx: Ctx, q: OrgsQuery): Promise<{ items: OrgDto[]; total: number }> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const { rows, total } = await visibleOrgs(ctx.db, ctx.actor, adminOrgs, q);
  const admins = await orgAdmins(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toOrgDto(r, admins.get(r.id) ?? [], ctx.actor, adminOrgs)), total };
}

export async function readOrganisation(ctx: Ctx, id: string): Promise<OrgDto> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const org = await findOrg(ctx.db, id);
  assertReadOrg(ctx.actor, org, adminOrgs);
  const admins = await orgAdmins(ctx.db, [id]);
  return toOrgDto(org, admins.get(id) ?? [], ctx.actor, adminOrgs);
}

const COLUMNS: SheetColumn[] = [
  { header: '组织名称', width: 28 },
  { header: '统一社会信用代码', width: 22 },
  { header: '组织类型', width: 12 },
  { header: '登记区划', width: 14 },
  { header: '状态', width: 10 },
  { header: '登记日期', width: 12 },
  { header: '联系人', width: 10 },
  { header: '联系电话', width: 16 },
  { header: '地址', width: 30 },
  { header: '项目数', width: 8, kind: 'integer' },
  { header: '累计募集（元）', width: 16, kind: 'number', numFmt: '#,##0.00' },
  { header: '累计支出（元）', width: 16, kind: 'number', numFmt: '#,##0.00' },
];

/** 慈善组织台账 (.xlsx): every organisation the caller sees under the list's filters, with its sums in yuan. */
export async function exportOrganisations(ctx: Ctx, q: Omit<OrgsQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const rows: unknown[][] = [];
  for (let page = 1; ; page++) {
    const got = await visibleOrgs(ctx.db, ctx.actor, adminOrgs, { ...q, page, pageSize: 500 });
    for (const o of got.rows) {
      rows.push([
        o.name,
        o.credit_code,
        CHARITY_ORG_KIND_LABELS[o.kind],
        o.region_name,
        CHARITY_ORG_STATUS_LABELS[o.status],
        o.registered_on ?? '',
        o.contact_name ?? '',
        o.contact_phone ?? '',
        o.address ?? '',
        o.project_count,
        o.raised_fen / 100,
        o.spent_fen / 100,
      ]);
    }
    if (got.rows.length < 500) break;
  }
  return buildWorkbook('慈善组织台账', COLUMNS, rows, { title: '慈善组织台账', now: ctx.clock.now() });
}
