/**
 * Per-entity factories over the HTTP API (so every rule applies, as in production): each builds whatever parent
 * it needs and returns ids. They act as the tenant's office (a token client, unaffected by the idle limit when a
 * test moves the clock) unless told otherwise, and fail the test with the answer's body when the API refuses.
 *
 *   const siteId = await makeSite(t);                           // a 农贸市场 in town A, 包保单位 unit A
 *   const { versionId, standards } = await makeStandardsVersion(t);
 *   const { id: roundId, siteIds } = await makeRound(t);         // one site, one version, built as needed
 *   const p = await makeProblem(t, { stage: 'dispatched' });    // reported → 立案 → 派遣 to unit A
 *   const photoId = await makePhoto(await t.asScript('unit'));
 */
import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { ProblemSeverity } from '../../common/problem-workflow';
import type { Client } from './client';
import type { Tenant } from './factories';
import { act, report, uploadPhoto } from './problems';
import { multipartForm, workbook } from './xlsx';

/** The columns of a standards workbook (the import template), in order. */
export const STANDARD_HEADERS = [
  '测评项目',
  '测评内容',
  '编码',
  '测评标准',
  '测评方法',
  '分值',
  '适用点位类型',
  '牵头单位',
  '责任单位',
  '负面清单',
] as const;
/** One row of a standards workbook, in STANDARD_HEADERS order. */
export type StandardRow = [string, string, string, string, string, number | string, string, string, string, string];

const offices = new WeakMap<Tenant, Promise<Client>>();

/** The tenant's office as a token client, signed in once per tenant. */
export function officeOf(t: Tenant): Promise<Client> {
  let c = offices.get(t);
  if (!c) {
    c = t.asScript('office');
    offices.set(t, c);
  }
  return c;
}

let serial = 0;
/** A short name unique within the worker (site and round names must differ within a tenant). */
const unique = (prefix: string) => `${prefix}${++serial}-${crypto.randomBytes(2).toString('hex')}`;

/** The body of a site (POST /api/sites) with defaults: a 农贸市场 in town A kept by unit A. */
export interface SiteOver {
  name?: string;
  siteTypeCode?: string;
  regionId?: string;
  unitId?: string | null;
  address?: string;
  location?: { lat: number; lng: number } | null;
  leadName?: string;
  leadPhone?: string;
  [field: string]: unknown;
}

/** Creates a site (点位) through the API; returns its id. */
export async function makeSite(t: Tenant, over: SiteOver = {}, as?: Client): Promise<string> {
  const c = as ?? (await officeOf(t));
  const name = over.name ?? unique('测试点位');
  const res = await c.post('/api/sites', {
    name,
    siteTypeCode: 'farmers_market',
    regionId: t.townAId,
    unitId: t.unitAId,
    address: `示范路 ${name}`,
    location: { lat: 39.1, lng: 116.4 },
    leadName: '陈晓东',
    leadPhone: '13903190058',
    ...over,
  });
  expect(res.status, `makeSite: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.id as string;
}

/** The default standards: one 实地考察 standard for 农贸市场, lead unit A, unit B responsible. */
export function defaultStandardRows(t: Tenant): StandardRow[] {
  return [
    [
      '和谐宜居的生活环境',
      '农贸市场管理',
      '农贸市场-01-01',
      '市场内无占道经营，商品摆放整齐',
      '实地考察',
      2,
      '农贸市场',
      `城管局${t.tag}`,
      `市场监管局${t.tag}`,
      '否',
    ],
  ];
}

/** A standards version (测评体系) imported through POST /api/standards/import; returns its id and the standards' ids by code. */
export async function makeStandardsVersion(
  t: Tenant,
  rows: StandardRow[] = defaultStandardRows(t),
  opts: { name?: string; campaignId?: string; as?: Client } = {},
): Promise<{ versionId: string; standards: Map<string, string> }> {
  const c = opts.as ?? (await officeOf(t));
  const form = multipartForm({ campaignId: opts.campaignId ?? t.campaignId, versionName: opts.name ?? unique('测评体系') }, [
    ['standards.xlsx', await workbook([...STANDARD_HEADERS], rows)],
  ]);
  const res = await c.request('POST', '/api/standards/import', form.body, { headers: form.headers });
  expect(res.status, `makeStandardsVersion: ${JSON.stringify(res.body)}`).toBe(201);
  const versionId = res.body.versionId as string;
  const tree = await c.get(`/api/standards/versions/${versionId}/tree`);
  expect(tree.status).toBe(200);
  const all = (tree.body.items as Array<{ children: Array<{ standards: Array<{ id: string; code: string }> }> }>).flatMap((i) =>
    i.children.flatMap((ch) => ch.standards),
  );
  return { versionId, standards: new Map(all.map((s) => [s.code, s.id])) };
}

/** The body of a round (POST /api/inspection-rounds); sites and standards are built when not given. */
export interface RoundOver {
  name?: string;
  kind?: 'routine' | 'special' | 'covert' | 'mock' | 'recheck';
  standardVersionId?: string;
  siteIds?: string[];
  inspectorIds?: string[];
  startDate?: string;
  endDate?: string;
  [field: string]: unknown;
}

/** Creates an inspection round (督查轮次); builds one site and a standards version unless given (or sampling). Returns id and sites. */
export async function makeRound(
  t: Tenant,
  over: RoundOver = {},
  as?: Client,
): Promise<{ id: string; siteIds: string[]; standardVersionId: string }> {
  const c = as ?? (await officeOf(t));
  const standardVersionId = over.standardVersionId ?? (await makeStandardsVersion(t)).versionId;
  const sampled = 'sample' in over || 'recheckDays' in over;
  const siteIds = over.siteIds ?? (sampled ? undefined : [await makeSite(t)]);
  const res = await c.post('/api/inspection-rounds', {
    name: unique('督查'),
    kind: 'routine',
    campaignId: t.campaignId,
    startDate: '2026-11-01',
    endDate: '2026-11-30',
    inspectorIds: [t.users.inspector.id],
    ...over,
    standardVersionId,
    ...(siteIds ? { siteIds } : {}),
  });
  expect(res.status, `makeRound: ${JSON.stringify(res.body)}`).toBe(201);
  return { id: res.body.id as string, siteIds: res.body.siteIds as string[], standardVersionId };
}

/** How far through the loop makeProblem takes a report. */
export type ProblemStage = 'reported' | 'accepted' | 'dispatched';

/** The report's fields (POST /api/problems) plus how far to take it and to which unit. */
export interface ProblemOver {
  stage?: ProblemStage;
  /** The unit it is dispatched to (stage 'dispatched'); unit A by default. */
  unitId?: string;
  severity?: ProblemSeverity;
  regionId?: string;
  [field: string]: unknown;
}

/** Reports a problem as the office (or `as`), then accepts and dispatches it as the office when asked; returns the problem as last answered. */
export async function makeProblem(
  t: Tenant,
  over: ProblemOver = {},
  as?: Client,
): Promise<{ id: string; code: string; state: string; version: number; [field: string]: unknown }> {
  const { stage = 'reported', unitId = t.unitAId, regionId = t.countyId, ...fields } = over;
  const office = await officeOf(t);
  // No source unless asked: the server derives it from the reporter's role (an office report is 督查).
  let p = await report(as ?? office, regionId, { source: undefined, ...fields });
  if (stage === 'accepted' || stage === 'dispatched') p = await act(office, p.id, 'accept');
  if (stage === 'dispatched') p = await act(office, p.id, 'dispatch', { unitId });
  expect(p.state).toBe(stage === 'reported' ? 'pending' : stage);
  return p;
}

/** Uploads a small JPEG as `client` (photos are attached only by whoever took them); returns the file id. */
export function makePhoto(client: Client): Promise<string> {
  return uploadPhoto(client);
}
