/**
 * The organisation of a benchmark city (临江市, fictional): counties, towns, villages, units and accounts,
 * sized from the unit count. Plain data built in memory, inserted by generate-problems.ts.
 */
import crypto from 'node:crypto';

export interface CityRegion {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  level: 'city' | 'county' | 'town' | 'village';
  path: string;
  county: number;
  town: number;
}

export interface CityUnit {
  id: string;
  name: string;
  type: string;
  regionId: string;
  /** Which table of generate-problems picks it: city/county department, town, community or other. */
  kind: 'city_dept' | 'county_dept' | 'town' | 'community' | 'other';
  county: number;
}

export interface CityUser {
  id: string;
  username: string;
  name: string;
  unitId: string | null;
  regionId: string | null;
  role: 'office' | 'leader' | 'inspector' | 'grid_worker' | 'unit_liaison';
  scopeType: 'region' | 'unit';
  scopeId: string;
}

export interface City {
  regions: CityRegion[];
  units: CityUnit[];
  users: CityUser[];
  counties: CityRegion[];
  towns: CityRegion[];
  villages: CityRegion[];
  /** Per village: its community unit (when it has one) and its town's unit. */
  villageUnits: Map<string, { community: string | null; town: string }>;
}

const COUNTIES = ['东城区', '西城区', '南湖区', '北山区', '江滨区', '高新区', '临江县', '青溪县', '白石县', '云台县', '安平县', '柳河县'];
const TOWN_WORDS = [
  '城关',
  '河西',
  '新华',
  '人民',
  '解放',
  '建设',
  '和平',
  '永安',
  '长乐',
  '太平',
  '安宁',
  '兴隆',
  '青山',
  '白云',
  '柳林',
  '桃园',
  '金桥',
  '石门',
  '凤凰',
  '龙泉',
  '双溪',
  '东湖',
  '南岗',
  '北关',
];
const VILLAGE_WORDS = [
  '东风',
  '红星',
  '胜利',
  '光明',
  '团结',
  '幸福',
  '友谊',
  '新村',
  '花园',
  '滨河',
  '朝阳',
  '振兴',
  '前进',
  '和谐',
  '翠苑',
  '杨柳',
  '荷塘',
  '松园',
  '枫林',
  '望江',
  '丰收',
  '龙湾',
  '古井',
  '石桥',
];
const DEPTS = [
  '城市管理局',
  '市场监督管理局',
  '住房和城乡建设局',
  '生态环境局',
  '交通运输局',
  '公安局交通警察大队',
  '园林绿化中心',
  '文化广电旅游局',
  '卫生健康局',
  '教育局',
  '民政局',
  '商务局',
  '水利局',
  '自然资源和规划局',
  '应急管理局',
  '农业农村局',
  '城管执法大队',
  '环境卫生管理处',
  '市政工程管理处',
  '供电公司',
  '自来水公司',
  '燃气公司',
  '公交公司',
  '房产服务中心',
  '街巷管理办公室',
  '宣传部',
  '文明办',
  '团委',
  '妇联',
  '总工会',
  '残联',
  '红十字会',
  '税务局',
  '人力资源和社会保障局',
  '司法局',
  '消防救援大队',
  '体育局',
  '统计局',
  '档案馆',
  '图书馆',
];
const OTHER_KINDS: Array<[string, string]> = [
  ['school', '中学'],
  ['school', '小学'],
  ['hospital', '医院'],
  ['window', '政务服务窗口'],
  ['enterprise', '物业服务有限公司'],
  ['other', '农贸市场管理所'],
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅晓东春燕文博子涵浩然欣怡雨桐宇轩思远嘉怡俊杰';

function personName(i: number): string {
  const g = [...GIVEN];
  const s = [...SURNAMES];
  return s[i % s.length] + g[(i * 7) % g.length] + (i % 3 === 0 ? '' : g[(i * 13 + 5) % g.length]);
}

/** Builds the city for `unitCount` units (≥ 200): about 2% city departments, 15% county departments, 6% towns, 60% communities, the rest schools, hospitals and the like. */
export function buildCity(unitCount: number): City {
  if (unitCount < 200) throw new Error('BENCH_UNITS must be at least 200');
  const counties = unitCount >= 1000 ? 10 : Math.max(2, Math.floor(unitCount / 100));
  const townsPerCounty = Math.max(2, Math.round((unitCount * 0.06) / counties));
  const villagesPerTown = Math.max(2, Math.round((unitCount * 0.6) / (counties * townsPerCounty)));
  const cityDepts = Math.max(4, Math.round(unitCount * 0.02));
  const deptsPerCounty = Math.max(4, Math.round((unitCount * 0.15) / counties));
  const regions: CityRegion[] = [];
  const add = (parent: CityRegion | null, code: string, name: string, level: CityRegion['level'], county: number, town: number) => {
    const id = crypto.randomUUID();
    const r: CityRegion = { id, parentId: parent?.id ?? null, code, name, level, path: `${parent?.path ?? '/'}${id}/`, county, town };
    regions.push(r);
    return r;
  };
  const city = add(null, '339900', '临江市', 'city', -1, -1);
  const countyRows: CityRegion[] = [];
  const towns: CityRegion[] = [];
  const villages: CityRegion[] = [];
  for (let c = 0; c < counties; c++) {
    const county = add(
      city,
      `3399${String(c + 1).padStart(2, '0')}`,
      COUNTIES[c % COUNTIES.length] + (c >= COUNTIES.length ? String(c) : ''),
      'county',
      c,
      -1,
    );
    countyRows.push(county);
    for (let t = 0; t < townsPerCounty; t++) {
      const word = TOWN_WORDS[(t + c * 5) % TOWN_WORDS.length] + (t >= TOWN_WORDS.length ? String(t) : '');
      const town = add(
        county,
        `${county.code}${String(t + 1).padStart(3, '0')}`,
        word + (t % 3 === 2 ? '镇' : '街道'),
        'town',
        c,
        towns.length,
      );
      towns.push(town);
      for (let v = 0; v < villagesPerTown; v++) {
        const vw = VILLAGE_WORDS[(v + t * 3 + c) % VILLAGE_WORDS.length] + (v >= VILLAGE_WORDS.length ? String(v) : '');
        villages.push(
          add(
            town,
            `${town.code}${String(v + 1).padStart(3, '0')}`,
            vw + (town.name.endsWith('镇') ? '村' : '社区'),
            'village',
            c,
            town.town,
          ),
        );
      }
    }
  }

  const units: CityUnit[] = [];
  const names = new Set<string>();
  const unit = (name: string, type: string, regionId: string, kind: CityUnit['kind'], county: number) => {
    let unique = name;
    for (let i = 2; names.has(unique); i++) unique = `${name}（${i}）`;
    names.add(unique);
    const u: CityUnit = { id: crypto.randomUUID(), name: unique, type, regionId, kind, county };
    units.push(u);
    return u;
  };
  for (let i = 0; i < cityDepts; i++)
    unit(
      `临江市${DEPTS[i % DEPTS.length]}${i >= DEPTS.length ? `第${Math.floor(i / DEPTS.length) + 1}分局` : ''}`,
      'county_dept',
      city.id,
      'city_dept',
      -1,
    );
  for (const county of countyRows) {
    for (let i = 0; i < deptsPerCounty; i++)
      unit(
        `${county.name}${DEPTS[i % DEPTS.length]}${i >= DEPTS.length ? `第${Math.floor(i / DEPTS.length) + 1}分局` : ''}`,
        'county_dept',
        county.id,
        'county_dept',
        county.county,
      );
  }
  const villageUnits = new Map<string, { community: string | null; town: string }>();
  const townUnit = new Map<string, string>();
  for (const town of towns)
    townUnit.set(
      town.id,
      unit(
        `${countyRows[town.county].name}${town.name}${town.name.endsWith('镇') ? '人民政府' : '办事处'}`,
        'town',
        town.id,
        'town',
        town.county,
      ).id,
    );
  const remaining = unitCount - units.length;
  const communities = Math.min(villages.length, Math.max(0, Math.round(remaining * 0.78)));
  villages.forEach((v, i) => {
    const t = towns[v.town];
    const community =
      i < communities
        ? unit(
            `${countyRows[v.county].name}${t.name}${v.name}${v.name.endsWith('村') ? '村民委员会' : '居民委员会'}`,
            'community',
            v.id,
            'community',
            v.county,
          ).id
        : null;
    villageUnits.set(v.id, { community, town: townUnit.get(t.id)! });
  });
  for (let i = 0; units.length < unitCount; i++) {
    const [type, suffix] = OTHER_KINDS[i % OTHER_KINDS.length];
    const town = towns[(i * 7) % towns.length];
    unit(
      `${countyRows[town.county].name}${town.name}${type === 'school' ? `第${Math.floor(i / OTHER_KINDS.length) + 1}` : ''}${suffix}`,
      type,
      town.id,
      'other',
      town.county,
    );
  }

  const users: CityUser[] = [];
  let n = 0;
  const user = (
    username: string,
    role: CityUser['role'],
    scopeType: CityUser['scopeType'],
    scopeId: string,
    extra: { unitId?: string; regionId?: string } = {},
  ) =>
    users.push({
      id: crypto.randomUUID(),
      username,
      name: personName(n++),
      unitId: extra.unitId ?? null,
      regionId: extra.regionId ?? null,
      role,
      scopeType,
      scopeId,
    });
  user('bench_office', 'office', 'region', city.id, { regionId: city.id });
  user('bench_leader', 'leader', 'region', city.id, { regionId: city.id });
  for (const c of countyRows) {
    user(`bench_office_c${c.county + 1}`, 'office', 'region', c.id, { regionId: c.id });
    user(`bench_inspector_c${c.county + 1}`, 'inspector', 'region', c.id, { regionId: c.id });
  }
  towns.forEach((t, i) => user(`bench_grid_t${i + 1}`, 'grid_worker', 'region', t.id, { regionId: t.id }));
  units.forEach((u, i) => user(`bench_liaison_u${i + 1}`, 'unit_liaison', 'unit', u.id, { unitId: u.id }));
  return { regions, units, users, counties: countyRows, towns, villages, villageUnits };
}
