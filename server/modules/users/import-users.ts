/** 导入账号 (.xlsx): all rows checked first; each new account gets a temporary password returned once. */
import { ROLE_LABELS } from '../../../common/labels';
import { ROLE_SCOPE, ROLES, type Role } from '../../../common/roles';
import type { Ctx } from '../../platform/context';
import type { RowError } from '../../platform/errors';
import { hashPassword, temporaryPassword } from '../../platform/auth/passwords';
import { authorize } from '../../platform/policy';
import { invalid, readSheet, type SheetColumn } from '../../platform/xlsx';
import { phone } from '../units/schemas';
import { insertUser } from './create-user';
import { separationProblem } from './resolve-grants';
import { hasSeparatedRole } from './separation';
import { username as usernameSchema } from './schemas';

export const USER_COLUMNS: SheetColumn[] = [
  { header: '用户名', required: true, example: 'zhangwei', width: 14 },
  { header: '姓名', required: true, example: '张伟', width: 10 },
  { header: '手机号', example: '13803160101', width: 14 },
  { header: '所属单位', example: '示范县城市管理综合行政执法局', width: 30 },
  { header: '所属区划代码', example: '', width: 16 },
  { header: '角色', required: true, example: '单位联络员', width: 20 },
  { header: '创建项目', example: '', width: 24 },
];
export const USER_NOTES = [
  `角色填写：${ROLES.map((r) => ROLE_LABELS[r]).join('、')}；多个角色用“；”分隔。`,
  '单位类角色（单位一把手、单位联络员、点长）的范围是所属单位；区域类角色（创建办、领导小组、督查员、网格员、志愿者）的范围是所属区划（不填时取所属单位的区划）；创建专班须填写创建项目名称。',
  '系统管理员、安全管理员、审计管理员不能与其他角色兼任（三员分立），也不能导入：须逐个新建并经另一位三员审批。',
  '导入后每个账号获得一个临时密码（只显示一次），首次登录须修改。',
];

const ROLE_BY_LABEL = new Map<string, Role>(
  ROLES.flatMap((r) => [
    [ROLE_LABELS[r], r],
    [r, r],
  ]),
);

/** Imports accounts; returns how many were created and their temporary passwords. */
export async function importUsers(ctx: Ctx, buffer: Buffer) {
  authorize(ctx.actor, 'users.import');
  const rows = await readSheet(buffer, USER_COLUMNS);
  const col = (h: string) => rows.map((r) => r.values[h]).filter(Boolean);
  const [existingNames, existingPhones, units, regions, campaigns] = await Promise.all([
    col('用户名').length ? ctx.db.selectFrom('users').select('username').where('username', 'in', col('用户名')).execute() : [],
    col('手机号').length ? ctx.db.selectFrom('users').select('phone').where('phone', 'in', col('手机号')).execute() : [],
    col('所属单位').length
      ? ctx.db.selectFrom('units').select(['id', 'name', 'region_id']).where('name', 'in', col('所属单位')).execute()
      : [],
    col('所属区划代码').length
      ? ctx.db.selectFrom('regions').select(['id', 'code']).where('code', 'in', col('所属区划代码')).execute()
      : [],
    col('创建项目').length ? ctx.db.selectFrom('campaigns').select(['id', 'name']).where('name', 'in', col('创建项目')).execute() : [],
  ]);
  const taken = new Set(existingNames.map((u) => u.username.toLowerCase()));
  const takenPhones = new Set(existingPhones.map((u) => u.phone));
  const unitByName = new Map(units.map((u) => [u.name, u]));
  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const campaignByName = new Map(campaigns.map((c) => [c.name, c]));
  const errors: RowError[] = [];
  const seenNames = new Map<string, number>();
  const seenPhones = new Map<string, number>();
  const accepted: Array<{
    username: string;
    name: string;
    phone: string | null;
    unitId: string | null;
    regionId: string | null;
    roles: Array<{ role: Role; scopeId: string | null }>;
  }> = [];

  for (const { row, values } of rows) {
    const before = errors.length;
    const username = values['用户名'];
    if (!usernameSchema.safeParse(username).success)
      errors.push({ row, column: '用户名', message: username ? '须以字母开头，3–32 位字母、数字、下划线、点或横线' : '必填' });
    else if (taken.has(username.toLowerCase())) errors.push({ row, column: '用户名', message: `用户名 ${username} 已存在` });
    else if (seenNames.has(username.toLowerCase()))
      errors.push({ row, column: '用户名', message: `与第 ${seenNames.get(username.toLowerCase())} 行重复` });
    seenNames.set(username.toLowerCase(), row);
    const name = values['姓名'];
    if (!name || name.length < 2 || name.length > 30) errors.push({ row, column: '姓名', message: name ? '须为 2–30 个字' : '必填' });
    const tel = values['手机号'] || null;
    if (tel && !phone.safeParse(tel).success) errors.push({ row, column: '手机号', message: '须为 11 位手机号或带区号的固定电话' });
    else if (tel && takenPhones.has(tel)) errors.push({ row, column: '手机号', message: '已被其他账号使用' });
    else if (tel && seenPhones.has(tel)) errors.push({ row, column: '手机号', message: `与第 ${seenPhones.get(tel)} 行重复` });
    if (tel) seenPhones.set(tel, row);
    const unit = values['所属单位'] ? unitByName.get(values['所属单位']) : undefined;
    if (values['所属单位'] && !unit) errors.push({ row, column: '所属单位', message: `找不到单位“${values['所属单位']}”` });
    const region = values['所属区划代码'] ? regionByCode.get(values['所属区划代码']) : undefined;
    if (values['所属区划代码'] && !region) errors.push({ row, column: '所属区划代码', message: `区划 ${values['所属区划代码']} 不存在` });
    const campaign = values['创建项目'] ? campaignByName.get(values['创建项目']) : undefined;
    if (values['创建项目'] && !campaign) errors.push({ row, column: '创建项目', message: `找不到创建项目“${values['创建项目']}”` });
    const labels = values['角色']
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const roles: Array<{ role: Role; scopeId: string | null }> = [];
    if (!labels.length) errors.push({ row, column: '角色', message: '必填' });
    for (const label of labels) {
      const role = ROLE_BY_LABEL.get(label);
      if (!role) {
        errors.push({ row, column: '角色', message: `“${label}”不是有效角色` });
        continue;
      }
      const scope = ROLE_SCOPE[role];
      const scopeId =
        scope === 'unit' ? unit?.id : scope === 'region' ? (region?.id ?? unit?.region_id) : scope === 'campaign' ? campaign?.id : null;
      if (scope !== 'global' && !scopeId) {
        const need = scope === 'unit' ? '所属单位' : scope === 'region' ? '所属区划代码' : '创建项目';
        errors.push({ row, column: need, message: `角色“${label}”须填写${need}` });
      }
      roles.push({ role, scopeId: scopeId ?? null });
    }
    const sep = separationProblem(roles.map((r) => r.role));
    if (sep) errors.push({ row, column: '角色', message: sep });
    else if (hasSeparatedRole(roles)) errors.push({ row, column: '角色', message: '三员账号不能导入：须逐个新建，并经另一位三员审批' });
    if (errors.length === before)
      accepted.push({ username, name, phone: tel, unitId: unit?.id ?? null, regionId: region?.id ?? null, roles });
  }
  if (errors.length) throw invalid(errors);

  const credentials = await Promise.all(accepted.map(async (a) => ({ username: a.username, name: a.name, password: temporaryPassword() })));
  const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)));
  await ctx.db.transaction().execute(async (tx) => {
    for (const [i, a] of accepted.entries()) await insertUser(tx, ctx, a, hashes[i]);
  });
  return { created: accepted.length, updated: 0, credentials };
}
