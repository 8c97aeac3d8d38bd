/**
 * The demo's 慈善之家 (part of the story, seed-history.ts), through the module's commands on the story's clock:
 * - on the story's second day the office of 示范县 registers four organisations — 示范县慈善总会, 示范县红十字会,
 *   示范县志愿者协会 and 城关街道春晖社会工作服务中心 (valid 统一社会信用代码 computed by GB 32100) — and names their
 *   admins: 喻洁 of 民政局 (`u190030`) records for the 慈善总会, 秦磊 of 卫健局 for the 红十字会, 苏小雨 of 团县委 for
 *   the 志愿者协会 and the 春晖 centre;
 * - the next day the admins set up five projects: 春蕾助学 (助学, 城关街道), 暖冬助老 (助老, 永安镇), 应急救灾物资储备
 *   (应急救灾), 阳光家园助残康复 (助残, 南关街道) and a 社区助老餐桌 still 筹备中;
 * - over the weeks donations come in (banks, companies, hospital staff, named residents and 匿名; money and goods at
 *   their estimated value), spending goes out with its receipts (generated invoice pictures and one PDF), one mistyped
 *   donation (50 000 元 for 5 000) is corrected with its reason, and one 助残 spending still waits for its receipt (so the
 *   complete-ledger share is below 100 %); a 关爱帮扶 visit of the volunteer story is linked to 暖冬助老.
 */
import sharp from 'sharp';
import { usccCheckChar, type CharityCategory, type CharityOrgKind } from '../../../common/charity';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import type { FileStorage } from '../../platform/storage';
import { correctEntry } from '../../modules/charity/correct-entry';
import { linkActivities } from '../../modules/charity/link-activities';
import { recordEntry } from '../../modules/charity/record-entry';
import { registerOrganisation } from '../../modules/charity/register-organisation';
import { createProject, updateProject } from '../../modules/charity/save-project';
import { setOrgAdmins } from '../../modules/charity/set-org-admins';
import { uploadReceipt } from '../../modules/charity/upload-receipt';
import '../../modules/charity/policy';
import { loadActor } from '../../platform/http';
import { beijingDay } from '../../../common/beijing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CharityStoryDeps {
  db: Db;
  now: number;
  start: number;
  at: (t: number, what: string, run: () => Promise<void>) => void;
  user: (username: string) => Promise<Ctx>;
  system: Ctx;
  storage: FileStorage;
}

/** A code of a 民政-registered organisation in 示范县 (area 139901): category digit, nine characters, check character. */
const uscc = (category: '1' | '2' | '3', body: string) => {
  const first17 = `5${category}139901${body}`;
  return first17 + usccCheckChar(first17)!;
};

type OrgKey = 'federation' | 'redcross' | 'volunteers' | 'chunhui';
const ORGS: Array<{
  key: OrgKey;
  name: string;
  region: string;
  kind: CharityOrgKind;
  code: string;
  registeredOn: string;
  contact: [string, string];
  address: string;
  admins: string[];
  description: string;
}> = [
  {
    key: 'federation',
    name: '示范县慈善总会',
    region: '139901',
    kind: 'association',
    code: uscc('1', '51C3A2K7Q'),
    registeredOn: '2009-05-12',
    contact: ['邹国庆', '0319-5123801'],
    address: '示范县人民路 66 号民政服务中心三楼',
    admins: ['13903190030'],
    description: '经县民政局登记的慈善组织，开展助学、助老、济困等慈善项目，接受社会捐赠并向社会公开收支。',
  },
  {
    key: 'redcross',
    name: '示范县红十字会',
    region: '139901',
    kind: 'association',
    code: uscc('1', '4R8M2T6W1'),
    registeredOn: '2011-03-28',
    contact: ['朱文静', '0319-5123902'],
    address: '示范县建设大街 18 号',
    admins: ['13903190012'],
    description: '开展应急救护培训、备灾救灾、人道救助和无偿献血宣传等红十字工作。',
  },
  {
    key: 'volunteers',
    name: '示范县志愿者协会',
    region: '139901',
    kind: 'association',
    code: uscc('1', '7H2N5P8D3'),
    registeredOn: '2014-12-05',
    contact: ['苏小雨', '13903190036'],
    address: '示范县青年路 9 号团县委二楼',
    admins: ['13903190036'],
    description: '由团县委指导成立，组织志愿者开展助残、关爱、环保等公益服务项目。',
  },
  {
    key: 'chunhui',
    name: '城关街道春晖社会工作服务中心',
    region: '139901001',
    kind: 'social_service',
    code: uscc('2', '0K6L3X9B4'),
    registeredOn: '2019-08-20',
    contact: ['方晓红', '0319-5127316'],
    address: '城关街道文化路社区服务中心一楼',
    admins: ['13903190036'],
    description: '专业社会工作服务机构，为社区老人、残疾人和困境儿童提供个案帮扶与小组服务。',
  },
];

type ProjectKey = 'study' | 'elderly' | 'disaster' | 'disability' | 'meals';
const PROJECTS: Array<{
  key: ProjectKey;
  org: OrgKey;
  name: string;
  category: CharityCategory;
  region: string;
  goalYuan: number;
  beneficiaries: string;
  months: number;
  active: boolean;
  description: string;
}> = [
  {
    key: 'study',
    org: 'federation',
    name: '春蕾助学·圆梦行动',
    category: 'education',
    region: '139901001',
    goalYuan: 300_000,
    beneficiaries: '城关街道家庭经济困难的在校中小学生',
    months: 12,
    active: true,
    description: '为困难家庭学生提供每学期 1 000 至 2 000 元助学金及学习用品，受助名单经学校、社区公示。',
  },
  {
    key: 'elderly',
    org: 'federation',
    name: '暖冬助老·关爱空巢老人',
    category: 'elderly',
    region: '139901100',
    goalYuan: 80_000,
    beneficiaries: '永安镇 80 岁以上空巢、独居老人',
    months: 6,
    active: true,
    description: '冬季为空巢独居老人送去棉衣、米面油和取暖用品，并由志愿者定期上门探访。',
  },
  {
    key: 'disaster',
    org: 'redcross',
    name: '应急救灾物资储备',
    category: 'disaster',
    region: '139901',
    goalYuan: 150_000,
    beneficiaries: '全县受自然灾害影响的群众',
    months: 24,
    active: true,
    description: '储备帐篷、棉被、应急包等救灾物资，汛期和冬季随时调拨。',
  },
  {
    key: 'disability',
    org: 'volunteers',
    name: '阳光家园助残康复',
    category: 'disability',
    region: '139901004',
    goalYuan: 50_000,
    beneficiaries: '南关街道持证残疾人及其家庭',
    months: 12,
    active: true,
    description: '为残疾人购置康复器具、开展居家康复指导，志愿者结对陪伴。',
  },
  {
    key: 'meals',
    org: 'chunhui',
    name: '社区助老餐桌',
    category: 'elderly',
    region: '139901001',
    goalYuan: 60_000,
    beneficiaries: '文化路社区高龄、失能老人',
    months: 12,
    active: false,
    description: '筹备中：在社区日间照料中心开设助老餐桌，为高龄老人提供低价午餐。',
  },
];

interface Donation {
  day: number;
  project: ProjectKey;
  yuan: number;
  donor: string | null;
  contact?: string;
  goods?: [string, string];
  purpose: string;
}
const DONATIONS: Donation[] = [
  { day: 5, project: 'study', yuan: 50_000, donor: '中国建设银行示范县支行', purpose: '资助困难学生学费' },
  { day: 8, project: 'study', yuan: 20_000, donor: '示范县宏达建材有限公司', purpose: '资助困难学生学费' },
  { day: 9, project: 'disaster', yuan: 30_000, donor: '示范县人民医院全体职工', purpose: '救灾物资储备' },
  { day: 12, project: 'study', yuan: 2_000, donor: null, contact: '13831901234', purpose: '资助困难学生' },
  {
    day: 15,
    project: 'elderly',
    yuan: 12_600,
    donor: '示范县永安粮油购销公司',
    goods: ['米面油礼包', '180 份'],
    purpose: '发放给空巢老人',
  },
  { day: 18, project: 'disability', yuan: 8_000, donor: '示范县志愿者协会会员', purpose: '购置康复器具' },
  { day: 22, project: 'study', yuan: 500, donor: '王秀兰', purpose: '资助困难学生' },
  { day: 26, project: 'disaster', yuan: 24_000, donor: '示范县恒信纺织有限公司', goods: ['棉被', '300 床'], purpose: '冬季救灾储备' },
  { day: 30, project: 'elderly', yuan: 15_000, donor: '示范县农商银行', purpose: '购置棉衣和取暖用品' },
  { day: 34, project: 'disability', yuan: 3_000, donor: null, purpose: '居家康复指导' },
  { day: 41, project: 'study', yuan: 10_000, donor: '示范县实验小学教职工', purpose: '资助困难学生学费' },
  { day: 48, project: 'elderly', yuan: 1_200, donor: '李建华', purpose: '探访慰问空巢老人' },
  { day: 55, project: 'disaster', yuan: 10_000, donor: null, contact: '0319-5120088', purpose: '救灾物资储备' },
  { day: 63, project: 'study', yuan: 3_000, donor: '赵丽娜', purpose: '资助困难学生' },
  {
    day: 70,
    project: 'disability',
    yuan: 6_800,
    donor: '示范县康泰医疗器械经销部',
    goods: ['助行器和轮椅', '12 件'],
    purpose: '发放给残疾人家庭',
  },
  { day: 76, project: 'elderly', yuan: 5_000, donor: '示范县城西商会', purpose: '购置取暖用品' },
];

interface Spending {
  day: number;
  project: ProjectKey;
  yuan: number;
  purpose: string;
  /** The receipt's title and lines, or 'pdf', or none (still waiting for it). */
  receipt?: { title: string; lines: string[] } | 'pdf';
}
const SPENDINGS: Spending[] = [
  {
    day: 20,
    project: 'study',
    yuan: 36_000,
    purpose: '秋季学期助学金：24 名学生，每人 1 500 元',
    receipt: {
      title: '助学金发放签收表',
      lines: ['城关街道春蕾助学 2026 年秋季学期', '受助学生 24 名 · 每人 1 500 元', '合计 36 000.00 元'],
    },
  },
  {
    day: 27,
    project: 'elderly',
    yuan: 9_800,
    purpose: '采购棉衣 140 件',
    receipt: { title: '增值税普通发票', lines: ['购买方：示范县慈善总会', '货物：中老年棉衣 140 件', '价税合计：9 800.00 元'] },
  },
  {
    day: 33,
    project: 'disaster',
    yuan: 18_500,
    purpose: '采购家庭应急包 250 个',
    receipt: 'pdf',
  },
  {
    day: 44,
    project: 'study',
    yuan: 4_200,
    purpose: '采购书包文具 60 套',
    receipt: { title: '增值税普通发票', lines: ['购买方：示范县慈善总会', '货物：学生书包文具套装 60 套', '价税合计：4 200.00 元'] },
  },
  {
    day: 52,
    project: 'disability',
    yuan: 6_500,
    purpose: '购置康复训练器具 8 套',
    receipt: { title: '销售收据', lines: ['示范县康泰医疗器械经销部', '康复训练器具 8 套', '金额：6 500.00 元'] },
  },
  {
    day: 66,
    project: 'elderly',
    yuan: 4_600,
    purpose: '采购电暖器 40 台',
    receipt: { title: '增值税普通发票', lines: ['购买方：示范县慈善总会', '货物：家用电暖器 40 台', '价税合计：4 600.00 元'] },
  },
  { day: 78, project: 'disability', yuan: 1_800, purpose: '康复师上门指导交通补贴（票据待补）' },
];

/** A receipt picture (an invoice-like card with Chinese text). */
async function receiptPicture(title: string, lines: string[], date: string): Promise<Buffer> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const text = lines.map((l, i) => `<text x="40" y="${150 + i * 44}" font-size="26" fill="#333">${esc(l)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="420">
    <rect width="720" height="420" fill="#fffdf5"/><rect x="12" y="12" width="696" height="396" fill="none" stroke="#b22" stroke-width="3"/>
    <text x="360" y="80" font-size="36" text-anchor="middle" fill="#b22" font-family="Noto Sans CJK SC, sans-serif">${esc(title)}</text>
    <g font-family="Noto Sans CJK SC, sans-serif">${text}</g>
    <text x="680" y="390" font-size="22" text-anchor="end" fill="#666" font-family="Noto Sans CJK SC, sans-serif">开票日期：${date}</text>
    <circle cx="600" cy="300" r="56" fill="none" stroke="#d33" stroke-width="4" opacity="0.7"/>
    <text x="600" y="308" font-size="20" text-anchor="middle" fill="#d33" opacity="0.8" font-family="Noto Sans CJK SC, sans-serif">财务专用章</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/** A one-page PDF receipt (the supplier's scanned invoice). */
function receiptPdf(): Buffer {
  const body = 'BT /F1 18 Tf 60 760 Td (Invoice: emergency kits x 250, total 18500.00 CNY) Tj ET';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Seeds the 慈善之家 story on the story's queue. */
export async function seedCharityStory(d: CharityStoryDeps): Promise<void> {
  const { db, start, at, system, storage } = d;
  const county = await db.selectFrom('regions').select(['id', 'path']).where('code', '=', '139901').executeTakeFirst();
  if (!county) return;
  if (await db.selectFrom('charity_organisations').select('id').where('region_id', '=', county.id).executeTakeFirst()) return;
  const regionIds = new Map(
    (await db.selectFrom('regions').select(['id', 'code']).where('path', 'like', `${county.path}%`).execute()).map((r) => [r.code, r.id]),
  );
  const office = await d.user('office');
  const ctxOfPhone = async (phone: string): Promise<Ctx> => {
    const u = await db.selectFrom('users').select('id').where('phone', '=', phone).orderBy('username').executeTakeFirstOrThrow();
    const actor = await loadActor(db, u.id, 'session');
    if (!actor) throw new Error(`demo charity: user ${phone} not found`);
    return { actor, db, clock: system.clock, meta: { ip: null, userAgent: 'demo-history' } };
  };
  const bjAt = (day: number, hour: number) => start + day * DAY + hour * HOUR;
  const dateOf = beijingDay;

  const orgs = new Map<OrgKey, string>();
  const orgAdmin = new Map<OrgKey, string>();
  at(bjAt(2, 10), 'charity-registry', async () => {
    for (const o of ORGS) {
      const id = await registerOrganisation(office, {
        regionId: regionIds.get(o.region)!,
        name: o.name,
        creditCode: o.code,
        kind: o.kind,
        registeredOn: o.registeredOn,
        contactName: o.contact[0],
        contactPhone: o.contact[1],
        address: o.address,
        description: o.description,
      });
      orgs.set(o.key, id);
      const adminIds = [];
      for (const phone of o.admins) {
        const u = await db.selectFrom('users').select('id').where('phone', '=', phone).orderBy('username').executeTakeFirstOrThrow();
        adminIds.push(u.id);
      }
      await setOrgAdmins(office, id, adminIds);
      orgAdmin.set(o.key, o.admins[0]!);
    }
  });

  const projects = new Map<ProjectKey, string>();
  const adminOf = (p: ProjectKey) => ctxOfPhone(orgAdmin.get(PROJECTS.find((x) => x.key === p)!.org)!);
  at(bjAt(3, 9), 'charity-projects', async () => {
    for (const p of PROJECTS) {
      const ctx = await ctxOfPhone(orgAdmin.get(p.org)!);
      const startsOn = dateOf(bjAt(3, 9));
      const ends = new Date(`${startsOn}T00:00:00Z`);
      ends.setUTCMonth(ends.getUTCMonth() + p.months);
      const body = {
        regionId: regionIds.get(p.region)!,
        name: p.name,
        category: p.category,
        goalFen: p.goalYuan * 100,
        beneficiaries: p.beneficiaries,
        startsOn,
        endsOn: ends.toISOString().slice(0, 10),
        description: p.description,
      };
      const id = await createProject(ctx, { orgId: orgs.get(p.org)!, ...body });
      if (p.active) await updateProject(ctx, id, { ...body, status: 'active', version: 1 });
      projects.set(p.key, id);
    }
  });

  for (const g of DONATIONS) {
    const t = bjAt(g.day, 10 + (g.day % 6));
    at(t, 'charity-donation', async () => {
      await recordEntry(await adminOf(g.project), projects.get(g.project)!, {
        kind: 'donation',
        donationType: g.goods ? 'goods' : 'money',
        amountFen: g.yuan * 100,
        goodsDescription: g.goods?.[0] ?? null,
        goodsQuantity: g.goods?.[1] ?? null,
        donorName: g.donor,
        donorContact: g.contact ?? null,
        occurredOn: dateOf(t),
        purpose: g.purpose,
        receiptIds: [],
      });
    });
  }

  // A mistyped donation (50 000 for 5 000) and its correction two days later.
  let mistyped = '';
  at(bjAt(37, 15), 'charity-mistyped', async () => {
    const ctx = await adminOf('study');
    const id = projects.get('study')!;
    await recordEntry(ctx, id, {
      kind: 'donation',
      donationType: 'money',
      amountFen: 5_000_000,
      donorName: '示范县新华书店',
      occurredOn: dateOf(bjAt(37, 15)),
      purpose: '资助困难学生购买课外读物',
      receiptIds: [],
    });
    mistyped = (
      await db
        .selectFrom('charity_ledger_entries')
        .select('id')
        .where('project_id', '=', id)
        .orderBy('entry_no', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  });
  at(bjAt(39, 9.5), 'charity-correction', async () => {
    await correctEntry(await adminOf('study'), projects.get('study')!, mistyped, {
      kind: 'donation',
      donationType: 'money',
      amountFen: 500_000,
      donorName: '示范县新华书店',
      occurredOn: dateOf(bjAt(37, 15)),
      purpose: '资助困难学生购买课外读物',
      receiptIds: [],
      reason: '录入时金额多写一个零，捐赠协议金额为 5 000 元',
    });
  });

  for (const s of SPENDINGS) {
    const t = bjAt(s.day, 14 + (s.day % 3));
    at(t, 'charity-spending', async () => {
      const ctx = await adminOf(s.project);
      const id = projects.get(s.project)!;
      const receiptIds: string[] = [];
      if (s.receipt) {
        const bytes = s.receipt === 'pdf' ? receiptPdf() : await receiptPicture(s.receipt.title, s.receipt.lines, dateOf(t));
        const name = s.receipt === 'pdf' ? '应急包采购发票.pdf' : `${s.receipt.title}.jpg`;
        receiptIds.push((await uploadReceipt(ctx, storage, id, async () => ({ bytes, name }))).id);
      }
      await recordEntry(ctx, id, { kind: 'spending', amountFen: s.yuan * 100, purpose: s.purpose, occurredOn: dateOf(t), receiptIds });
    });
  }

  // The 关爱帮扶 visits of the volunteer story are carried out for 暖冬助老: the office links two of them.
  at(bjAt(80, 11), 'charity-activities', async () => {
    const visits = await db
      .selectFrom('volunteer_activities')
      .select('id')
      .where('title', 'like', '%老人%')
      .where('state', '<>', 'cancelled')
      .orderBy('starts_at', 'desc')
      .limit(2)
      .execute();
    if (visits.length)
      await linkActivities(
        office,
        projects.get('elderly')!,
        visits.map((v) => v.id),
      );
  });
}
