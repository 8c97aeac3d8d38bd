/**
 * Chinese names for audit actions and subject types, for display only (unknown codes show as-is).
 * They belong in common/labels.ts beside the other labels; kept here until that file gains them.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败',
  'auth.login_refused_locked': '锁定期间尝试登录',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.password_reset': '重置密码',
  'user.password_changed': '修改密码',
  'user.unlocked': '解锁用户',
  'api_token.created': '新建 API 令牌',
  'api_token.revoked': '吊销 API 令牌',
  'region.created': '新增区划',
  'region.updated': '修改区划',
  'region.deleted': '删除区划',
  'unit.created': '新增单位',
  'unit.updated': '修改单位',
  'unit.deleted': '删除单位',
  'campaign.created': '新建创建项目',
  'campaign.updated': '修改创建项目',
  'campaign.deleted': '删除创建项目',
  'leading_group.member_added': '添加领导小组成员',
  'leading_group.member_updated': '修改领导小组成员',
  'leading_group.member_removed': '移除领导小组成员',
  'audit.exported': '导出审计日志',
};

export const SUBJECT_TYPE_LABELS: Record<string, string> = {
  user: '用户',
  region: '区划',
  unit: '单位',
  campaign: '创建项目',
  api_token: 'API 令牌',
  audit_events: '审计日志',
};
