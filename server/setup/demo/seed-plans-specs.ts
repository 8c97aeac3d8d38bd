/**
 * The demo's 实施方案 as data (seed-plans.ts enters it through the commands): the plans, the 25 tasks in the county's
 * own words with their dates on the story's calendar and the fate of each month's report, and the three construction
 * projects with their milestones and photos. Every date is relative to the story's "today", so a demo seeded on any
 * day tells the same story.
 */
import type { CreateProjectBody } from '../../../common/contracts/tasks';
import type { MilestoneKind, PhotoStage, TaskStatus } from '../../../common/tasks';

// ---- the plan ------------------------------------------------------------------------------------------------------

export type PlanKey = 'main' | 'env' | 'traffic';
/** What a month's report comes to: approved; returned (and left with the unit); submitted (waiting for the office); returned, resubmitted and approved; none. */
export type Fate = 'approved' | 'returned' | 'submitted' | 'again' | null;

export interface TaskSpec {
  plan: PlanKey;
  code: string;
  parent?: string;
  title: string;
  measures: string;
  lead: string;
  coop: string[];
  leader: string | null;
  /** Dates as functions of the story's calendar (see `dates` below). */
  start: string;
  due: string;
  /** The due date first planned, when it was later moved (the baseline). */
  firstDue?: string;
  aim: TaskStatus;
  /** The fate of the September, October and November reports (the story's three past months). */
  reports: [Fate, Fate, Fate];
  /** The percent the last approved report carries, when not set from the aim. */
  percent?: number;
  /** What was done each month, in the unit's words. */
  work: [string, string, string];
  difficulty?: string;
  returnComment?: string;
  milestones?: Array<{ name: string; date: string; done: boolean }>;
  /** Standards it closes (补短), by the site type they are checked at. */
  standardsAt?: string;
  sites?: string[];
}

const MAIN = '示范县创建全国文明城市三年行动实施方案（2024—2026年）';
export const PLANS: Record<PlanKey, { name: string; summary: string }> = {
  main: {
    name: MAIN,
    summary:
      '对标《全国文明城市测评体系》，坚持“对标补短、项目化推进”，倒排工期、挂图作战，按照“时间表、路线图、任务书”逐项抓落实；各牵头单位每月 25 日前报送任务推进情况，县创建办按月通报。',
  },
  env: {
    name: '城乡环境卫生整治专项行动',
    summary: '聚焦“脏乱差”顽疾，集中整治主次干道、背街小巷、城乡接合部和农贸市场周边环境，做到“路见本色、设施完好、秩序井然”。',
  },
  traffic: {
    name: '交通秩序整治专项行动',
    summary: '整治乱停乱放、乱闯红灯、占道经营等不文明交通行为，车辆归位、摊位归市，营造安全有序的出行环境。',
  },
};

const CG = '示范县城市管理综合行政执法局';
const ZJ = '示范县住房和城乡建设局';
const WMB = '示范县文明办';
const DCS = '示范县委督查室';
const XCB = '示范县委宣传部';
const SJ = '示范县市场监督管理局';
const JJ = '示范县公安局交通警察大队';
const YL = '示范县园林绿化服务中心';
const JT = '示范县交通运输局';

/**
 * The tasks, with dates from the story's calendar: `m(k, d)` is day d of the k-th month of the story (0 = three months
 * before today's, so with today in December: m(-8, 1) is 1 January, m(3, 31) 31 December, m(7, 30) 30 April next
 * year), `rel(n)` today ± n days. Every date is relative, so a demo seeded on any day tells the same story.
 */
export function taskSpecs(m: (k: number, d: number) => string, rel: (n: number) => string): TaskSpec[] {
  /** The end of today's month (the year's end in the tests' December). */
  const endOfYear = m(3, 31);
  return [
    // ---- 实施方案 ----
    {
      plan: 'main',
      code: '1',
      title: '完善创建工作机制，压实创建责任',
      measures:
        '成立由县委书记任组长的创建工作领导小组，设立创建办和4个创建专班；建立“周调度、月通报、季考核”工作机制，形成主要领导亲自抓、分管领导具体抓、一级抓一级、层层抓落实的工作格局。',
      lead: WMB,
      coop: [DCS, XCB],
      leader: '刘振华',
      start: m(-8, 1),
      due: endOfYear,
      aim: 'in_progress',
      reports: ['approved', 'approved', 'approved'],
      work: [
        '召开创建工作调度会4次，印发《创建工作月度通报》第8期',
        '组织县直部门和乡镇（街道）开展交叉检查，通报问题126个',
        '完成第三季度考核，对排名后三位的单位主要负责同志进行约谈',
      ],
    },
    {
      plan: 'main',
      code: '1.1',
      parent: '1',
      title: '建立“周调度、月通报”工作制度',
      measures: '每周一召开创建办调度会，每月编发创建工作通报，通报各单位任务推进、问题整改和测评得分情况，结果纳入年度综合考核。',
      lead: WMB,
      coop: [DCS],
      leader: '刘振华',
      start: m(-6, 1),
      due: m(0, 30),
      aim: 'done',
      reports: ['approved', null, null],
      work: ['周调度、月通报制度已印发执行，9月共召开调度会4次，编发通报1期，制度运行平稳', '', ''],
    },
    {
      plan: 'main',
      code: '1.2',
      parent: '1',
      title: '落实县级领导包联点位责任',
      measures: '县级领导每人包联1个街道和2类以上测评点位，每月到包联点位督导不少于2次，发现问题现场交办、限期整改，建立包联点位问题台账。',
      lead: DCS,
      coop: [WMB],
      leader: '周国栋',
      start: m(-3, 1),
      due: rel(-6),
      aim: 'overdue',
      percent: 85,
      reports: ['approved', 'approved', 'approved'],
      work: [
        '县级领导包联点位督导21次，现场交办问题47个',
        '建立包联点位问题台账，已整改销号39个',
        '包联点位督导全覆盖，剩余8个问题正在整改',
      ],
      difficulty: '个别包联领导因公出差，督导次数未达到每月2次的要求',
    },
    {
      plan: 'main',
      code: '1.3',
      parent: '1',
      title: '做好年度测评迎检准备',
      measures: '对照测评体系逐项梳理实地考察点位、网上申报材料和问卷调查内容，开展模拟测评，形成问题清单、责任清单、整改清单。',
      lead: WMB,
      coop: [DCS, XCB],
      leader: '褚卫东',
      start: rel(26),
      due: rel(170),
      aim: 'not_started',
      reports: [null, null, null],
      work: ['', '', ''],
    },
    {
      plan: 'main',
      code: '2',
      title: '提升市民文明素质和城市文明程度',
      measures:
        '深入开展社会主义核心价值观宣传教育，推进新时代文明实践中心（所、站）建设，常态化开展志愿服务和移风易俗，提升市民文明素质。',
      lead: XCB,
      coop: [WMB, '共青团示范县委员会'],
      leader: '褚卫东',
      start: m(-6, 1),
      due: endOfYear,
      aim: 'in_progress',
      reports: ['approved', 'approved', 'submitted'],
      work: [
        '在主次干道、公园广场新增公益广告612处',
        '开展“文明示范县·你我共建设”主题宣传月活动',
        '评选第四季度“示范好人”10名，组织道德模范巡回宣讲6场',
      ],
    },
    {
      plan: 'main',
      code: '2.1',
      parent: '2',
      title: '深化新时代文明实践中心建设',
      measures:
        '县新时代文明实践中心、10个实践所、162个实践站挂牌运行，功能室齐全并对外开放，每月开展文明实践活动不少于2次，活动有记录、有照片。',
      lead: WMB,
      coop: [XCB, '示范县民政局'],
      leader: '褚卫东',
      start: m(-6, 1),
      due: endOfYear,
      aim: 'in_progress',
      reports: ['approved', 'approved', 'submitted'],
      work: [
        '完成10个实践所功能室标准化改造，统一标识标牌',
        '162个实践站全部挂牌，开展理论宣讲、文化惠民活动318场',
        '完成实践阵地活动台账整理，建立“群众点单、中心派单、志愿者接单”机制',
      ],
    },
    {
      plan: 'main',
      code: '2.2',
      parent: '2',
      title: '开展“文明餐桌”“光盘行动”宣传',
      measures: '在全县餐饮单位摆放“文明餐桌”“光盘行动”提示牌，推行公筷公勺和小份菜，开展“文明餐饮示范店”评选。',
      lead: '示范县商务局',
      coop: [SJ],
      leader: '褚卫东',
      start: m(-4, 1),
      due: m(1, 31),
      aim: 'done',
      reports: ['approved', 'approved', null],
      work: ['全县312家餐饮单位摆放提示牌，推行公筷公勺', '评选“文明餐饮示范店”20家，任务全部完成', ''],
    },
    {
      plan: 'main',
      code: '2.3',
      parent: '2',
      title: '推进志愿服务常态化',
      measures:
        '在公园广场、交通路口、农贸市场等重点点位设立“学雷锋志愿服务站”，实现主要点位全覆盖；注册志愿者占城区常住人口比例达到13%以上，志愿服务时长按月录入平台。',
      lead: '共青团示范县委员会',
      coop: ['示范县妇女联合会', '示范县民政局'],
      leader: '褚卫东',
      start: m(-5, 1),
      due: endOfYear,
      aim: 'behind',
      reports: ['approved', 'approved', 'returned'],
      work: [
        '新设“学雷锋志愿服务站”12个，组织志愿服务活动46场',
        '新增注册志愿者1860人，注册率提高到10.2%',
        '志愿服务站覆盖主要点位的78%，录入志愿服务时长2.3万小时',
      ],
      difficulty: '部分社区志愿者年龄偏大，平台录入不及时',
      returnComment: '志愿服务时长与平台数据不一致，请补充各服务站活动台账和照片后重新报送',
    },
    {
      plan: 'main',
      code: '3',
      title: '完善城市基础设施，补齐功能短板',
      measures:
        '把创建“硬件”包装成工程项目纳入政府投资项目，积极争取专项债券资金，实施背街小巷、公厕、农贸市场、园林绿化等提升工程，倒排工期、挂图作战。',
      lead: ZJ,
      coop: [CG, YL, '示范县自然资源和规划局'],
      leader: '周国栋',
      start: m(-6, 1),
      due: m(7, 30),
      aim: 'in_progress',
      reports: ['approved', 'again', 'approved'],
      work: [
        '9项基础设施提升工程全部开工，完成投资1.26亿元',
        '背街小巷改造完成9条，公厕新建改建5座',
        '累计完成投资1.85亿元，占计划投资的61%',
      ],
      returnComment: '请按项目逐一列明完成投资和形象进度，补充施工现场照片',
    },
    {
      plan: 'main',
      code: '3.1',
      parent: '3',
      title: '实施背街小巷改造提升',
      measures:
        '对朝阳路东三巷、文化路后街、西苑胡同、南关小街等12条背街小巷实施路面硬化、雨污分流、线缆入地和立面整治，做到路面平整、排水通畅、照明完好。',
      lead: ZJ,
      coop: [CG, '城关街道办事处', '城东街道办事处'],
      leader: '周国栋',
      start: m(-5, 1),
      due: rel(-4),
      aim: 'overdue',
      percent: 88,
      reports: ['approved', 'approved', 'approved'],
      work: [
        '完成朝阳路东三巷、文化路后街等6条主体施工',
        '累计完成9条背街小巷改造，南关小街正在铺设管网',
        '完成11条改造，西苑胡同因管线迁改滞后未完工',
      ],
      difficulty: '西苑胡同燃气管线迁改需燃气公司配合，工期受影响',
      milestones: [
        { name: '完成设计方案', date: m(-4, 15), done: true },
        { name: '完成8条改造', date: m(1, 15), done: true },
        { name: '12条全部完工验收', date: rel(-4), done: false },
      ],
      standardsAt: 'back_street',
      sites: ['朝阳路东三巷', '文化路后街', '西苑胡同', '南关小街'],
    },
    {
      plan: 'main',
      code: '3.2',
      parent: '3',
      title: '推进城区公厕提档升级',
      measures: '新建改建城区公厕8座，全部达到二类以上标准，实现城区步行10分钟入厕；落实专人保洁，做到“四净三无两通一明”。',
      lead: CG,
      coop: [ZJ, '示范县自然资源和规划局'],
      leader: '周国栋',
      start: m(-6, 1),
      due: m(6, 31),
      firstDue: endOfYear,
      aim: 'in_progress',
      reports: ['approved', 'approved', 'approved'],
      work: ['人民广场公厕改造完工并投入使用', '东湖公园北门公厕主体完工，另有2座完成选址', '累计完成5座，南关大街公厕进入装修阶段'],
      difficulty: '2座新建公厕用地手续调整，完成时限申请顺延至明年3月底',
      standardsAt: 'public_toilet',
      sites: ['人民广场公厕', '东湖公园北门公厕', '南关大街公厕'],
    },
    {
      plan: 'main',
      code: '3.3',
      parent: '3',
      title: '实施农贸市场标准化改造',
      measures: '对城东农贸市场、新华街农贸市场实施标准化改造，做到划行归市、生熟分区，设置公平秤和农残检测室，市场周边无占道经营。',
      lead: SJ,
      coop: ['示范县商务局', '城东街道办事处'],
      leader: '周国栋',
      start: m(-4, 1),
      due: m(7, 30),
      aim: 'behind',
      reports: ['approved', 'approved', 'submitted'],
      work: ['完成城东农贸市场改造设计方案评审', '城东农贸市场开工建设，新华街农贸市场完成摊位调整', '城东农贸市场钢结构大棚完成60%'],
      difficulty: '改造期间临时安置摊位不足，部分商户在周边占道经营',
      standardsAt: 'farmers_market',
      sites: ['城东农贸市场', '新华街农贸市场'],
    },
    {
      plan: 'main',
      code: '3.4',
      parent: '3',
      title: '实施“多彩花海”行动',
      measures:
        '以东湖公园东侧、滨河路沿线为重点打造“多彩花海”景观，从规划到选种到施工一气呵成；严把苗木质量，做好后期管护，紧盯交账节点倒排工期、挂图作战。',
      lead: YL,
      coop: [ZJ, '示范县自然资源和规划局'],
      leader: '周国栋',
      start: m(-6, 1),
      due: m(7, 30),
      aim: 'in_progress',
      reports: ['approved', 'approved', 'approved'],
      work: ['东湖花海完成土地平整和土壤改良', '完成花境骨架苗木栽植3.2万株', '完成宿根花卉栽植，滨河路沿线花带完成70%'],
      milestones: [
        { name: '完成规划设计', date: m(-4, 20), done: true },
        { name: '骨架苗木栽植', date: m(1, 31), done: true },
        { name: '花海交账', date: m(6, 31), done: false },
      ],
      standardsAt: 'park',
      sites: ['东湖公园', '滨河公园'],
    },
    {
      plan: 'main',
      code: '3.5',
      parent: '3',
      title: '做好冬季清雪除冰应急保障',
      measures: '制定清雪除冰应急预案，落实“雪停路净”要求，主干道雪停后12小时内清理完毕，背街小巷24小时内清理完毕。',
      lead: CG,
      coop: [JT, JJ],
      leader: '周国栋',
      start: rel(6),
      due: rel(96),
      aim: 'not_started',
      reports: [null, null, null],
      work: ['', '', ''],
    },
    // ---- 城乡环境卫生整治专项行动 ----
    {
      plan: 'env',
      code: '1',
      title: '落实主次干道“门前五包”责任',
      measures: '沿街单位和商户签订“门前五包”责任书，实行“红黄绿”三色挂牌管理；城管执法队员分片包干，每日巡查，发现问题当日整改。',
      lead: CG,
      coop: [SJ, '城关街道办事处', '城东街道办事处', '城西街道办事处', '南关街道办事处'],
      leader: '周国栋',
      start: m(-2, 1),
      due: endOfYear,
      aim: 'in_progress',
      reports: ['approved', 'again', 'approved'],
      work: [
        '人民路、建设大街沿街商户签订责任书1260份',
        '完成南关大街、朝阳路“红黄绿”挂牌',
        '主次干道“门前五包”签约率达到100%，整改问题318个',
      ],
      returnComment: '佐证照片不能反映挂牌情况，请补充三色挂牌现场照片',
      sites: ['人民路', '建设大街', '朝阳路', '南关大街'],
    },
    {
      plan: 'env',
      code: '2',
      title: '开展城中村及城乡接合部环境整治',
      measures: '集中清理河东村、柳泉镇西环路片区积存垃圾和乱搭乱建，规范设置垃圾收集点，建立保洁长效机制。',
      lead: '清河镇人民政府',
      coop: ['柳泉镇人民政府', CG, '示范县生态环境分局'],
      leader: '韩立群',
      start: m(-3, 1),
      due: rel(-19),
      aim: 'overdue',
      percent: 70,
      reports: ['approved', 'approved', 'approved'],
      work: ['清理积存垃圾860吨', '拆除乱搭乱建32处', '设置垃圾收集点24处，西环路片区清理仍未完成'],
      difficulty: '西环路片区部分违建涉及历史遗留问题，拆除进度慢',
      sites: ['河东村城乡接合片区', '柳泉镇西环路片区'],
    },
    {
      plan: 'env',
      code: '3',
      title: '建筑工地扬尘治理',
      measures: '全县在建工地落实“六个百分之百”要求，安装扬尘在线监测和视频监控设备，渣土车全部密闭运输。',
      lead: ZJ,
      coop: ['示范县生态环境分局'],
      leader: '周国栋',
      start: m(-5, 1),
      due: m(1, 31),
      aim: 'done',
      reports: ['approved', 'approved', null],
      work: ['18个在建工地安装扬尘在线监测设备', '全部工地落实“六个百分之百”，任务完成', ''],
      sites: ['锦绣华府二期建设工地', '西苑安置区建设工地'],
    },
    {
      plan: 'env',
      code: '4',
      title: '创建生活垃圾分类示范小区',
      measures: '在城区选取20个小区开展生活垃圾分类示范，设置分类投放点，配备督导员，居民分类知晓率达到90%以上。',
      lead: CG,
      coop: ['城东街道办事处', '城关街道办事处'],
      leader: '周国栋',
      start: m(-1, 1),
      due: m(4, 31),
      aim: 'behind',
      reports: ['approved', 'approved', null],
      work: ['确定20个示范小区名单', '完成锦绣家园、文苑小区等8个小区投放点建设', ''],
      difficulty: '部分小区物业配合度不高，督导员配备不足',
      sites: ['锦绣家园小区', '文苑小区', '西苑新村', '南关花园小区'],
    },
    {
      plan: 'env',
      code: '5',
      title: '开展病媒生物预防控制',
      measures: '组织开展秋冬季灭鼠、灭蟑集中行动，重点场所防鼠设施合格率达到95%以上，病媒生物密度控制水平达到C级以上。',
      lead: '示范县卫生健康局',
      coop: [SJ],
      leader: '韩立群',
      start: m(0, 1),
      due: endOfYear,
      aim: 'in_progress',
      reports: ['approved', 'approved', 'approved'],
      work: ['完成病媒生物本底调查', '开展秋季灭鼠集中行动，投放毒饵站1200个', '餐饮单位防鼠设施合格率达到93%'],
    },
    {
      plan: 'env',
      code: '6',
      title: '开展春节前城乡环境集中整治',
      measures: '春节前组织城乡环境集中整治，清理卫生死角、规范店外经营、整治乱贴乱画，营造干净整洁的节日环境。',
      lead: CG,
      coop: ['永安镇人民政府', '清河镇人民政府', '柳泉镇人民政府', '石桥镇人民政府'],
      leader: '周国栋',
      start: rel(26),
      due: rel(58),
      aim: 'not_started',
      reports: [null, null, null],
      work: ['', '', ''],
    },
    // ---- 交通秩序整治专项行动 ----
    {
      plan: 'traffic',
      code: '1',
      title: '开展重点路口文明交通劝导',
      measures: '在人民路与建设大街交叉口等重点路口设立文明交通劝导岗，早晚高峰志愿者上岗劝导，机动车礼让斑马线率达到95%以上。',
      lead: JJ,
      coop: ['共青团示范县委员会', WMB],
      leader: '周国栋',
      start: m(0, 1),
      due: endOfYear,
      aim: 'in_progress',
      reports: ['approved', 'approved', 'approved'],
      work: ['设立文明交通劝导岗12个', '劝导行人闯红灯2300余人次', '礼让斑马线率提高到93%'],
      sites: ['人民路与建设大街交叉口', '人民路与朝阳路交叉口', '南关大街与滨河路交叉口'],
    },
    {
      plan: 'traffic',
      code: '2',
      title: '整治非机动车乱停乱放',
      measures: '在主次干道施划非机动车停放区，落实共享单车企业停放管理责任，集中清理僵尸车。',
      lead: CG,
      coop: [JJ, '城东街道办事处'],
      leader: '周国栋',
      start: m(-1, 1),
      due: m(2, 15),
      aim: 'done',
      reports: ['approved', 'approved', 'approved'],
      work: ['施划非机动车停放区186处', '清理僵尸车430辆', '共享单车停放秩序明显好转，任务完成'],
    },
    {
      plan: 'traffic',
      code: '3',
      title: '提升公交站台及候车亭',
      measures: '更新改造城区公交候车亭20座，站牌信息清晰，候车亭整洁无破损、无小广告。',
      lead: JT,
      coop: ['示范县公共交通有限公司'],
      leader: '韩立群',
      start: m(-2, 1),
      due: rel(-9),
      aim: 'overdue',
      percent: 70,
      reports: ['approved', 'approved', 'returned'],
      work: ['完成候车亭设计招标', '更新候车亭14座', '更新候车亭17座，剩余3座待电力迁改后施工'],
      returnComment: '请说明剩余3座候车亭的完成时间，并补充已完工候车亭的照片',
      sites: ['人民广场公交站', '东湖公园公交站', '县医院公交站', '汽车客运站公交站'],
    },
    {
      plan: 'traffic',
      code: '4',
      title: '治理占道经营和流动摊贩',
      measures: '划定临时疏导点，实行定时定点经营；对占道经营、出店经营依法查处，做到摊位归市、车辆归位。',
      lead: CG,
      coop: [SJ, '城关街道办事处', '南关街道办事处'],
      leader: '周国栋',
      start: m(0, 15),
      due: m(4, 15),
      aim: 'behind',
      reports: ['approved', 'approved', 'approved'],
      work: ['划定临时疏导点6处', '查处出店经营案件56起', '新华街商业街占道经营仍有反弹'],
      difficulty: '流动摊贩流动性大，夜间反弹明显',
      sites: ['新华街商业街', '东湖美食街'],
    },
    {
      plan: 'traffic',
      code: '5',
      title: '施划停车泊位，推进智慧停车',
      measures: '在城区主次干道和老旧小区周边施划停车泊位1500个，建设智慧停车管理平台，缓解停车难。',
      lead: JJ,
      coop: [ZJ, JT],
      leader: '周国栋',
      start: rel(23),
      due: rel(203),
      aim: 'not_started',
      reports: [null, null, null],
      work: ['', '', ''],
    },
  ];
}

// ---- projects ------------------------------------------------------------------------------------------------------

export interface ProjectSpec {
  name: string;
  type: CreateProjectBody['type'];
  owner: string;
  address: string;
  lat: number;
  lng: number;
  outline: Array<[number, number]>;
  investmentPlanned: number;
  spent: [number, number];
  handover: string;
  description: string;
  task?: { plan: PlanKey; code: string };
  /** Planned and actual dates; an actual date after the story's start is reached during the story. */
  milestones: Record<MilestoneKind, { planned: string; actual?: string; note?: string }>;
  /** Photos: the milestone, its stage and the label drawn on the picture. */
  photos: Array<{ kind: MilestoneKind; stage: PhotoStage; caption: string; day?: string }>;
}

/** A rectangle around a point (lng, lat), as the map draws a project's outline. */
const box = (lng: number, lat: number, dx: number, dy: number): Array<[number, number]> => [
  [lng - dx, lat - dy],
  [lng + dx, lat - dy],
  [lng + dx, lat + dy],
  [lng - dx, lat + dy],
  [lng - dx, lat - dy],
];

export function projectSpecs(m: (k: number, d: number) => string, rel: (n: number) => string): ProjectSpec[] {
  return [
    {
      name: '东湖“多彩花海”景观提升工程',
      type: 'flower_sea',
      owner: ZJ,
      address: '示范县城东街道东湖路东湖公园东侧',
      lat: 39.1142,
      lng: 116.5128,
      outline: box(116.5128, 39.1142, 0.0016, 0.0009),
      investmentPlanned: 3_860_000,
      spent: [1_720_000, 2_460_000],
      handover: rel(112),
      description:
        '打造“四季有花、三季有景”的多彩花海，栽植宿根花卉12万株、花境骨架苗木3.2万株，配套园路、灌溉和夜景照明。紧盯交账节点，倒排工期、挂图作战。',
      task: { plan: 'main', code: '3.4' },
      milestones: {
        approval: { planned: m(-6, 10), actual: m(-6, 8), note: '县政府常务会议研究通过' },
        design: { planned: m(-4, 20), actual: m(-4, 28), note: '设计方案经专家评审' },
        start: { planned: m(-2, 1), actual: m(-2, 6) },
        structure: { planned: rel(-9), note: '受连续降雨影响，花境土方和园路铺装滞后' },
        acceptance: { planned: rel(96) },
        handover: { planned: rel(112) },
      },
      photos: [
        { kind: 'approval', stage: 'before', caption: '东湖公园东侧地块现状' },
        { kind: 'start', stage: 'during', caption: '土地平整和土壤改良' },
        { kind: 'start', stage: 'during', caption: '花境骨架苗木栽植' },
        { kind: 'structure', stage: 'during', caption: '宿根花卉栽植', day: m(2, 20) },
      ],
    },
    {
      name: '南关游园提质改造工程',
      type: 'park',
      owner: YL,
      address: '示范县南关街道南关大街与育红街交叉口东北角',
      lat: 39.1062,
      lng: 116.48705,
      outline: box(116.48705, 39.1062, 0.0007, 0.0005),
      investmentPlanned: 1_280_000,
      spent: [760_000, 1_150_000],
      handover: rel(22),
      description: '改造园路和休闲广场，增设健身器材、座椅和公益广告小品，补植乔灌木，完善夜景照明，打造15分钟生活圈里的口袋公园。',
      milestones: {
        approval: { planned: m(-5, 15), actual: m(-5, 12) },
        design: { planned: m(-4, 31), actual: m(-4, 30) },
        start: { planned: m(-3, 20), actual: m(-3, 18) },
        structure: { planned: m(1, 31), actual: m(1, 28), note: '园路、广场铺装和绿化栽植完成' },
        acceptance: { planned: rel(11) },
        handover: { planned: rel(22) },
      },
      photos: [
        { kind: 'approval', stage: 'before', caption: '南关游园改造前' },
        { kind: 'start', stage: 'during', caption: '园路铺装施工' },
        { kind: 'structure', stage: 'after', caption: '南关游园主体完工' },
        { kind: 'structure', stage: 'after', caption: '健身器材安装到位' },
      ],
    },
    {
      name: '城东农贸市场提升改造工程',
      type: 'market',
      owner: SJ,
      address: '示范县城东街道朝阳路 56 号',
      lat: 39.12185,
      lng: 116.50132,
      outline: box(116.50132, 39.12185, 0.0005, 0.0004),
      investmentPlanned: 2_450_000,
      spent: [520_000, 980_000],
      handover: rel(42),
      description: '改造钢结构大棚和给排水，划行归市、生熟分区，设置公平秤、农残检测室和公共厕所，周边规划临时疏导点。',
      task: { plan: 'main', code: '3.3' },
      milestones: {
        approval: { planned: m(-3, 10), actual: m(-3, 10) },
        design: { planned: m(-2, 31), actual: m(-1, 5), note: '增加农残检测室，设计方案调整' },
        start: { planned: m(0, 1), actual: m(0, 10) },
        structure: { planned: rel(11) },
        acceptance: { planned: rel(32) },
        handover: { planned: rel(42) },
      },
      photos: [
        { kind: 'approval', stage: 'before', caption: '城东农贸市场改造前' },
        { kind: 'start', stage: 'during', caption: '钢结构大棚施工' },
      ],
    },
  ];
}
