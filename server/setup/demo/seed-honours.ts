/**
 * The demo's 好人之城 story (called from seed-history.ts): 示范县's monthly “示范好人榜”.
 * - Last month's selection went the whole way: units (民政局, 妇联, 团县委, towns) and residents nominated nine people,
 *   the office verified them (one not confirmed: 事迹与事实不符), the public voted for two weeks (a script's burst for
 *   one candidate was flagged and excluded with a reason), the review panel scored them, and five winners — one per
 *   category — were published (好人榜 at /p/honours, the .docx bulletin).
 * - This month's selection is in its public voting window: seven candidates with their votes so far, among them an
 *   address burst and a machine-regular burst flagged for the office to look at (not yet excluded).
 * Everything goes through the module's commands on the story's clock; the public's votes are written as the public
 * door writes them (keyed hashes of made-up addresses and devices, the browser family), then the detection runs.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { loadActor } from '../../platform/http';
import { prng, seedFrom } from '../../modules/inspections/sample-sites';
import { createSelection } from '../../modules/honours/create-selection';
import { detectSuspiciousVotes } from '../../modules/honours/detect-suspicious';
import { excludeVotes } from '../../modules/honours/exclude-votes';
import { insertNomination, nominate } from '../../modules/honours/nominate';
import { verifyNomination } from '../../modules/honours/nomination-workflow';
import { publishSelection } from '../../modules/honours/publish-selection';
import { findSelection } from '../../modules/honours/repository';
import { rankingOf } from '../../modules/honours/results';
import { setReviewScores } from '../../modules/honours/set-review-scores';
import { loadPublicHashKey } from '../../modules/public-reports/hash-key';
import { keyHash } from '../../modules/public-reports/rate-limit';
import '../../modules/honours/policy';
import { beijingDay } from '../../../common/beijing';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface HonourStoryDeps {
  db: Db;
  now: number;
  at: (t: number, what: string, run: () => Promise<void>) => void;
  user: (username: string) => Promise<Ctx>;
  system: Ctx;
}

interface Nominee {
  name: string;
  gender: 'male' | 'female';
  age: number;
  category: 'helping' | 'bravery' | 'honesty' | 'dedication' | 'filial';
  affiliation: string;
  headline: string;
  story: string;
  /** A unit's name, or null for a resident's nomination (recommender). */
  unit: string | null;
  recommender?: string;
  contact: [string, string];
  review: number;
  /** Relative popularity in the public vote. */
  pull: number;
  reject?: string;
}

const LAST_MONTH: Nominee[] = [
  {
    name: '王秀珍',
    gender: 'female',
    age: 58,
    category: 'filial',
    affiliation: '城东街道朝阳社区居民',
    headline: '二十二年悉心照料瘫痪婆婆',
    story:
      '2004年婆婆突发脑梗瘫痪在床，王秀珍辞去纺织厂的工作，二十二年来每天为婆婆翻身、擦洗、按摩、喂饭，婆婆从未生过褥疮。她还照顾患病的丈夫和两个孩子，家里收拾得干干净净。邻居们说：“秀珍是咱社区最孝顺的儿媳。”',
    unit: '朝阳社区居民委员会',
    contact: ['刘桂英', '13903192101'],
    review: 94,
    pull: 1.2,
  },
  {
    name: '李建军',
    gender: 'male',
    age: 41,
    category: 'bravery',
    affiliation: '示范县公共交通有限公司驾驶员',
    headline: '跳入清河救起落水儿童',
    story:
      '10月19日傍晚，李建军驾驶公交车途经清河大桥时，听到河边有人呼救，一名8岁男孩不慎落水。他立即停车、疏散乘客后跳入冰冷的河水，游出二十多米将孩子托上岸，又为孩子做心肺复苏直至120赶到。孩子脱离危险，他却发起了高烧。',
    unit: '示范县公共交通有限公司',
    contact: ['赵敏', '13903192102'],
    review: 96,
    pull: 1.5,
  },
  {
    name: '陈玉兰',
    gender: 'female',
    age: 63,
    category: 'helping',
    affiliation: '城关街道文化路社区志愿者',
    headline: '退休十年坚持为独居老人送餐',
    story:
      '退休后，陈玉兰牵头组建“夕阳红”助老服务队，十年来每天中午为社区18位独居和失能老人送餐上门，顺便量血压、聊家常，累计送餐四万余份。她还自费购买血压计、轮椅，放在社区供老人免费借用。',
    unit: '示范县民政局',
    contact: ['陈玉兰', '13903192103'],
    review: 91,
    pull: 1.0,
  },
  {
    name: '张立国',
    gender: 'male',
    age: 52,
    category: 'honesty',
    affiliation: '清河镇河东村个体运输户',
    headline: '捡到八万元现金原封不动归还',
    story:
      '11月3日，张立国在县城加油站旁捡到一个黑色手提包，内有现金八万余元和身份证、银行卡。他在原地等候两个多小时未见失主，便交到城关派出所，协助民警联系上失主。失主要拿出一万元酬谢，被他婉言谢绝：“不是自己的钱，一分也不能要。”',
    unit: null,
    recommender: '河东村村民 马长海',
    contact: ['马长海', '13903192104'],
    review: 90,
    pull: 0.8,
  },
  {
    name: '刘晓燕',
    gender: 'female',
    age: 36,
    category: 'dedication',
    affiliation: '示范县人民医院急诊科护士长',
    headline: '十五年坚守急诊一线',
    story:
      '刘晓燕在急诊科工作十五年，参与抢救危重病人六千余人次。今年夏天暴雨期间，她连续三天三夜守在急诊科，协调转运伤员四十余人。她带出的护理团队多次获评市级优秀护理团队，还常年到乡镇卫生院义务培训急救知识。',
    unit: '示范县卫生健康局',
    contact: ['周红', '13903192105'],
    review: 93,
    pull: 1.1,
  },
  {
    name: '孙志强',
    gender: 'male',
    age: 29,
    category: 'helping',
    affiliation: '共青团示范县委员会青年志愿者',
    headline: '组织大学生志愿者义务支教',
    story:
      '孙志强大学毕业回乡创业，三年来利用周末和寒暑假组织返乡大学生到杏林乡、白塔乡的小学开展义务支教，开设美术、音乐、科学等课程，累计服务留守儿童八百余人次，并募集图书五千余册建起三个“爱心书屋”。',
    unit: '共青团示范县委员会',
    contact: ['苏小雨', '13903192106'],
    review: 86,
    pull: 0.9,
  },
  {
    name: '赵德明',
    gender: 'male',
    age: 67,
    category: 'filial',
    affiliation: '永安镇永安村村民',
    headline: '照顾智障弟弟四十年不离不弃',
    story:
      '赵德明的弟弟自幼智力残疾，父母去世后，他把弟弟接到自己家中，四十年来吃穿冷暖都放在心上，给弟弟洗衣做饭、看病买药，从没让弟弟受过委屈。村里人都说，德明把“长兄如父”四个字做到了极致。',
    unit: '永安镇人民政府',
    contact: ['赵德明', '13903192107'],
    review: 88,
    pull: 0.7,
  },
  {
    name: '黄丽萍',
    gender: 'female',
    age: 45,
    category: 'dedication',
    affiliation: '示范县实验小学教师',
    headline: '扎根乡村教学二十年',
    story:
      '黄丽萍师范毕业后主动到白塔乡中心小学任教，一干就是二十年，所带班级成绩始终名列全乡前茅。她资助过十二名家庭困难学生完成学业，被学生们亲切地称为“黄妈妈”。今年调入县实验小学后，她仍每周回乡下学校送教一次。',
    unit: '示范县妇女联合会',
    contact: ['吴春梅', '13903192108'],
    review: 84,
    pull: 0.6,
  },
  {
    name: '钱国华',
    gender: 'male',
    age: 55,
    category: 'honesty',
    affiliation: '城西街道个体商户',
    headline: '推荐材料所述事迹无法核实',
    story:
      '推荐材料称钱国华多年来诚信经营、从不缺斤少两，并多次为顾客退还多付的货款。经街道和市场监管部门走访核实，其经营的店铺今年曾因计量不准被投诉并受到处理，所述事迹与事实不符。',
    unit: '城西街道办事处',
    contact: ['钱国华', '13903192109'],
    review: 0,
    pull: 0,
    reject: '经走访和市场监管部门核实，该商户今年曾因计量不准被投诉处理，所述事迹与事实不符',
  },
];

const THIS_MONTH: Nominee[] = [
  {
    name: '周海燕',
    gender: 'female',
    age: 48,
    category: 'helping',
    affiliation: '城东街道东湖社区党委书记',
    headline: '带领居民把老旧小区变成“幸福家园”',
    story:
      '周海燕任东湖社区党委书记八年，带领居民议事会完成五个老旧小区改造，建起社区食堂和日间照料中心。她的手机24小时开机，居民有事随叫随到，被大家称为“社区的贴心人”。',
    unit: '东湖社区居民委员会',
    contact: ['周海燕', '13903192201'],
    review: 0,
    pull: 1.1,
  },
  {
    name: '马俊峰',
    gender: 'male',
    age: 33,
    category: 'bravery',
    affiliation: '示范县公安局交通警察大队辅警',
    headline: '徒手拦停溜坡货车',
    story:
      '11月28日，一辆未拉手刹的货车在南关街道坡道上向人群溜行。正在执勤的马俊峰冲上前拉开车门跳进驾驶室，拉起手刹将车停住，避免了一场事故，自己的手臂却被车门划伤缝了七针。',
    unit: '示范县公安局交通警察大队',
    contact: ['高强', '13903192202'],
    review: 0,
    pull: 1.4,
  },
  {
    name: '吴桂香',
    gender: 'female',
    age: 71,
    category: 'filial',
    affiliation: '柳泉镇柳泉村村民',
    headline: '七旬老人照顾百岁婆婆',
    story:
      '吴桂香今年71岁，婆婆已经102岁。三十多年来，她每天给婆婆梳头、洗脚、做软烂的饭菜，婆婆生病住院，她在病床前一守就是半个月。在她的影响下，家里三代人和睦相处，被评为镇级“最美家庭”。',
    unit: '柳泉镇人民政府',
    contact: ['吴建华', '13903192203'],
    review: 0,
    pull: 1.0,
  },
  {
    name: '郑文涛',
    gender: 'male',
    age: 39,
    category: 'honesty',
    affiliation: '示范县农村商业银行柜员',
    headline: '发现多付款项主动追回归还储户',
    story:
      '郑文涛在网点办理业务时发现一位老年储户误将五万元转给了陌生账户，他立即启动止付流程并报警，和同事连夜联系收款行，最终帮老人追回全部款项，成功避免了一起电信诈骗损失。',
    unit: '示范县农村商业银行',
    contact: ['李娜', '13903192204'],
    review: 0,
    pull: 0.8,
  },
  {
    name: '冯春生',
    gender: 'male',
    age: 57,
    category: 'dedication',
    affiliation: '示范县园林绿化服务中心养护工',
    headline: '三十年守护城市绿地',
    story:
      '冯春生在园林养护岗位工作三十年，负责的人民公园绿地常年整洁如新。每逢大雪，他总是凌晨四点就上岗清扫积雪、扶正被压弯的树木。他还琢磨出一套节水浇灌办法，每年为单位节约用水两万多吨。',
    unit: '示范县园林绿化服务中心',
    contact: ['冯春生', '13903192205'],
    review: 0,
    pull: 0.7,
  },
  {
    name: '杨雪梅',
    gender: 'female',
    age: 26,
    category: 'helping',
    affiliation: '城关街道新华街社区居民',
    headline: '手语志愿服务听障群众',
    story:
      '杨雪梅自学手语五年，在县政务服务中心为听障群众提供手语翻译志愿服务，累计服务一千余人次。她还在社区开设免费手语课堂，让更多人学会用手语和听障朋友交流。',
    unit: null,
    recommender: '新华街社区居民 何丽',
    contact: ['何丽', '13903192206'],
    review: 0,
    pull: 1.0,
  },
  {
    name: '韩立新',
    gender: 'male',
    age: 44,
    category: 'dedication',
    affiliation: '石桥镇中心卫生院医生',
    headline: '扎根乡镇卫生院的“全科医生”',
    story:
      '韩立新在石桥镇中心卫生院工作二十年，负责全镇三千多名慢病患者的随访管理，常年骑电动车走村入户上门服务，行程超过十万公里。村民们说，有韩大夫在，看病心里就踏实。',
    unit: '石桥镇人民政府',
    contact: ['韩立新', '13903192207'],
    review: 0,
    pull: 0.9,
  },
];

const FAMILIES = ['WeChat', 'WeChat', 'WeChat', 'Chrome', 'Safari', 'HuaweiBrowser', 'QQBrowser', 'Alipay'];
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const bjDay = beijingDay;
/** The instant of a Beijing day at an hour. */
const bjTime = (day: string, hour: number) => Date.parse(`${day}T00:00:00+08:00`) + hour * HOUR;

/** Seeds the story. */
export async function seedHonourStory(d: HonourStoryDeps): Promise<void> {
  const { db, now, at, system } = d;
  const county = await db.selectFrom('regions').select(['id', 'path']).where('code', '=', '139901').executeTakeFirst();
  if (!county) return;
  await loadPublicHashKey(db);
  const random = prng(seedFrom(`demo-honours-${new Date(now).getUTCFullYear()}`));
  const office = await d.user('office');
  const unitCtx = new Map<string, Ctx>();
  const ctxOfUnit = async (unitName: string): Promise<Ctx> => {
    const hit = unitCtx.get(unitName);
    if (hit) return { ...hit, clock: system.clock };
    const u = await sql<{ id: string }>`select u.id from users u join user_roles g on g.user_id = u.id join units un on un.id = u.unit_id
      where un.name = ${unitName} and g.role in ('unit_liaison', 'unit_head') and u.active
      order by case g.role when 'unit_liaison' then 0 else 1 end, u.username limit 1`.execute(db);
    const actor = u.rows[0] ? await loadActor(db, u.rows[0].id, 'session') : null;
    const ctx: Ctx = actor ? { actor, db, clock: system.clock, meta: { ip: null, userAgent: 'demo-history' } } : office;
    unitCtx.set(unitName, ctx);
    return ctx;
  };

  const today = bjDay(now);
  const thisMonth = today.slice(0, 7);
  const lastMonthDate = new Date(Date.parse(`${thisMonth}-01T00:00:00Z`) - DAY);
  const lastMonth = lastMonthDate.toISOString().slice(0, 7);
  const lm = (n: number) => addDays(`${lastMonth}-01`, n - 1);
  const [ly, lmo] = lastMonth.split('-').map(Number);
  const [ty, tmo] = thisMonth.split('-').map(Number);

  /** The public's votes for a candidate over days, in waking hours, from made-up addresses and phones. */
  const publicVotes = (selectionId: string, candidateId: string, from: number, to: number, count: number) => {
    const rows: Array<Record<string, unknown>> = [];
    for (let i = 0; i < count; i++) {
      const day = bjDay(from + random() * (to - from));
      const t = bjTime(day, 7 + random() * 15);
      if (t > Math.min(to, now)) continue;
      const ip = `demo-ip-${crypto.randomBytes(6).toString('hex')}`;
      rows.push({
        selection_id: selectionId,
        candidate_id: candidateId,
        voted_at: new Date(t),
        vote_day: bjDay(t),
        ip_hash: keyHash('ip', ip),
        device_hash: keyHash('device', `demo-dev-${crypto.randomBytes(6).toString('hex')}`),
        phone_hash: null,
        ua_family: FAMILIES[Math.floor(random() * FAMILIES.length)]!,
      });
    }
    return rows;
  };
  /** A script: `n` votes for one candidate every `gap` seconds from rotating addresses, one browser family. */
  const scriptVotes = (selectionId: string, candidateId: string, start: number, n: number, gap: number, family: string) =>
    Array.from({ length: n }, (_, i) => {
      const t = start + i * gap * 1000;
      return {
        selection_id: selectionId,
        candidate_id: candidateId,
        voted_at: new Date(t),
        vote_day: bjDay(t),
        ip_hash: keyHash('ip', `demo-proxy-${crypto.randomBytes(6).toString('hex')}`),
        device_hash: keyHash('device', `demo-bot-${crypto.randomBytes(6).toString('hex')}`),
        phone_hash: null,
        ua_family: family,
      };
    });
  const insertVotes = async (rows: Array<Record<string, unknown>>) => {
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('honour_votes')
        .values(rows.slice(i, i + 200) as never)
        .onConflict((oc) => oc.doNothing())
        .execute();
  };

  /** Nominations of a selection through the module (a unit's, or a resident's through the public door's insert). */
  const nominateAll = async (selectionId: string, list: Nominee[]) => {
    const ids = new Map<string, string>();
    for (const n of list) {
      const body = {
        categoryCode: n.category,
        nomineeName: n.name,
        gender: n.gender,
        age: n.age,
        affiliation: n.affiliation,
        headline: n.headline,
        story: n.story,
        contactName: n.contact[0],
        contactPhone: n.contact[1],
        photoIds: [],
      };
      if (n.unit) {
        ids.set(n.name, await nominate(await ctxOfUnit(n.unit), selectionId, { ...body, unitId: null }));
      } else {
        const anon: Ctx = {
          ...system,
          actor: { ...system.actor, id: '', username: '', name: '匿名', grants: [], via: 'session' },
          meta: { ip: null, userAgent: 'demo-public' },
        };
        const s = (await findSelection(db, selectionId))!;
        ids.set(
          n.name,
          await db
            .transaction()
            .execute((tx) =>
              insertNomination(tx, anon, s, { ...body, source: 'public', unitId: null, recommenderName: n.recommender }, null),
            ),
        );
      }
    }
    return ids;
  };
  const verifyAll = async (list: Nominee[], ids: Map<string, string>) => {
    for (const n of list) {
      const id = ids.get(n.name)!;
      const v = (await db.selectFrom('honour_nominations').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
      if (n.reject) await verifyNomination(office, id, 'reject', { version: v, reason: n.reject });
      else
        await verifyNomination(office, id, 'approve', { version: v, note: '经所在单位、社区走访和邻里座谈核实，事迹属实，群众认可度高' });
    }
  };

  // ---- last month: the whole way to publication ---------------------------------------------------------------------
  let lastId = '';
  let lastIds = new Map<string, string>();
  at(bjTime(lm(1), 9), 'honours-last-create', async () => {
    lastId = await createSelection(office, {
      regionId: county.id,
      kind: 'monthly',
      title: `${ly}年${lmo}月“示范好人榜”评选`,
      period: lastMonth,
      categories: ['helping', 'bravery', 'honesty', 'dedication', 'filial'],
      description: '每月评选一次，每个类别评出一名“示范好人”，在好人榜公开发布。',
      nominationStartsOn: lm(1),
      nominationEndsOn: lm(7),
      votingStartsOn: lm(10),
      votingEndsOn: lm(23),
      publishOn: lm(25),
      winnersCount: 5,
      // 每个类别一名 as data: the quotas the office sets in the form (分类名额).
      categoryQuotas: { helping: 1, bravery: 1, honesty: 1, dedication: 1, filial: 1 },
      voteWeight: 0.4,
      reviewWeight: 0.6,
    });
  });
  at(bjTime(lm(4), 10), 'honours-last-nominate', async () => {
    lastIds = await nominateAll(lastId, LAST_MONTH);
  });
  at(bjTime(lm(8), 15), 'honours-last-verify', async () => verifyAll(LAST_MONTH, lastIds));
  at(bjTime(lm(23), 23.5), 'honours-last-votes', async () => {
    const from = bjTime(lm(10), 0);
    const to = bjTime(lm(23), 24);
    const rows = LAST_MONTH.filter((n) => !n.reject).flatMap((n) =>
      publicVotes(lastId, lastIds.get(n.name)!, from, to, Math.round(160 * n.pull)),
    );
    // A script voted for 黄丽萍 every 12 s one evening (rotating addresses, one browser family).
    rows.push(...scriptVotes(lastId, lastIds.get('黄丽萍')!, bjTime(lm(15), 21.2), 40, 12, 'OkHttp'));
    await insertVotes(rows);
    await detectSuspiciousVotes(db, lastId, new Date(to));
  });
  at(bjTime(lm(24), 10), 'honours-last-exclude', async () => {
    const flagged = await sql<{ id: string }>`select distinct v.id from honour_votes v join honour_vote_flags f on f.vote_id = v.id
      where v.selection_id = ${lastId} and f.rule = 'family_burst'`.execute(db);
    if (flagged.rows.length)
      await excludeVotes(office, lastId, {
        voteIds: flagged.rows.map((r) => r.id),
        reason: '同一设备类型每 12 秒一票、连续 40 票，来源地址轮换，判定为脚本刷票，予以剔除',
      });
    await setReviewScores(office, lastId, {
      items: LAST_MONTH.filter((n) => !n.reject).map((n) => ({ candidateId: lastIds.get(n.name)!, score: n.review })),
    });
  });
  at(bjTime(lm(25), 9.5), 'honours-last-publish', async () => {
    const s = (await findSelection(db, lastId))!;
    const ranking = await rankingOf(db, lastId, { vote: s.vote_weight, review: s.review_weight });
    // One winner per category (the quotas): the best of each.
    const winners = new Map<string, string>();
    for (const r of ranking) if (!winners.has(r.category_code)) winners.set(r.category_code, r.candidate_id);
    await publishSelection(office, lastId, { version: s.version, winnerIds: [...winners.values()] });
  });

  // ---- this month: public voting now --------------------------------------------------------------------------------
  let curId = '';
  let curIds = new Map<string, string>();
  const nStart = addDays(today, -12);
  at(bjTime(nStart, 9), 'honours-current-create', async () => {
    curId = await createSelection(office, {
      regionId: county.id,
      kind: 'monthly',
      title: `${ty}年${tmo}月“示范好人榜”评选`,
      period: thisMonth,
      categories: ['helping', 'bravery', 'honesty', 'dedication', 'filial'],
      description: '推荐、审核已结束，候选人事迹公示并接受群众投票，每人每天可为同一候选人投一票。',
      nominationStartsOn: nStart,
      nominationEndsOn: addDays(today, -6),
      votingStartsOn: addDays(today, -3),
      votingEndsOn: addDays(today, 10),
      publishOn: addDays(today, 12),
      winnersCount: 5,
      // 每个类别一名 as data: the quotas the office sets in the form (分类名额).
      categoryQuotas: { helping: 1, bravery: 1, honesty: 1, dedication: 1, filial: 1 },
      voteWeight: 0.4,
      reviewWeight: 0.6,
    });
  });
  at(bjTime(addDays(today, -9), 10), 'honours-current-nominate', async () => {
    curIds = await nominateAll(curId, THIS_MONTH);
  });
  at(bjTime(addDays(today, -5), 15), 'honours-current-verify', async () => verifyAll(THIS_MONTH, curIds));
  at(now - 30 * MIN, 'honours-current-votes', async () => {
    const from = bjTime(addDays(today, -3), 0);
    const to = now - HOUR;
    const rows = THIS_MONTH.flatMap((n) => publicVotes(curId, curIds.get(n.name)!, from, to, Math.round(50 * n.pull)));
    // Yesterday evening: one address voted for every candidate within three minutes; a script voted for 郑文涛 every 20 s.
    const evening = bjTime(addDays(today, -1), 20.5);
    const ip = keyHash('ip', `demo-burst-${crypto.randomBytes(4).toString('hex')}`);
    THIS_MONTH.forEach((n, i) =>
      rows.push({
        selection_id: curId,
        candidate_id: curIds.get(n.name)!,
        voted_at: new Date(evening + i * 25_000),
        vote_day: bjDay(evening),
        ip_hash: ip,
        device_hash: keyHash('device', `demo-burst-dev-${i}`),
        phone_hash: null,
        ua_family: 'Chrome',
      }),
    );
    rows.push(...scriptVotes(curId, curIds.get('郑文涛')!, evening + HOUR, 24, 20, 'Python'));
    await insertVotes(rows);
    await detectSuspiciousVotes(db, curId, new Date(now - 20 * MIN));
  });
}
