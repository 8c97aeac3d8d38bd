/** 材料审核: units upload evidence (type checked by content), the office returns or passes it, completeness shows what is missing. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { makeStandardsVersion, officeOf } from '../support/entities';
import { createTenant, type Tenant } from '../support/factories';
import { engineName } from '../support/harness';
import { multipartForm } from '../support/xlsx';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let t: Tenant;
let office: Client;
let standardId: string;
let versionId: string;

describe(`materials review (${engineName})`, () => {
  beforeAll(async () => {
    t = await createTenant();
    office = await officeOf(t);
    // One 网上申报 standard: unit A leads, unit B is responsible (both owe material).
    const version = await makeStandardsVersion(
      t,
      [
        [
          '社会主义精神文明',
          '志愿服务',
          '1.3.1',
          '志愿服务记录完整，按月报送',
          '网上申报',
          2,
          '',
          `城管局${t.tag}`,
          `市场监管局${t.tag}`,
          '否',
        ],
      ],
      { name: '材料测试版' },
    );
    versionId = version.versionId;
    standardId = version.standards.get('1.3.1')!;
  });

  it('accepts a PDF from the lead unit, refuses a renamed text file, and shows what is missing', async () => {
    const unit = await t.asScript('unit');
    const bad = multipartForm({ standardId, period: '2026-11' }, [['台账.pdf', Buffer.from('这不是 PDF')]]);
    const refused = await unit.request('POST', '/api/materials', bad.body, { headers: bad.headers });
    expect(refused.status).toBe(415);
    const ok = multipartForm({ standardId, period: '2026-11', note: '11 月志愿服务台账' }, [['台账.pdf', PDF]]);
    const res = await unit.request('POST', '/api/materials', ok.body, { headers: ok.headers });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', unitId: t.unitAId, period: '2026-11' });
    const view = (await office.get(`/api/materials/completeness?versionId=${versionId}&period=2026-11`)).body;
    expect(view.items.map((r: { unitId: string; status: string; role: string }) => [r.unitId, r.role, r.status]).sort()).toEqual(
      [
        [t.unitAId, 'lead', 'submitted'],
        [t.unitBId, 'responsible', 'missing'],
      ].sort(),
    );
    expect(view.missing).toBe(1);
    const unit2 = await t.asScript('unit2');
    expect((await unit2.get(`/api/materials/${res.body.id}`)).status).toBe(404);
    expect((await unit2.get('/api/materials')).body.items).toEqual([]);
    const detail = (await office.get(`/api/materials/${res.body.id}`)).body;
    const download = await office.get(detail.files[0].url);
    expect(download.raw.equals(PDF)).toBe(true);
  });

  it('returns with a comment (the unit is told), takes a resubmission, then passes it', async () => {
    const unit = await t.asScript('unit');
    // Its own period, so this test does not lean on the one above.
    const first = multipartForm({ standardId, period: '2026-12', note: '12 月志愿服务台账' }, [['台账.pdf', PDF]]);
    const submitted = await unit.request('POST', '/api/materials', first.body, { headers: first.headers });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const list = (await office.get(`/api/materials?status=submitted&unitId=${t.unitAId}`)).body.items;
    const m = list.find((x: { id: string }) => x.id === submitted.body.id);
    expect(m).toMatchObject({ status: 'submitted', period: '2026-12' });
    expect((await office.post(`/api/materials/${m.id}/review`, { decision: 'return', version: m.version })).status).toBe(400);
    expect((await unit.post(`/api/materials/${m.id}/review`, { decision: 'pass', version: m.version })).status).toBe(403);
    expect(
      (await office.post(`/api/materials/${m.id}/review`, { decision: 'return', comment: '缺少签字盖章页', version: m.version })).status,
    ).toBe(204);
    const bell = (await unit.get('/api/notifications')).body.items.map((n: { title: string }) => n.title);
    expect(bell.some((x: string) => x.includes('材料被退回'))).toBe(true);
    const again = multipartForm({ standardId, period: '2026-12' }, [['盖章页.pdf', PDF]]);
    expect((await unit.request('POST', '/api/materials', again.body, { headers: again.headers })).status).toBe(201);
    const current = (await office.get(`/api/materials/${m.id}`)).body;
    expect(current.files).toHaveLength(2);
    expect((await office.post(`/api/materials/${m.id}/review`, { decision: 'pass', version: current.version })).status).toBe(204);
    const once = multipartForm({ standardId, period: '2026-12' }, [['多余.pdf', PDF]]);
    expect((await unit.request('POST', '/api/materials', once.body, { headers: once.headers })).status).toBe(409);
  });
});
