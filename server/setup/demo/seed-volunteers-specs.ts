/**
 * The demo's 志愿之城 as data (seed-volunteers.ts plays it through the module's commands): the team tree with its
 * admins, the practice network of stations with the towns' 常住人口, the 31 volunteers with their skills, zeal and
 * fate, and the places of the recurring activities.
 */
import { isValidIdNumber, type StationLevel, type TeamKind } from '../../../common/volunteers';

// ---- the organisation ----------------------------------------------------------------------------------------------

export type TeamKey = 'corps' | 'traffic' | 'eco' | 'care' | 'lecture' | 'rescue' | 'squadCg' | 'squadCd';
export interface TeamSpec {
  key: TeamKey;
  kind: TeamKind;
  name: string;
  region: string;
  parent?: TeamKey;
  unit?: string;
  /** Admins: a user name, or a unit's 联络员 by phone. */
  admins: Array<{ username?: string; phone?: string }>;
  contact: [string, string];
  description: string;
}
export const TEAMS: TeamSpec[] = [
  {
    key: 'corps',
    kind: 'corps',
    name: '示范县志愿服务总队',
    region: '139901',
    unit: '共青团示范县委员会',
    admins: [{ phone: '13903190036' }],
    contact: ['苏小雨', '13903190036'],
    description: '由县文明办指导、团县委牵头组建，统筹全县志愿服务队伍建设、项目策划和时长认证。',
  },
  {
    key: 'traffic',
    kind: 'detachment',
    name: '文明交通志愿服务支队',
    region: '139901',
    parent: 'corps',
    unit: '示范县公安局交通警察大队',
    admins: [{ phone: '13903190018' }],
    contact: ['施亮', '13903190018'],
    description: '在城区主要路口开展文明交通劝导，纠正闯红灯、不走斑马线、电动车不戴头盔等不文明交通行为。',
  },
  {
    key: 'eco',
    kind: 'detachment',
    name: '生态环保志愿服务支队',
    region: '139901',
    parent: 'corps',
    unit: '示范县生态环境分局',
    admins: [{ phone: '13903190020' }],
    contact: ['曹颖', '13903190020'],
    description: '开展公园、河道、背街小巷环境清洁和垃圾分类宣传，守护城乡生态环境。',
  },
  {
    key: 'care',
    kind: 'detachment',
    name: '关爱帮扶志愿服务支队',
    region: '139901',
    parent: 'corps',
    unit: '示范县民政局',
    admins: [{ phone: '13903190030' }],
    contact: ['喻洁', '13903190030'],
    description: '走访慰问空巢老人、留守儿童和困难家庭，开展助老助残、心理陪伴等关爱服务。',
  },
  {
    key: 'lecture',
    kind: 'detachment',
    name: '理论宣讲志愿服务支队',
    region: '139901',
    parent: 'corps',
    unit: '示范县委宣传部',
    admins: [{ phone: '13903190004' }],
    contact: ['杨帆', '13903190004'],
    description: '深入社区、村庄、企业开展党的创新理论和文明创建政策宣讲。',
  },
  {
    key: 'rescue',
    kind: 'specialist',
    name: '应急救援志愿服务队',
    region: '139901',
    parent: 'corps',
    admins: [{ phone: '13903190036' }],
    contact: ['苏小雨', '13903190036'],
    description: '具备急救、消防、水上救援技能的专业志愿者队伍，参与突发事件先期处置和大型活动保障。',
  },
  {
    key: 'squadCg',
    kind: 'squad',
    name: '人民路文明交通劝导小队',
    region: '139901001',
    parent: 'traffic',
    admins: [{ phone: '13903190018' }],
    contact: ['施亮', '13903190018'],
    description: '负责人民路与建设大街交叉口早晚高峰文明交通劝导。',
  },
  {
    key: 'squadCd',
    kind: 'squad',
    name: '东湖社区环保志愿服务小队',
    region: '139901002',
    parent: 'eco',
    admins: [{ username: 'sitelead' }],
    contact: ['陈晓东', '13903190058'],
    description: '东湖社区、东湖公园周边环境清洁和垃圾分类入户宣传。',
  },
];

export interface StationSpec {
  key: string;
  level: StationLevel;
  name: string;
  region: string;
  parent?: string;
  address: string;
  lat: number;
  lng: number;
  contact?: [string, string];
}
/** Towns: code, name, the town's centre and street of its 所, this year's 常住人口. */
export const TOWNS: Array<{ code: string; name: string; lat: number; lng: number; street: string; population: number }> = [
  { code: '139901001', name: '城关街道', lat: 39.1203, lng: 116.4856, street: '人民路 66 号', population: 68_400 },
  { code: '139901002', name: '城东街道', lat: 39.1214, lng: 116.4972, street: '朝阳路 30 号', population: 57_200 },
  { code: '139901003', name: '城西街道', lat: 39.1221, lng: 116.4563, street: '西苑路 40 号', population: 41_800 },
  { code: '139901004', name: '南关街道', lat: 39.1032, lng: 116.4812, street: '南关大街 60 号', population: 36_500 },
  { code: '139901100', name: '永安镇', lat: 39.1508, lng: 116.4705, street: '永安大街 22 号', population: 29_300 },
  { code: '139901101', name: '清河镇', lat: 39.1452, lng: 116.5148, street: '清河路 9 号', population: 31_600 },
  { code: '139901102', name: '柳泉镇', lat: 39.0948, lng: 116.4465, street: '柳泉大街 18 号', population: 24_700 },
  { code: '139901103', name: '石桥镇', lat: 39.0905, lng: 116.5176, street: '石桥大街 11 号', population: 22_900 },
  { code: '139901200', name: '杏林乡', lat: 39.152, lng: 116.4435, street: '杏林街 5 号', population: 15_800 },
  { code: '139901201', name: '白塔乡', lat: 39.0862, lng: 116.4835, street: '白塔街 3 号', population: 12_600 },
];
export const STATIONS: StationSpec[] = [
  {
    key: 'center',
    level: 'center',
    name: '示范县新时代文明实践中心',
    region: '139901',
    address: '示范县城关街道文化路 1 号（县文化中心内）',
    lat: 39.1233,
    lng: 116.4801,
    contact: ['张雅琴', '13903190002'],
  },
  ...TOWNS.map((t) => ({
    key: t.code,
    level: 'institute' as const,
    name: `${t.name}新时代文明实践所`,
    region: t.code,
    parent: 'center',
    address: `示范县${t.name}${t.street}`,
    lat: t.lat,
    lng: t.lng,
  })),
  ...(
    [
      ['139901001001', '139901001', '文化路社区', '文化路 36 号', 39.12388, 116.4748],
      ['139901001002', '139901001', '新华街社区', '新华街 40 号', 39.1182, 116.4771],
      ['139901002001', '139901002', '朝阳社区', '朝阳路 88 号', 39.1253, 116.5026],
      ['139901002002', '139901002', '东湖社区', '东湖路 45 号', 39.11795, 116.5058],
      ['139901003001', '139901003', '西苑社区', '西苑路 66 号', 39.1221, 116.4563],
      ['139901004001', '139901004', '南关社区', '南关小街 12 号', 39.1049, 116.4831],
      ['139901100201', '139901100', '永安村', '永安村村委会', 39.1531, 116.4688],
      ['139901101201', '139901101', '河东村', '河东村村委会', 39.1398, 116.5182],
    ] as const
  ).map(([code, town, name, street, lat, lng]) => ({
    key: code,
    level: 'station' as const,
    name: `${name}新时代文明实践站`,
    region: code,
    parent: town,
    address: `示范县${TOWNS.find((t) => t.code === town)!.name}${street}`,
    lat,
    lng,
  })),
];

// ---- the volunteers ------------------------------------------------------------------------------------------------

/** How often a volunteer comes: every shift of their kind, most, some, a few. */
export type Zeal = 'star2' | 'star1' | 'regular' | 'light';
export interface VolunteerSpec {
  name: string;
  gender: 'male' | 'female';
  /** Birth date yyyymmdd. */
  born: string;
  team: TeamKey;
  skills: string[];
  availability: string;
  zeal: Zeal;
  /** Days after the story's start when they apply. */
  joins: number;
  fate?: 'pending' | 'rejected';
  /** The demo account who joins with her own account. */
  username?: string;
}
const V = (
  name: string,
  gender: 'male' | 'female',
  born: string,
  team: TeamKey,
  skills: string[],
  availability: string,
  zeal: Zeal,
  joins: number,
  extra: Partial<VolunteerSpec> = {},
): VolunteerSpec => ({ name, gender, born, team, skills, availability, zeal, joins, ...extra });
export const VOLUNTEERS: VolunteerSpec[] = [
  V('卫思琪', 'female', '19920314', 'traffic', ['文明劝导', '交通引导', '宣传讲解'], '工作日全天', 'star2', 1, { username: 'volunteer' }),
  V('张建国', 'male', '19630805', 'traffic', ['交通引导', '文明劝导'], '工作日全天（已退休）', 'star2', 1),
  V('李秀兰', 'female', '19660212', 'care', ['关爱帮扶', '心理疏导'], '周二、周四全天', 'star1', 2),
  V('王海涛', 'male', '19781120', 'traffic', ['交通引导', '摄影摄像'], '工作日上午', 'star1', 2),
  V('刘淑芬', 'female', '19640917', 'eco', ['环境清洁', '文明劝导'], '周末全天', 'star1', 2),
  V('陈志刚', 'male', '19850603', 'rescue', ['应急救援', '医疗救护'], '周末及节假日', 'star1', 3),
  V('赵丽娜', 'female', '19900728', 'traffic', ['文明劝导', '外语翻译'], '周一、周三、周五', 'star1', 3),
  V('孙浩然', 'male', '20010416', 'eco', ['环境清洁', '摄影摄像'], '周末', 'regular', 4),
  V('周雅婷', 'female', '19980109', 'lecture', ['宣传讲解', '文艺演出'], '周末及晚上', 'regular', 4),
  V('吴德明', 'male', '19600322', 'care', ['关爱帮扶', '法律咨询'], '工作日', 'regular', 5),
  V('郑晓燕', 'female', '19870830', 'care', ['关爱帮扶', '医疗救护'], '周二全天', 'regular', 5),
  V('冯宇航', 'male', '19951211', 'rescue', ['应急救援', '交通引导'], '周末', 'regular', 6),
  V('褚佳怡', 'female', '20000525', 'eco', ['环境清洁', '宣传讲解'], '周六上午', 'regular', 6),
  V('蒋文斌', 'male', '19720704', 'traffic', ['交通引导'], '工作日下午', 'regular', 7),
  V('沈梦洁', 'female', '19930218', 'lecture', ['宣传讲解', '心理疏导'], '周末', 'regular', 8),
  V('韩立军', 'male', '19690930', 'squadCg', ['文明劝导', '交通引导'], '早高峰', 'regular', 9),
  V('杨慧敏', 'female', '19820406', 'care', ['关爱帮扶'], '周二', 'light', 10),
  V('朱俊杰', 'male', '19991013', 'rescue', ['应急救援', '医疗救护'], '周末', 'light', 12),
  V('秦雪梅', 'female', '19750621', 'squadCd', ['环境清洁'], '周末上午', 'light', 14),
  V('许家豪', 'male', '20030127', 'eco', ['环境清洁', '外语翻译'], '周末', 'light', 16),
  V('何春燕', 'female', '19680814', 'squadCd', ['环境清洁', '关爱帮扶'], '周末', 'light', 20),
  V('吕振宇', 'male', '19890502', 'traffic', ['文明劝导'], '周五', 'light', 24),
  V('施静怡', 'female', '19971126', 'lecture', ['文艺演出', '宣传讲解'], '周末', 'light', 30),
  V('张国庆', 'male', '19591001', 'care', ['关爱帮扶', '法律咨询'], '工作日', 'light', 35),
  V('孔令辉', 'male', '19840311', 'rescue', ['应急救援'], '节假日', 'light', 40),
  V('曹晓丽', 'female', '19910719', 'eco', ['环境清洁', '摄影摄像'], '周末', 'light', 48),
  V('严伟', 'male', '19770923', 'squadCg', ['交通引导'], '晚高峰', 'light', 55),
  V('华美玲', 'female', '19940608', 'care', ['心理疏导', '关爱帮扶'], '周末', 'light', 50, { fate: 'rejected' }),
  // This week's applications, still waiting for their team admin.
  V('金子涵', 'female', '20020304', 'corps', ['宣传讲解', '文艺演出'], '周末', 'light', -3, { fate: 'pending' }),
  V('魏明轩', 'male', '19960815', 'traffic', ['交通引导', '文明劝导'], '工作日下午', 'light', -2, { fate: 'pending' }),
  V('陶欣怡', 'female', '19881202', 'rescue', ['医疗救护', '应急救援'], '周末', 'light', -1, { fate: 'pending' }),
];
/** Area codes the ID numbers are drawn from (the province's counties). */
export const ID_AREAS = ['130102', '130104', '130105', '130108', '130121', '130123', '130125', '130181'];

/** A GB 11643 ID number: area, birth date, sequence (odd for men, even for women), check character. */
export function idNumberFor(area: string, born: string, seq: number, gender: 'male' | 'female'): string {
  const s = (seq * 2 + (gender === 'male' ? 1 : 0)) % 1000;
  const body = `${area}${born}${String(s).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  const id = body + '10X98765432'[sum % 11];
  if (!isValidIdNumber(id)) throw new Error(`demo volunteers: bad ID number ${id}`);
  return id;
}
export const PHONE_PREFIXES = ['135', '137', '139', '150', '152', '158', '186', '187', '131', '155'];

// ---- activities ----------------------------------------------------------------------------------------------------

export interface ActivityPlan {
  team: TeamKey | null;
  station?: string;
  title: string;
  description: string;
  place: string;
  lat: number;
  lng: number;
  /** Beijing hours of the day. */
  from: number;
  to: number;
  day: number;
  capacity: number;
  skills: string[];
  /** Who comes (volunteer indexes), decided when the plan is made. */
  comes: number[];
  /** Who signs up beyond those who come (upcoming activities). */
  signs?: number[];
}

export const CROSSINGS = [
  { place: '人民路与建设大街交叉口', lat: 39.11975, lng: 116.48005, station: '139901001' },
  { place: '人民路与朝阳路交叉口', lat: 39.1205, lng: 116.4956, station: '139901002' },
  { place: '南关大街与滨河路交叉口', lat: 39.1029, lng: 116.469, station: '139901004' },
];
export const CLEANUPS = [
  { place: '东湖公园', lat: 39.11488, lng: 116.50935, what: '东湖公园环境清洁志愿服务', station: '139901002002' },
  { place: '滨河公园', lat: 39.1131, lng: 116.4521, what: '滨河公园及河道沿岸垃圾清理', station: '139901003' },
  { place: '朝阳路东三巷', lat: 39.12302, lng: 116.50418, what: '背街小巷环境整治志愿服务', station: '139901002001' },
  { place: '西苑胡同', lat: 39.12087, lng: 116.46015, what: '背街小巷环境整治志愿服务', station: '139901003001' },
];
export const VISITS = [
  { place: '示范县城关街道文化路社区日间照料中心', lat: 39.1241, lng: 116.4752, what: '空巢老人关爱探访', station: '139901001001' },
  { place: '示范县永安镇敬老院', lat: 39.1519, lng: 116.4711, what: '敬老院助老服务', station: '139901100' },
  { place: '示范县南关街道南关社区', lat: 39.1049, lng: 116.4831, what: '困难家庭走访慰问', station: '139901004001' },
];
