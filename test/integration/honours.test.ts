/**
 * 好人之城 on a set clock, on both engines: a selection (validation of the schedule and weights, who may, 409 on a stale
 * version), nominations by units and by the public (challenge, photos without EXIF in public), verification on the
 * kernel (approve with materials, reject with a reason, the unit told), public voting (201; 429 for the same device,
 * address or phone and candidate on one Beijing day; 201 again the next day; 422 outside the window), suspicious
 * bursts and machine-regular votes flagged with their numbers, exclusion audited and not counted, review scores and
 * weights, publication (422 before voting ends), the .docx, the public 好人榜 without contacts, forwarding a winner
 * up the ladder (town → county), the indicators, and 404 for another county.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { newDevice, newIp, proof, publicCall, publicUpload, SCRIPT_UA, vote } from '../support/honours';
import { uploadPhoto } from '../support/problems';

const at = async (iso: string) => (await getHarness()).clock.set(new Date(iso));
const STORY = '二十年如一日照顾瘫痪在床的婆婆，每天翻身擦洗、喂饭喂药，从无怨言；还常年帮助邻里孤寡老人买菜送药，被乡亲们称为“孝心儿媳”。';

let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let unit: Client;
let unit2: Client;
let otherOffice: Client;
let selectionId: string;
let version: number;
const candidates: Record<string, string> = {};
let rejectedId: string;
let publicId: string;
let publicPhotoId: string;

function selection(over: Record<string, unknown> = {}) {
  return {
    regionId: t.countyId,
    kind: 'monthly',
    title: `2026年11月“示范好人榜”评选${t.tag}`,
    period: '2026-11',
    categories: ['helping', 'bravery', 'honesty', 'dedication', 'filial'],
    nominationStartsOn: '2026-11-01',
    nominationEndsOn: '2026-11-07',
    votingStartsOn: '2026-11-10',
    votingEndsOn: '2026-11-23',
    publishOn: '2026-11-25',
    winnersCount: 3,
    ...over,
  };
}

function nominee(name: string, over: Record<string, unknown> = {}) {
  return {
    categoryCode: 'filial',
    nomineeName: name,
    gender: 'female',
    age: 52,
    affiliation: '城关镇东街社区',
    headline: '二十年悉心照料瘫痪婆婆',
    story: STORY,
    contactName: '王秀兰',
    contactPhone: '13905550101',
    ...over,
  };
}

describe(`honours (${engineName})`, () => {
  beforeAll(async () => {
    [t, other] = await Promise.all([createTenant(), createTenant()]);
    office = await t.asScript('office');
    leader = await t.asScript('leader');
    unit = await t.asScript('unit');
    unit2 = await t.asScript('unit2');
    otherOffice = await other.asScript('office');
    await at('2026-11-03T02:00:00Z'); // Beijing 10:00, nominations open
  });

  it('creates a selection: the schedule, weights and categories are checked; only the office; 409 on a stale version', async () => {
    const short = await office.post('/api/honours/selections', selection({ votingEndsOn: '2026-11-15' }));
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('2–4 周');
    const weights = await office.post('/api/honours/selections', selection({ voteWeight: 0.5, reviewWeight: 0.6 }));
    expect(weights.status).toBe(400);
    expect(weights.body.error.message).toContain('之和须为 1');
    const cat = await office.post('/api/honours/selections', selection({ categories: ['flying'] }));
    expect(cat.status).toBe(400);
    // 分类名额: of the selection's categories, whole numbers, together within the selection's number (3 here).
    const overQuota = await office.post('/api/honours/selections', selection({ categoryQuotas: { filial: 2, helping: 2 } }));
    expect(overQuota.status).toBe(400);
    expect(overQuota.body.error.message).toBe('分类名额合计 4 名，超过评选名额 3 名');
    const strayQuota = await office.post('/api/honours/selections', selection({ categories: ['filial'], categoryQuotas: { helping: 1 } }));
    expect(strayQuota.body.error.message).toBe('分类名额所属类别不在本次评选的类别中：helping');
    expect((await office.post('/api/honours/selections', selection({ categoryQuotas: { filial: 0 } }))).status).toBe(400);
    expect((await unit.post('/api/honours/selections', selection())).status).toBe(403);
    expect((await otherOffice.post('/api/honours/selections', selection())).status).toBe(404);

    const res = await office.post('/api/honours/selections', selection());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ phase: 'nominating', level: 'county', voteWeight: 0.4, reviewWeight: 0.6, state: 'open' });
    selectionId = res.body.id;
    version = res.body.version;

    const stale = await office.patch(`/api/honours/selections/${selectionId}`, { version: version + 5, winnersCount: 4 });
    expect(stale.status).toBe(409);
    const ok = await office.patch(`/api/honours/selections/${selectionId}`, { version, winnersCount: 4 });
    expect(ok.status).toBe(200);
    expect(ok.body.winnersCount).toBe(4);
    version = ok.body.version;

    const list = await office.get('/api/honours/selections?kind=monthly&sort=title&order=asc&pageSize=5');
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(selectionId);
    // Units see the selection of their county (to nominate), another county's office does not.
    expect((await unit.get(`/api/honours/selections/${selectionId}`)).body.abilities.nominate).toBe(true);
    expect((await otherOffice.get(`/api/honours/selections/${selectionId}`)).status).toBe(404);
    expect((await otherOffice.get('/api/honours/selections')).body.items.map((s: { id: string }) => s.id)).not.toContain(selectionId);
  });

  it('takes nominations from units (with photos) and from the public (challenge, own uploads)', async () => {
    const photo = await uploadPhoto(unit);
    const names = ['李桂芳', '张卫国', '陈建华', '刘德明', '赵小燕'];
    const cats = ['filial', 'bravery', 'honesty', 'dedication', 'helping'];
    for (const [i, name] of names.entries()) {
      const c = i % 2 ? unit2 : unit;
      const res = await c.post(
        `/api/honours/selections/${selectionId}/nominations`,
        nominee(name, { categoryCode: cats[i], photoIds: i === 0 ? [photo] : [] }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ state: 'submitted', source: 'unit', contactPhone: '13905550101' });
      candidates[name] = res.body.id;
    }
    const bad = await unit.post(`/api/honours/selections/${selectionId}/nominations`, nominee('孙某', { story: '太短' }));
    expect(bad.status).toBe(400);
    const stolen = await unit2.post(`/api/honours/selections/${selectionId}/nominations`, nominee('周某某', { photoIds: [photo] }));
    expect(stolen.status).toBe(400);
    const rej = await unit.post(`/api/honours/selections/${selectionId}/nominations`, nominee('钱多多', { categoryCode: 'honesty' }));
    rejectedId = rej.body.id;

    // The public: a photo (with EXIF) through /api/public/files, then the nomination with the proof of work.
    const ip = newIp();
    const device = newDevice();
    publicPhotoId = await publicUpload(device, ip);
    const body = {
      ...nominee('吴春梅', { categoryCode: 'helping', contactName: '吴春梅家属', contactPhone: '13800990011' }),
      recommenderName: '邻居黄大爷',
      photoIds: [publicPhotoId],
      deviceId: device,
      proof: await proof(ip),
    };
    const pub = await publicCall('POST', `/api/public/honours/${selectionId}/nominations`, body, { ip });
    expect(pub.status, JSON.stringify(pub.body)).toBe(201);
    publicId = pub.body.id;
    const replay = await publicCall('POST', `/api/public/honours/${selectionId}/nominations`, body, { ip });
    expect(replay.status).toBe(400); // the challenge is spent
    // A unit reads its own nominations only; the other county nothing.
    const mine = await unit2.get(`/api/honours/selections/${selectionId}/nominations`);
    expect(mine.body.items.every((n: { unitName: string }) => n.unitName !== null)).toBe(true);
    expect(mine.body.total).toBe(2);
    expect((await office.get(`/api/honours/selections/${selectionId}/nominations?source=public`)).body.items[0].recommenderName).toBe(
      '邻居黄大爷',
    );
    expect((await otherOffice.get(`/api/honours/nominations/${publicId}`)).status).toBe(404);
  });

  it('lists a selection publicly from its nomination period on (推荐中) without any nomination; not before', async () => {
    const later = await office.post(
      '/api/honours/selections',
      selection({
        title: `2026年12月“示范好人榜”评选${t.tag}`,
        period: '2026-12',
        nominationStartsOn: '2026-12-01',
        nominationEndsOn: '2026-12-07',
        votingStartsOn: '2026-12-10',
        votingEndsOn: '2026-12-23',
        publishOn: '2026-12-25',
      }),
    );
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    const list = await publicCall('GET', '/api/public/honours/selections?pageSize=50');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((s: { id: string }) => s.id === selectionId);
    expect(mine).toMatchObject({ phase: 'nominating', nominationStartsOn: '2026-11-01', nominationEndsOn: '2026-11-07' });
    expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(later.body.id); // its nomination has not begun
    expect((await publicCall('GET', `/api/public/honours/${later.body.id}`)).status).toBe(404);
    // The selection and its categories are public (to nominate for it); the submitted nominations are not.
    const detail = await publicCall('GET', `/api/public/honours/${selectionId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.selection.phase).toBe('nominating');
    expect(detail.body.categories.map((c: { code: string }) => c.code)).toEqual(['helping', 'bravery', 'honesty', 'dedication', 'filial']);
    expect(detail.body.candidates).toEqual([]);
    const text = JSON.stringify([list.body, detail.body]);
    for (const secret of ['李桂芳', '吴春梅', '邻居黄大爷', '13905550101', '13800990011', '钱多多']) expect(text).not.toContain(secret);
    expect((await publicCall('GET', `/api/public/honours/candidates/${publicId}`)).status).toBe(404);
  });

  it('verifies on the kernel: approve with materials, reject with a reason, the unit is told; 409 on a stale version', async () => {
    await at('2026-11-08T02:00:00Z'); // verification time
    const late = await unit.post(`/api/honours/selections/${selectionId}/nominations`, nominee('晚到者'));
    expect(late.status).toBe(422);
    const material = await uploadPhoto(office);
    for (const id of [...Object.values(candidates), publicId]) {
      const n = (await office.get(`/api/honours/nominations/${id}`)).body;
      const res = await office.post(`/api/honours/nominations/${id}/approve`, {
        version: n.version,
        note: '经社区走访、邻居座谈核实，事迹属实',
        materialIds: id === candidates['李桂芳'] ? [material] : [],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.state).toBe('approved');
    }
    expect((await office.get(`/api/honours/nominations/${candidates['李桂芳']}`)).body.materials).toHaveLength(1);
    const n = (await office.get(`/api/honours/nominations/${rejectedId}`)).body;
    expect((await office.post(`/api/honours/nominations/${rejectedId}/reject`, { version: n.version })).status).toBe(400);
    expect(
      (await office.post(`/api/honours/nominations/${rejectedId}/reject`, { version: n.version + 1, reason: '事迹无法核实' })).status,
    ).toBe(409);
    expect(
      (await leader.post(`/api/honours/nominations/${rejectedId}/reject`, { version: n.version, reason: '事迹无法核实' })).status,
    ).toBe(403);
    const rej = await office.post(`/api/honours/nominations/${rejectedId}/reject`, {
      version: n.version,
      reason: '经核实，所述事迹与事实不符',
    });
    expect(rej.status).toBe(200);
    expect(rej.body).toMatchObject({ state: 'rejected', rejectReason: '经核实，所述事迹与事实不符' });
    const again = await office.post(`/api/honours/nominations/${rejectedId}/approve`, { version: rej.body.version, note: '重新审核通过' });
    expect(again.status).toBe(422);
    const notices = await unit.get('/api/notifications?pageSize=50');
    const titles = notices.body.items.map((x: { title: string }) => x.title).join('|');
    expect(titles).toContain('「李桂芳」已通过审核');
    expect(titles).toContain('「钱多多」未通过审核');
    const db = (await getHarness()).database.db;
    const ev = await sql<{ action: string }>`select action from audit_events where subject_id = ${rejectedId} order by id`.execute(db);
    expect(ev.rows.map((r) => r.action)).toEqual(['honour_nomination.submitted', 'honour_nomination.reject']);
  });

  it('votes: 422 before the window, 201, 429 for the same device/address/phone and candidate that day, 201 the next day', async () => {
    const li = candidates['李桂芳'];
    const early = await vote(selectionId, li);
    expect(early.status).toBe(422);
    // In verification the selection is listed (审核中) but its verified candidates wait for the voting window.
    const verifying = await publicCall('GET', `/api/public/honours/${selectionId}`);
    expect(verifying.status).toBe(200);
    expect(verifying.body.selection.phase).toBe('verifying');
    expect(verifying.body.candidates).toEqual([]);
    expect((await publicCall('GET', `/api/public/honours/candidates/${li}`)).status).toBe(404);

    await at('2026-11-10T01:00:00Z'); // Beijing 09:00 on the first voting day
    const device = newDevice();
    const ip = newIp();
    const first = await vote(selectionId, li, { device, ip, phone: '13712345678' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.votes).toBe(1);
    expect((await vote(selectionId, li, { device })).status).toBe(429); // same device
    expect((await vote(selectionId, li, { ip })).status).toBe(429); // same address
    const byPhone = await vote(selectionId, li, { phone: '13712345678' });
    expect(byPhone.status).toBe(429); // same phone
    expect(byPhone.body.error.message).toContain('今天已为该候选人投过票');
    expect((await vote(selectionId, candidates['张卫国'], { device, ip })).status).toBe(201); // another candidate
    expect((await vote(selectionId, rejectedId)).status).toBe(404); // not a candidate

    await at('2026-11-10T16:30:00Z'); // Beijing 00:30 on the 11th: a new day
    expect((await vote(selectionId, li, { device, ip })).status).toBe(201);

    const db = (await getHarness()).database.db;
    const rows = await sql<{ vote_day: string; ip_hash: string; device_hash: string; ua_family: string }>`select vote_day::text, ip_hash,
      device_hash, ua_family from honour_votes where candidate_id = ${li} order by voted_at`.execute(db);
    expect(rows.rows.map((r) => r.vote_day)).toEqual(['2026-11-10', '2026-11-11']);
    expect(rows.rows[0].ua_family).toBe('WeChat');
    expect(rows.rows[0].ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.rows[0].ip_hash).not.toContain(ip);
  });

  it('flags an address burst and a machine-regular burst with their numbers; the office excludes them with a reason', async () => {
    await at('2026-11-12T06:00:00Z');
    // Some ordinary votes through the day.
    for (const [i, name] of ['李桂芳', '李桂芳', '陈建华', '刘德明', '吴春梅'].entries()) {
      await at(new Date(Date.parse('2026-11-12T06:00:00Z') + i * 17 * 60_000 + i * i * 7000).toISOString());
      expect((await vote(selectionId, name === '吴春梅' ? publicId : candidates[name])).status).toBe(201);
    }
    // One address votes for every candidate within two minutes.
    const ip = newIp();
    const all = [...Object.values(candidates), publicId];
    for (const [i, id] of all.entries()) {
      await at(new Date(Date.parse('2026-11-12T08:00:00Z') + i * 20_000).toISOString());
      expect((await vote(selectionId, id, { ip })).status).toBe(201);
    }
    // A script votes for 赵小燕 from rotating addresses every 15 s exactly.
    for (let i = 0; i < 10; i++) {
      await at(new Date(Date.parse('2026-11-12T09:00:00Z') + i * 15_000).toISOString());
      expect((await vote(selectionId, candidates['赵小燕'], { ua: SCRIPT_UA })).status).toBe(201);
    }
    const flags = await office.get(`/api/honours/selections/${selectionId}/flags?pageSize=100`);
    expect(flags.status).toBe(200);
    const byRule = (rule: string) => flags.body.items.filter((f: any) => f.rules.some((r: any) => r.rule === rule));
    const address = byRule('address_burst');
    expect(address).toHaveLength(6);
    expect(new Set(address.map((f: any) => f.addressTag)).size).toBe(1);
    const ev = address[5].rules.find((r: any) => r.rule === 'address_burst');
    expect(ev.evidence).toMatchObject({ count: 6, threshold: 5, windowSeconds: 600 });
    expect(ev.text).toContain('10 分钟内投票 6 次');
    const family = byRule('family_burst');
    expect(family).toHaveLength(10);
    expect(family[0].rules.find((r: any) => r.rule === 'family_burst').evidence).toMatchObject({ family: 'Python', count: 10 });
    const regular = byRule('regular_interval');
    expect(regular).toHaveLength(10);
    const reg = regular[0].rules.find((r: any) => r.rule === 'regular_interval').evidence;
    expect(reg.meanGapSeconds).toBe(15);
    expect(reg.cv).toBe(0);
    // The ordinary votes are not flagged.
    expect(flags.body.total).toBe(16);
    expect((await leader.get(`/api/honours/selections/${selectionId}/flags`)).status).toBe(200);
    expect((await unit.get(`/api/honours/selections/${selectionId}/flags`)).status).toBe(403);
    expect((await otherOffice.get(`/api/honours/selections/${selectionId}/flags`)).status).toBe(404);

    const before = (await office.get(`/api/honours/selections/${selectionId}/results`)).body.items;
    const zhaoBefore = before.find((r: any) => r.candidateId === candidates['赵小燕']);
    expect(zhaoBefore.votes).toBe(11);

    const scriptIds = family.map((f: any) => f.voteId);
    expect((await office.post(`/api/honours/selections/${selectionId}/votes/exclude`, { voteIds: scriptIds, reason: '' })).status).toBe(
      400,
    );
    expect(
      (await leader.post(`/api/honours/selections/${selectionId}/votes/exclude`, { voteIds: scriptIds, reason: '脚本刷票' })).status,
    ).toBe(403);
    const ex = await office.post(`/api/honours/selections/${selectionId}/votes/exclude`, {
      voteIds: scriptIds,
      reason: '同一设备类型 15 秒一票的脚本刷票，予以剔除',
    });
    expect(ex.status, JSON.stringify(ex.body)).toBe(200);
    expect(ex.body.excluded).toBe(10);
    const after = (await office.get(`/api/honours/selections/${selectionId}/results`)).body.items;
    const zhao = after.find((r: any) => r.candidateId === candidates['赵小燕']);
    expect(zhao).toMatchObject({ votes: 1, excludedVotes: 10 });
    const pub = await publicCall('GET', `/api/public/honours/${selectionId}`);
    expect(pub.body.candidates.find((c: any) => c.id === candidates['赵小燕']).votes).toBe(1);
    const db = (await getHarness()).database.db;
    const audit = await sql<{
      after: any;
    }>`select after from audit_events where action = 'honour_vote.excluded' and subject_id = ${selectionId}`.execute(db);
    expect(audit.rows).toHaveLength(1);
    const stored = typeof audit.rows[0].after === 'string' ? JSON.parse(audit.rows[0].after) : audit.rows[0].after;
    expect(stored).toMatchObject({ count: 10, reason: '同一设备类型 15 秒一票的脚本刷票，予以剔除' });
    expect(stored.rules).toEqual(expect.arrayContaining(['family_burst', 'regular_interval']));
    expect((await office.get(`/api/honours/selections/${selectionId}/flags?excluded=false`)).body.total).toBe(6);
  });

  it('combines vote and review scores by the weights, publishes after voting (422 before), the .docx and the public 好人榜', async () => {
    const scores = [
      ['李桂芳', 92],
      ['张卫国', 88],
      ['陈建华', 80],
      ['刘德明', 75],
      ['赵小燕', 70],
    ] as const;
    const put = await office.request('PUT', `/api/honours/selections/${selectionId}/review-scores`, {
      items: [...scores.map(([n, s]) => ({ candidateId: candidates[n], score: s })), { candidateId: publicId, score: 85 }],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(
      (
        await office.request('PUT', `/api/honours/selections/${selectionId}/review-scores`, {
          items: [{ candidateId: rejectedId, score: 50 }],
        })
      ).status,
    ).toBe(400);
    const res = put.body;
    const top = res.items[0];
    const maxVotes = Math.max(...res.items.map((r: any) => r.votes));
    for (const r of res.items) {
      expect(r.voteScore).toBeCloseTo((100 * r.votes) / maxVotes, 1);
      expect(r.finalScore).toBeCloseTo(r.voteScore * 0.4 + (r.reviewScore ?? 0) * 0.6, 1);
    }
    expect(top.nomineeName).toBe('李桂芳');
    // Weights are data: 0.2 / 0.8 changes the final scores.
    const sel = (await office.get(`/api/honours/selections/${selectionId}`)).body;
    const w = await office.patch(`/api/honours/selections/${selectionId}`, { version: sel.version, voteWeight: 0.2, reviewWeight: 0.8 });
    expect(w.status).toBe(200);
    const reweighed = (await office.get(`/api/honours/selections/${selectionId}/results`)).body;
    expect(reweighed.voteWeight).toBe(0.2);
    const li = reweighed.items.find((r: any) => r.nomineeName === '李桂芳');
    expect(li.finalScore).toBeCloseTo(li.voteScore * 0.2 + 92 * 0.8, 1);

    const winners = reweighed.items.slice(0, 3).map((r: any) => r.candidateId);
    const early = await office.post(`/api/honours/selections/${selectionId}/publish`, { version: w.body.version, winnerIds: winners });
    expect(early.status).toBe(422);
    await at('2026-11-24T02:00:00Z');
    expect((await office.get(`/api/honours/selections/${selectionId}`)).body.abilities.publish).toBe(true);
    // 分类名额: with 助人为乐 capped at one, its two candidates cannot both win (the quota is data on the selection).
    const capped = await office.patch(`/api/honours/selections/${selectionId}`, {
      version: w.body.version,
      categoryQuotas: { helping: 1 },
    });
    expect(capped.status, JSON.stringify(capped.body)).toBe(200);
    expect(capped.body.categoryQuotas).toEqual({ helping: 1 });
    expect((await office.get(`/api/honours/selections/${selectionId}/results`)).body.categoryQuotas).toEqual({ helping: 1 });
    const overQuota = await office.post(`/api/honours/selections/${selectionId}/publish`, {
      version: capped.body.version,
      winnerIds: [candidates['赵小燕'], publicId],
    });
    expect(overQuota.status).toBe(400);
    expect(overQuota.body.error.message).toBe('“助人为乐”类当选 2 名，超过分类名额 1 名');
    expect((await office.get(`/api/honours/selections/${selectionId}`)).body.state).toBe('open');
    const ready = (await office.patch(`/api/honours/selections/${selectionId}`, { version: capped.body.version, categoryQuotas: {} })).body;
    expect(ready.categoryQuotas).toEqual({});
    expect(
      (await office.post(`/api/honours/selections/${selectionId}/publish`, { version: ready.version, winnerIds: [rejectedId] })).status,
    ).toBe(400);
    expect(
      (await leader.post(`/api/honours/selections/${selectionId}/publish`, { version: ready.version, winnerIds: winners })).status,
    ).toBe(403);
    const pub = await office.post(`/api/honours/selections/${selectionId}/publish`, { version: ready.version, winnerIds: winners });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.body).toMatchObject({ state: 'published', phase: 'published' });
    expect((await vote(selectionId, candidates['李桂芳'])).status).toBe(422);
    expect(
      (await office.post(`/api/honours/selections/${selectionId}/votes/exclude`, { voteIds: [winners[0]], reason: '发布后剔除' })).status,
    ).toBe(422);

    const docx = await office.get(`/api/honours/selections/${selectionId}/bulletin.docx`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-type'])).toContain('wordprocessingml');
    expect(docx.raw.length).toBeGreaterThan(5000);
    // Kept for a look (rendered with LibreOffice when the module changes).
    fs.writeFileSync(path.join(os.tmpdir(), `honours-bulletin-${engineName}.docx`), docx.raw);

    const roll = await publicCall('GET', `/api/public/honours/roll?countyCode=${t.countyCode}&month=2026-11`);
    expect(roll.status).toBe(200);
    expect(roll.body.items).toHaveLength(3);
    expect(roll.body.items.map((i: any) => i.id).sort()).toEqual([...winners].sort());
    const filtered = await publicCall('GET', `/api/public/honours/roll?countyCode=${t.countyCode}&month=2026-11&categoryCode=filial`);
    expect(filtered.body.items.every((i: any) => i.categoryCode === 'filial')).toBe(true);
  });

  it('never shows contacts, recommenders or unverified nominations in public; photos are re-encoded without EXIF', async () => {
    const pages = [
      await publicCall('GET', `/api/public/honours/${selectionId}`),
      await publicCall('GET', `/api/public/honours/candidates/${publicId}`),
      await publicCall('GET', `/api/public/honours/roll?countyCode=${t.countyCode}`),
      await publicCall('GET', `/api/public/honours/selections?countyCode=${t.countyCode}`),
    ];
    for (const p of pages) {
      expect(p.status).toBe(200);
      const text = JSON.stringify(p.body);
      for (const secret of ['13905550101', '13800990011', '王秀兰', '吴春梅家属', '邻居黄大爷', '钱多多', 'contact', 'recommender'])
        expect(text).not.toContain(secret);
    }
    expect((await publicCall('GET', `/api/public/honours/candidates/${rejectedId}`)).status).toBe(404);
    const photo = await publicCall('GET', `/api/public/honours/candidates/${publicId}/photos/${publicPhotoId}`);
    expect(photo.status).toBe(200);
    const meta = await sharp(photo.raw).metadata();
    expect(meta.exif).toBeUndefined();
    const wrong = await publicCall('GET', `/api/public/honours/candidates/${candidates['李桂芳']}/photos/${publicPhotoId}`);
    expect(wrong.status).toBe(404);
  });

  it('forwards a winner of a town selection up to the county selection; the indicators count winners and nominations', async () => {
    await at('2026-12-01T02:00:00Z');
    const town = await office.post(
      '/api/honours/selections',
      selection({
        regionId: t.townAId,
        title: `城关镇2026年12月好人榜${t.tag}`,
        period: '2026-12',
        nominationStartsOn: '2026-12-01',
        nominationEndsOn: '2026-12-02',
        votingStartsOn: '2026-12-03',
        votingEndsOn: '2026-12-16',
        publishOn: '2026-12-17',
      }),
    );
    expect(town.status).toBe(201);
    expect(town.body.level).toBe('town');
    const county = await office.post(
      '/api/honours/selections',
      selection({
        kind: 'moral_model',
        title: `示范县第五届道德模范评选${t.tag}`,
        period: '2026',
        nominationStartsOn: '2026-12-01',
        nominationEndsOn: '2026-12-25',
        votingStartsOn: '2026-12-28',
        votingEndsOn: '2027-01-20',
        publishOn: '2027-01-25',
      }),
    );
    expect(county.status).toBe(201);
    const n = await office.post(`/api/honours/selections/${town.body.id}/nominations`, nominee('马秀英', { categoryCode: 'bravery' }));
    expect(n.status, JSON.stringify(n.body)).toBe(201);
    await office.post(`/api/honours/nominations/${n.body.id}/approve`, { version: n.body.version, note: '派出所出具证明，事迹属实' });
    const notWinner = await office.post(`/api/honours/nominations/${n.body.id}/forward`, { targetSelectionId: county.body.id });
    expect(notWinner.status).toBe(422);
    await at('2026-12-17T02:00:00Z');
    const p = await office.post(`/api/honours/selections/${town.body.id}/publish`, { version: town.body.version, winnerIds: [n.body.id] });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const targets = await office.get(`/api/honours/nominations/${n.body.id}/forward-targets`);
    expect(targets.body.items.map((x: any) => x.id)).toContain(county.body.id);
    const fwd = await office.post(`/api/honours/nominations/${n.body.id}/forward`, { targetSelectionId: county.body.id });
    expect(fwd.status, JSON.stringify(fwd.body)).toBe(201);
    expect(fwd.body).toMatchObject({ source: 'forwarded', state: 'submitted', forwardedFrom: { id: n.body.id } });
    expect((await office.post(`/api/honours/nominations/${n.body.id}/forward`, { targetSelectionId: county.body.id })).status).toBe(409);
    expect((await office.get(`/api/honours/nominations/${n.body.id}`)).body.forwardedTo[0].id).toBe(fwd.body.id);
    const forwarded = await office.get(`/api/honours/selections/${county.body.id}/nominations?source=forwarded`);
    expect(forwarded.body.total).toBe(1);

    const people = await office.get(`/api/indicators/honours.published_people?period=2026-11&subjectType=county&regionId=${t.countyId}`);
    expect(people.status, JSON.stringify(people.body)).toBe(200);
    const mine = people.body.items.find((v: any) => v.subjectId === t.countyId);
    expect(mine.value).toBe(3);
    const noms = await office.get(`/api/indicators/honours.nominations?period=2026-11&subjectType=county&regionId=${t.countyId}`);
    expect(noms.body.items.find((v: any) => v.subjectId === t.countyId).value).toBe(7);
  });
});
