/**
 * `npm run demo:round`: runs a covert round (暗访) on the demo county as the office and the demo inspector would,
 * releases it and prints the round report — a quick way to see scores, findings and problems end to end.
 * Verdicts come from a seeded PRNG so the same seed gives the same round.
 */
import sharp from 'sharp';
import { openStorage } from '../../server/platform/storage';
import { systemClock } from '../../server/platform/clock';
import type { Ctx } from '../../server/platform/context';
import { loadActor } from '../../server/platform/http';
import { createRound } from '../../server/modules/inspections/create-round';
import { recordVisit } from '../../server/modules/inspections/record-visit';
import { releaseRound } from '../../server/modules/inspections/release-round';
import { roundReport } from '../../server/modules/inspections/report';
import { checklistFor, findRound } from '../../server/modules/inspections/repository';
import { prng, seedFrom } from '../../server/modules/inspections/sample-sites';
import { uploadPhoto } from '../../server/modules/files/upload-photo';
import { loadReferenceData } from '../../server/reference-data';
import { openCliDatabase } from '../cli-db';

const seed = process.argv[2] ?? 'demo-2026-11';
const { config, database } = await openCliDatabase();
const db = database.db;
try {
  await loadReferenceData(db);
  const ctxFor = async (username: string): Promise<Ctx> => {
    const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (!u) throw new Error(`演示账号 ${username} 不存在：请先运行 npm start 或 npm run seed`);
    return { actor: (await loadActor(db, u.id, 'session'))!, db, clock: systemClock, meta: { ip: null, userAgent: 'demo-round' } };
  };
  const office = await ctxFor('office');
  const inspector = await ctxFor('inspector');
  const campaign = await db.selectFrom('campaigns').select('id').where('title_type', '=', 'civilized_city').executeTakeFirstOrThrow();
  const today = new Date().toISOString().slice(0, 10);
  const round = await createRound(office, {
    name: `第${seed}轮暗访`,
    kind: 'covert',
    campaignId: campaign.id,
    startDate: today,
    endDate: today,
    sample: { siteTypeCodes: ['farmers_market', 'back_street', 'main_road', 'public_toilet', 'bus_stop', 'school'], perType: 2, seed },
    inspectorIds: [inspector.actor.id],
    passThreshold: 0.85,
  });
  const storage = await openStorage(config.storage);
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 120, g: 120, b: 110 } } })
    .jpeg()
    .toBuffer();
  const random = prng(seedFrom(seed));
  const r = (await findRound(db, round.id))!;
  for (const siteId of round.siteIds) {
    const site = await db
      .selectFrom('sites')
      .select(['site_type_code', 'lat', 'lng', 'address'])
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    const items = await checklistFor(db, r.standard_version_id!, site.site_type_code);
    const results = [];
    for (const item of items) {
      const x = random();
      const verdict = x < 0.15 ? 'fail' : x < 0.22 ? 'na' : 'pass';
      const photoIds =
        verdict === 'fail'
          ? [
              (
                await uploadPhoto(inspector, storage, {
                  bytes: jpeg,
                  originalName: 'finding.jpg',
                  fields: { lat: site.lat ?? undefined, lng: site.lng ?? undefined, address: site.address ?? undefined, roundId: round.id },
                })
              ).id,
            ]
          : [];
      results.push({
        standardId: item.id,
        verdict: verdict as 'pass' | 'fail' | 'na',
        photoIds,
        note: verdict === 'fail' ? '现场发现不符合' : undefined,
      });
    }
    if (results.length) await recordVisit(inspector, round.id, { siteId, results });
  }
  await releaseRound(office, round.id);
  const report = await roundReport(db, (await findRound(db, round.id))!, async () => true);
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  console.log(
    `\n${report.round.name}（暗访，种子 ${round.seed}）：${report.overall.sites} 个点位，实测 ${report.overall.visited} 个，平均得分率 ${pct(report.overall.avgScoreRate)}，达标率 ${pct(report.overall.passRate)}，发现问题 ${report.overall.failures} 个`,
  );
  console.log('\n按点位类型：');
  for (const g of report.bySiteType)
    console.log(
      `  ${g.name.padEnd(12, '　')} 点位 ${g.sites}  平均得分率 ${pct(g.avgScoreRate)}  达标率 ${pct(g.passRate)}  问题 ${g.failures}`,
    );
  console.log('\n按乡镇（街道）：');
  for (const g of report.byRegion)
    console.log(`  ${g.name.padEnd(8, '　')} 点位 ${g.sites}  平均得分率 ${pct(g.avgScoreRate)}  达标率 ${pct(g.passRate)}`);
  console.log('\n点位得分（由低到高）：');
  for (const s of report.bySite)
    console.log(
      `  ${s.name}（${s.siteType}，${s.region}）得分率 ${pct(s.scoreRate)} 扣分制 ${s.deductionScore ?? '—'} ${s.meetsThreshold ? '达标' : '未达标'}`,
    );
  if (report.previous)
    console.log(`\n与上一轮相比：平均得分率 ${pct(report.previous.change.avgScoreRate)}，达标率 ${pct(report.previous.change.passRate)}`);
  console.log(`\n轮次编号 ${round.id}；报告：/inspections/${round.id}/report`);
} finally {
  await database.close();
}
