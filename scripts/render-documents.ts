/**
 * `npm run docs:render`: every document the platform hands out, made from a demo county on a scratch embedded
 * database and downloaded through the HTTP routes as the office (and the auditor) would, into test-results/documents/:
 *   - the 情况通报 (.docx) of a released 暗访 compared with the previous one, and a 督办单 (.docx and the print page);
 *   - every .xlsx export: regions, units, accounts, sites, standards, the problem ledger, the audit log and the
 *     round's result table;
 *   - each .docx converted to PDF by LibreOffice (with the 公文 font fallbacks of platform/gongwen.ts as a fontconfig
 *     file) and each PDF page to PNG (pdftoppm -png -r 60), to be looked at.
 * Needs `libreoffice` and `pdftoppm` (Debian: libreoffice-writer-nogui poppler-utils fonts-noto-cjk) for the pictures;
 * without them it writes the documents only and says so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { buildApp } from '../server/app';
import { FixedClock } from '../server/platform/clock';
import type { Ctx } from '../server/platform/context';
import { openDatabase } from '../server/platform/db';
import { fontconfigAliases } from '../server/platform/gongwen';
import { loadActor } from '../server/platform/http';
import { migrate } from '../server/platform/migrate';
import { LocalDiskStorage } from '../server/platform/storage';
import { sealAudit } from '../server/platform/audit';
import { createRound } from '../server/modules/inspections/create-round';
import { recordVisit } from '../server/modules/inspections/record-visit';
import { releaseRound } from '../server/modules/inspections/release-round';
import { checklistFor, findRound } from '../server/modules/inspections/repository';
import { prng, seedFrom } from '../server/modules/inspections/sample-sites';
import { uploadPhoto } from '../server/modules/files/upload-photo';
import { transitionProblem } from '../server/modules/problems/transition-problem';
import { sweepDeadlines } from '../server/modules/problems/sweep-deadlines';
import { loadReferenceData } from '../server/reference-data';
import { DEMO_PASSWORD, seedDemo } from '../server/setup/demo/seed-demo';

const OUT = path.resolve(process.argv[2] ?? 'test-results/documents');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-docs-'));
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

const clock = new FixedClock(new Date('2026-11-10T01:30:00Z'));
const database = await openDatabase({ dataDir: path.join(work, 'db'), poolSize: 2 });
const db = database.db;
const storage = new LocalDiskStorage(path.join(work, 'files'));

/** A field photo: a street scene in flat colours with a label, as JPEG (the evidence copy is made from it). */
async function photo(n: number): Promise<Buffer> {
  const hue = (n * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900">
    <rect width="1200" height="900" fill="hsl(${hue},25%,70%)"/>
    <rect y="520" width="1200" height="380" fill="hsl(${hue},10%,45%)"/>
    <rect x="120" y="180" width="360" height="340" fill="hsl(${(hue + 120) % 360},30%,55%)"/>
    <rect x="620" y="120" width="440" height="400" fill="hsl(${(hue + 200) % 360},20%,60%)"/>
    <circle cx="${300 + n * 40}" cy="680" r="70" fill="hsl(30,60%,35%)"/>
    <text x="600" y="820" font-size="56" text-anchor="middle" font-family="Noto Sans CJK SC" fill="#fff">示例现场照片 ${n}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

async function ctxFor(username: string): Promise<Ctx> {
  const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return { actor: (await loadActor(db, u.id, 'session'))!, db, clock, meta: { ip: '127.0.0.1', userAgent: 'docs:render' } };
}

/** A covert round on the demo county, visited with seeded verdicts (a failure files a problem with a photo), released. */
async function covertRound(name: string, seed: string, failRate: number, day: string) {
  clock.set(new Date(`${day}T01:30:00Z`));
  const office = await ctxFor('office');
  const inspector = await ctxFor('inspector');
  const campaign = await db.selectFrom('campaigns').select('id').where('title_type', '=', 'civilized_city').executeTakeFirstOrThrow();
  const round = await createRound(office, {
    name,
    kind: 'covert',
    campaignId: campaign.id,
    startDate: day,
    endDate: day,
    sample: { siteTypeCodes: ['farmers_market', 'back_street', 'main_road', 'public_toilet', 'bus_stop', 'school'], perType: 2, seed },
    inspectorIds: [inspector.actor.id],
    passThreshold: 0.85,
  });
  const random = prng(seedFrom(seed));
  const r = (await findRound(db, round.id))!;
  let n = 0;
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
      const verdict = x < failRate ? 'fail' : x < failRate + 0.07 ? 'na' : 'pass';
      const photoIds =
        verdict === 'fail'
          ? [
              (
                await uploadPhoto(inspector, storage, {
                  bytes: await photo((n += 1)),
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
    clock.advanceMinutes(20);
  }
  clock.advanceMinutes(24 * 60);
  await releaseRound(office, round.id);
  return round.id;
}

/** A small HTTP client over app.inject with the session cookie (GET only is needed here). */
async function signIn(app: Awaited<ReturnType<typeof buildApp>>, username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cc_session')!;
  return async (url: string, file: string) => {
    const got = await app.inject({ method: 'GET', url, headers: { cookie: `cc_session=${cookie.value}` } });
    if (got.statusCode !== 200) throw new Error(`GET ${url}: ${got.statusCode} ${got.body.slice(0, 300)}`);
    fs.writeFileSync(path.join(OUT, file), got.rawPayload);
    return file;
  };
}

function have(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

try {
  await migrate(db);
  await loadReferenceData(db);
  await seedDemo(db, clock);
  const first = await covertRound('十一月第一轮暗访', 'docs-2026-11-a', 0.22, '2026-11-10');
  const second = await covertRound('十一月第二轮暗访', 'docs-2026-11-b', 0.15, '2026-11-24');

  // Dispatch the second round's first finding with a deadline, let it pass: the sweep issues a 督办单.
  const office = await ctxFor('office');
  const finding = await db
    .selectFrom('problems')
    .select(['id', 'version', 'site_id'])
    .where('round_id', '=', second)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const site = await db.selectFrom('sites').select('unit_id').where('id', '=', finding.site_id!).executeTakeFirstOrThrow();
  const unitId = site.unit_id ?? (await db.selectFrom('units').select('id').orderBy('name').executeTakeFirstOrThrow()).id;
  await transitionProblem(office, finding.id, 'dispatch', finding.version, {
    unitId,
    deadline: new Date(clock.now().getTime() + 48 * 3600_000),
    comment: '请按时整改',
  });
  clock.set(new Date(clock.now().getTime() + 50 * 3600_000));
  await sweepDeadlines({ ...office, actor: office.actor });
  const notice = await db.selectFrom('supervision_notices').select('id').where('problem_id', '=', finding.id).executeTakeFirstOrThrow();
  await sealAudit(db);

  const app = await buildApp({ database, clock, logLevel: 'silent', serveWeb: false, filesDir: path.join(work, 'files'), storage });
  await app.ready();
  const asOffice = await signIn(app, 'office');
  const asAuditor = await signIn(app, 'auditor');
  const asSecurity = await signIn(app, 'security');
  const version = await db.selectFrom('standard_versions').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const files = [
    await asOffice(`/api/inspection-rounds/${second}/report/bulletin`, '情况通报.docx'),
    await asOffice(`/api/supervision-notices/${notice.id}/docx`, '督办单.docx'),
    await asOffice(`/api/supervision-notices/${notice.id}/print`, '督办单（打印页）.html'),
    await asOffice(`/api/inspection-rounds/${second}/report/export`, '测评结果.xlsx'),
    await asOffice(`/api/inspection-rounds/${first}/report/export`, '测评结果（第一轮）.xlsx'),
    await asOffice('/api/problems/export', '整改台账.xlsx'),
    await asOffice('/api/regions/export', '区划.xlsx'),
    await asOffice('/api/units/export', '单位.xlsx'),
    await asOffice('/api/sites/export', '点位.xlsx'),
    await asOffice(`/api/standards/versions/${version.id}/export`, '测评体系.xlsx'),
    await asSecurity('/api/users/export', '账号.xlsx'),
    await asAuditor('/api/audit-events/export', '审计日志.xlsx'),
  ];
  await app.close();

  const pictures: string[] = [];
  if (have('libreoffice') && have('pdftoppm')) {
    const fontsConf = path.join(work, 'fonts.conf');
    fs.writeFileSync(fontsConf, fontconfigAliases());
    const env = { ...process.env, FONTCONFIG_FILE: fontsConf, HOME: work };
    for (const file of files.filter((f) => f.endsWith('.docx'))) {
      execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', OUT, path.join(OUT, file)], { env, stdio: 'ignore' });
      const pdf = path.join(OUT, file.replace(/\.docx$/, '.pdf'));
      const stem = pdf.replace(/\.pdf$/, '');
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, stem], { env });
      pictures.push(
        ...fs
          .readdirSync(OUT)
          .filter((f) => f.startsWith(path.basename(stem)) && f.endsWith('.png'))
          .sort(),
      );
    }
  } else {
    console.log('libreoffice 或 pdftoppm 未安装：只生成文档，不转换 PDF/PNG（apt-get install libreoffice-writer-nogui poppler-utils）');
  }
  console.log(`文档已生成到 ${OUT}：`);
  for (const f of [...files, ...pictures]) console.log(`  ${f}`);
} finally {
  await database.close();
  fs.rmSync(work, { recursive: true, force: true });
}
