/**
 * Words for the demo history (seed-history.ts): what people write when they report, send back, rectify and check a
 * problem. Each problem category the history uses has a few descriptions with `{p}` for the place; the responsible
 * department is named by a short key that each county's unit table resolves (see CATEGORY_DEPT).
 */

export interface CategoryText {
  code: string;
  /** Short key of the department that usually works this category (resolved per county). */
  dept: 'cg' | 'zj' | 'sj' | 'yl' | 'jj' | 'jt' | 'wm' | 'wj' | 'sw' | 'sp';
  texts: string[];
  measures: string[];
}

export const CATEGORY_TEXTS: CategoryText[] = [
  {
    code: 'E0102',
    dept: 'cg',
    texts: ['{p}路边有暴露垃圾堆放，约 3 平方米，未及时清运', '{p}东侧绿化带内堆有生活垃圾和包装袋', '{p}垃圾桶旁散落垃圾，异味明显'],
    measures: ['已组织环卫人员清运垃圾，加密保洁频次，每日巡查两次', '清理暴露垃圾两车，设置“禁止乱倒垃圾”提示牌'],
  },
  {
    code: 'E0104',
    dept: 'cg',
    texts: ['{p}路面有泥土和油污，道路不洁', '{p}人行道上落叶、烟头较多，未及时清扫', '{p}路沿石下积存泥沙'],
    measures: ['安排机扫车冲洗路面，落实“一扫全保”', '已清扫冲洗，明确保洁责任人，落实门前三包'],
  },
  {
    code: 'E0105',
    dept: 'sw',
    texts: ['{p}附近河道水面漂浮垃圾和水草', '{p}旁边排水沟有污水积存，发黑发臭'],
    measures: ['已组织打捞漂浮物，建立河道每日巡查制度', '清淤疏通排水沟，排查上游排污口'],
  },
  {
    code: 'E0201',
    dept: 'cg',
    texts: ['{p}电线杆和墙面张贴大量非法小广告', '{p}公交站亭贴有办证、搬家类小广告'],
    measures: ['已铲除小广告 40 余处，对涉及号码进行停机处置', '清除小广告，喷涂防贴涂料'],
  },
  {
    code: 'E0202',
    dept: 'cg',
    texts: ['{p}沿街商户私自悬挂广告牌匾，不符合设置规范', '{p}店铺门头横幅破损未及时更换'],
    measures: ['约谈商户，已拆除违规广告牌匾', '督促商户更换破损横幅，纳入门前三包管理'],
  },
  {
    code: 'E0302',
    dept: 'zj',
    texts: ['{p}旁建筑工地裸土未覆盖，扬尘明显', '{p}附近工地出入口车辆带泥上路'],
    measures: ['督促施工单位覆盖裸土，增设雾炮两台', '工地出入口设置洗车平台，专人冲洗车辆'],
  },
  {
    code: 'E0306',
    dept: 'zj',
    texts: ['{p}施工围挡破损倾斜，存在安全隐患', '{p}工地围挡公益广告画面褪色破损'],
    measures: ['已加固更换围挡 30 米，更新公益广告画面', '更换破损围挡，落实每周巡检'],
  },
  {
    code: 'E0502',
    dept: 'cg',
    texts: ['{p}人行道上有流动摊贩占道经营', '{p}早市摊位超出划定区域，占用人行道'],
    measures: ['劝导摊贩进入便民市场经营，安排队员早晚值守', '重新施划经营区域，落实定时定点管理'],
  },
  {
    code: 'E0503',
    dept: 'cg',
    texts: ['{p}沿街多家店铺出店经营，货物摆放至人行道', '{p}餐馆在门外摆放桌椅经营'],
    measures: ['责令商户将物品收回店内，签订门前三包责任书', '对反复出店经营的两家商户依法处罚'],
  },
  {
    code: 'E0504',
    dept: 'jj',
    texts: ['{p}路口机动车乱停乱放，占用人行道', '{p}消防通道内停有私家车'],
    measures: ['张贴违停告知单，施划停车泊位 20 个', '清理占道车辆，增设隔离桩'],
  },
  {
    code: 'E0505',
    dept: 'cg',
    texts: ['{p}门口共享单车和电动车停放杂乱', '{p}非机动车占用盲道停放'],
    measures: ['联系共享单车企业清运，施划非机动车停放区', '整理车辆，安排专人早晚高峰引导停放'],
  },
  {
    code: 'C0106',
    dept: 'cg',
    texts: ['{p}路灯不亮，夜间照明不足', '{p}路灯灯杆锈蚀，灯罩破损'],
    measures: ['更换灯具和线路，已恢复照明', '对灯杆除锈刷漆，更换灯罩'],
  },
  {
    code: 'C0101',
    dept: 'zj',
    texts: ['{p}人行道上井盖缺失，已临时放置警示锥', '{p}井盖破损下沉，行人易绊倒'],
    measures: ['已更换防坠井盖，恢复路面', '更换破损井盖，加装防坠网'],
  },
  {
    code: 'C0110',
    dept: 'cg',
    texts: ['{p}垃圾桶破损，桶盖缺失', '{p}分类垃圾桶标识脱落，混投严重'],
    measures: ['更换分类垃圾桶 6 组，补贴分类标识', '维修垃圾桶，安排分类督导员值守'],
  },
  {
    code: 'C0212',
    dept: 'jt',
    texts: ['{p}人行道板松动破损，雨后积水', '{p}盲道砖缺失，盲道中断'],
    measures: ['更换人行道板 25 平方米', '修复盲道，恢复连续通行'],
  },
  {
    code: 'C0403',
    dept: 'yl',
    texts: ['{p}绿地内杂草丛生，有黄土裸露', '{p}绿化带被踩踏出小路，植被损毁'],
    measures: ['清除杂草，补植草皮 40 平方米', '补栽灌木，设置“爱护绿地”提示牌'],
  },
  {
    code: 'C0404',
    dept: 'yl',
    texts: ['{p}花箱破损，花卉枯死未更换', '{p}花坛内有烟头和垃圾'],
    measures: ['更换花箱并补植时令花卉', '清理花坛，纳入日常养护'],
  },
  {
    code: 'W0101',
    dept: 'wm',
    texts: ['{p}公益广告数量不足，画面陈旧褪色', '{p}讲文明树新风公益广告破损'],
    measures: ['更新公益广告 12 处，增设社会主义核心价值观宣传', '更换破损公益广告画面'],
  },
  {
    code: 'W0102',
    dept: 'wm',
    texts: ['{p}有行人闯红灯、随地吐痰等不文明行为，无人劝导', '{p}有市民在广场遛狗未牵绳'],
    measures: ['安排文明劝导志愿者上岗，高峰时段劝导', '增设文明养犬提示牌，开展宣传'],
  },
  {
    code: 'W0103',
    dept: 'wm',
    texts: ['{p}宣传栏内容仍为去年的，未及时更新', '{p}社区宣传栏玻璃破损，内容缺失'],
    measures: ['更新宣传栏内容，建立每月更新台账', '修复宣传栏，张贴最新宣传内容'],
  },
  {
    code: 'W0107',
    dept: 'jt',
    texts: ['{p}无障碍坡道被杂物占用', '{p}无障碍卫生间被用作储物间'],
    measures: ['清理占用物品，加装提示标识', '恢复无障碍卫生间功能，明确管理责任人'],
  },
  {
    code: 'W0201',
    dept: 'wj',
    texts: ['{p}后厨发现鼠迹，防鼠设施缺失', '{p}垃圾房周边蚊蝇孳生'],
    measures: ['加装挡鼠板和粘鼠板，开展病媒消杀', '清理垃圾房，每周两次消杀'],
  },
  {
    code: 'W0204',
    dept: 'sp',
    texts: ['{p}熟食摊位未配备防蝇设施', '{p}部分摊位未亮证经营，从业人员未戴口罩'],
    measures: ['督促经营户配备防蝇罩，亮证经营', '开展食品安全培训，建立每日自查台账'],
  },
  {
    code: 'W0205',
    dept: 'cg',
    texts: ['{p}附近公厕有异味，洗手液缺失', '{p}公厕地面湿滑，蹲位不洁'],
    measures: ['增加保洁频次至每小时一次，补充洗手液', '更换防滑地垫，落实专人保洁'],
  },
];

export const REJECT_REASONS = ['经核实为重复上报，已并入原问题处理', '不属于创建工作范围，已转相关部门', '现场核实未发现所述问题'];
export const DISPUTE_REASONS = [
  '该路段保洁由属地街道负责，不属于本单位职责',
  '该设施产权属其他单位，请重新派遣',
  '经核实该问题属于住建部门管理范围',
];
export const EXTENSION_REASONS = ['需采购更换设施，供货周期较长', '涉及施工，需协调交通部门办理占道手续', '近期连续降雨，无法施工'];
export const VERIFY_FAIL_REASONS = ['现场复核仍有垃圾残留，整改不彻底', '整改照片与现场不符，请重新整改', '仅做了临时处理，未建立长效机制'];
export const VERIFY_PASS_COMMENTS = ['现场复核已整改到位', '整改到位，同意结案', '已复核，效果良好'];
export const RELAPSE_REASONS = ['回头看发现问题反弹，现场再次出现同类问题', '复查时发现整改后又出现反弹'];
export const ACK_COMMENTS = ['已签收，立即安排整改', '收到，马上组织人员处置', '已签收'];
export const STREETS = ['人民路', '建设大街', '朝阳路', '文化路', '育才路', '振兴路', '滨河路', '南关大街', '东湖路', '西苑路'];
