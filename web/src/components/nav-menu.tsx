/**
 * The side menu, built from the session's permissions (typed names, common/permissions.ts) — never from role names.
 * An item shows when the person holds a permission that means they work on that page, not merely that they may read
 * it: every business role may read regions or campaigns, but only those who keep or oversee them get the page.
 */
import {
  ApiOutlined,
  AimOutlined,
  AuditOutlined,
  BankOutlined,
  CameraOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  HomeOutlined,
  InboxOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { FileSearchOutlined, ScheduleOutlined } from '@ant-design/icons';
import { ApartmentOutlined, FileDoneOutlined, GlobalOutlined, PushpinOutlined, ReadOutlined } from '@ant-design/icons';
import { SettingOutlined } from '@ant-design/icons';
import { CompassOutlined } from '@ant-design/icons';
import { CarryOutOutlined, LineChartOutlined, TrophyOutlined } from '@ant-design/icons';
import { FundOutlined } from '@ant-design/icons';
import { GiftOutlined } from '@ant-design/icons';
import { KeyOutlined, PhoneOutlined } from '@ant-design/icons';
import { NotificationOutlined } from '@ant-design/icons';
import { CommentOutlined } from '@ant-design/icons';
import { ClusterOutlined, HeartOutlined, IdcardOutlined, ScanOutlined, ShopOutlined, SmileOutlined } from '@ant-design/icons';
import { FormOutlined, SolutionOutlined } from '@ant-design/icons';
import { BuildOutlined, NodeIndexOutlined, ProfileOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { holdsAny, type Permission } from '@common/permissions';
import type { Session } from '../api/auth';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown when the session holds this permission (or any of these). */
  permission?: Permission | Permission[];
}

interface NavGroup {
  key: string;
  label: string;
  items: NavItem[];
}

const NAV: NavGroup[] = [
  {
    key: 'work',
    label: '工作台',
    items: [
      { path: '/', label: '首页', icon: <HomeOutlined aria-hidden /> },
      { path: '/patrol', label: '巡查打卡', icon: <CarryOutOutlined aria-hidden />, permission: 'patrols.checkIn' },
    ],
  },
  {
    key: 'problems',
    label: '问题管理',
    items: [
      { path: '/problems/workbench', label: '办理工作台', icon: <DashboardOutlined aria-hidden />, permission: 'problems.office' },
      { path: '/problems/inbox', label: '本单位问题', icon: <InboxOutlined aria-hidden />, permission: 'problems.unit' },
      { path: '/problems', label: '问题列表', icon: <UnorderedListOutlined aria-hidden />, permission: 'problems.list' },
      { path: '/problems/map', label: '问题地图', icon: <AimOutlined aria-hidden />, permission: 'problems.list' },
      // 12345 work orders: the office imports them; leaders and the task force follow their 办结回复.
      { path: '/hotline', label: '12345 工单', icon: <PhoneOutlined aria-hidden />, permission: 'hotline.list' },
      // Which sources Open311 lists, and where the 12345 办结回复 goes: the office's.
      { path: '/public-interface', label: '公开接口设置', icon: <ApiOutlined aria-hidden />, permission: 'integrations.settings' },
      // 随手拍, Open311 and 12345 reports waiting for 受理, and 不满意 ratings waiting for 回访: the office's.
      { path: '/citizen-reports', label: '群众诉求', icon: <CommentOutlined aria-hidden />, permission: 'citizenReports.triage' },
      // 曝光台: the office proposes and redacts, leaders approve, the task force reads.
      { path: '/exposure', label: '曝光台', icon: <NotificationOutlined aria-hidden />, permission: 'exposure.read' },
      { path: '/field', label: '上报问题', icon: <CameraOutlined aria-hidden />, permission: 'problems.report' },
      // Who sets deadlines, dispatch rules and categories (the office; the platform's categories: the admin), and the
      // responsible units, who read their deadlines and categories there (read-only: 由创建办维护).
      {
        path: '/problem-settings',
        label: '问题设置',
        icon: <SettingOutlined aria-hidden />,
        permission: ['problems.manageRules', 'problemCategories.update', 'problems.unit'],
      },
    ],
  },
  {
    key: 'inspections',
    label: '督查测评',
    items: [
      { path: '/inspections', label: '督查管理', icon: <FileSearchOutlined aria-hidden />, permission: 'inspections.list' },
      { path: '/inspect', label: '现场测评', icon: <ScheduleOutlined aria-hidden />, permission: 'inspections.visit' },
    ],
  },
  {
    key: 'standards',
    label: '创建标准',
    items: [
      { path: '/standards', label: '测评体系', icon: <ReadOutlined aria-hidden />, permission: 'standards.list' },
      // The tasks of the units: those who assign them (import the system) and the units and overseers who answer for them.
      {
        path: '/standards/by-unit',
        label: '任务分解',
        icon: <ApartmentOutlined aria-hidden />,
        permission: ['standards.import', 'materials.list'],
      },
      { path: '/sites', label: '点位管理', icon: <PushpinOutlined aria-hidden />, permission: 'sites.list' },
      { path: '/sites/map', label: '点位地图', icon: <GlobalOutlined aria-hidden />, permission: 'sites.list' },
      { path: '/sites/patrols', label: '点长打卡', icon: <CarryOutOutlined aria-hidden />, permission: 'patrols.read' },
      { path: '/materials', label: '材料审核', icon: <FileDoneOutlined aria-hidden />, permission: 'materials.list' },
    ],
  },
  {
    key: 'plans',
    label: '任务项目',
    items: [
      // 实施方案 → 任务分解, the Gantt, import/export (office; leaders and the task force read).
      { path: '/plans', label: '实施方案', icon: <NodeIndexOutlined aria-hidden />, permission: 'plans.read' },
      // The office's review of the monthly progress reports; the 通报 and the table.
      { path: '/task-progress', label: '进度审核', icon: <AuditOutlined aria-hidden />, permission: 'plans.read' },
      // A unit's head or liaison: the tasks it leads or cooperates on, and the monthly report.
      { path: '/my-tasks', label: '我的任务', icon: <ProfileOutlined aria-hidden />, permission: 'plans.report' },
      // 挂图作战: projects on the map and the countdown to 交账 (the owner unit sees its own).
      { path: '/projects', label: '项目作战图', icon: <BuildOutlined aria-hidden />, permission: ['projects.read', 'projects.update'] },
    ],
  },
  {
    key: 'evaluation',
    label: '考核评价',
    items: [
      // Those who build and run the monthly evaluation, sign it off or answer for a unit's row (公示, 申诉). The other
      // roles may read a published ranking (/evaluation, by a link) but do not work on it, so it is not in their menu.
      {
        path: '/evaluation',
        label: '考核排名',
        icon: <TrophyOutlined aria-hidden />,
        permission: ['evaluation.read', 'evaluation.object'],
      },
      // A unit's head or liaison: their own unit's standing over the months (trend, what cost it points).
      { path: '/evaluation/mine', label: '我的考核', icon: <LineChartOutlined aria-hidden />, permission: 'evaluation.object' },
      // 奖惩兑现: the office, leaders and task force (every entry), a unit's head or liaison (its own).
      { path: '/rewards', label: '奖惩台账', icon: <GiftOutlined aria-hidden />, permission: ['evaluation.read', 'evaluation.object'] },
      // The expected 测评 score and the 对标补短 list: for who steers the campaign (office, leaders, task force).
      { path: '/prediction', label: '测评预测', icon: <FundOutlined aria-hidden />, permission: 'prediction.read' },
      // 问卷调查: questionnaires, waves, progress and results (office, leaders, task force).
      { path: '/surveys', label: '问卷调查', icon: <FormOutlined aria-hidden />, permission: 'surveys.read' },
      // The interviewer's phone: assigned waves, remaining quota, interviews offline.
      { path: '/interview', label: '入户调查', icon: <SolutionOutlined aria-hidden />, permission: 'surveys.interview' },
      // The wall screen of the office, leaders and task force (full screen, outside this layout).
      { path: '/dashboard', label: '指挥大屏', icon: <DashboardOutlined aria-hidden />, permission: 'dashboard.read' },
    ],
  },
  {
    key: 'volunteers',
    label: '志愿服务',
    items: [
      // 好人之城: the office runs the selections, leaders and the task force oversee them, units nominate.
      { path: '/honours', label: '好人评选', icon: <TrophyOutlined aria-hidden />, permission: 'honours.read' },
      // Activities: the office runs them, leaders and the task force read them, volunteers sign up (team admins, who are
      // not a role, reach theirs as volunteers or staff of the region).
      {
        path: '/volunteers/activities',
        label: '志愿活动',
        icon: <HeartOutlined aria-hidden />,
        permission: ['volunteers.read', 'volunteerActivities.read'],
      },
      { path: '/volunteers/checkin', label: '扫码签到', icon: <ScanOutlined aria-hidden />, permission: 'volunteers.read' },
      // Every signed-in person may join as a volunteer and read their own record (a resident waiting for approval has no
      // role yet and finds 待审核 here).
      { path: '/volunteers/me', label: '我的志愿', icon: <SmileOutlined aria-hidden /> },
      { path: '/volunteers/teams', label: '志愿队伍', icon: <ClusterOutlined aria-hidden />, permission: 'volunteers.read' },
      { path: '/volunteers/stations', label: '服务阵地', icon: <ShopOutlined aria-hidden />, permission: 'volunteers.read' },
      // The roster and 审核: the office and leaders (a team's admins reach their team's from 志愿队伍).
      { path: '/volunteers/people', label: '志愿者', icon: <IdcardOutlined aria-hidden />, permission: 'volunteers.roster' },
      { path: '/volunteers/population', label: '常住人口', icon: <TeamOutlined aria-hidden />, permission: 'volunteers.manage' },
      // 慈善之家: the office and leaders read the registry; an organisation's admins (a relation, not a role: unit staff or
      // volunteers named by the office) find their organisation here too — the list holds only what each may see.
      {
        path: '/charity/organisations',
        label: '慈善之家',
        icon: <GiftOutlined aria-hidden />,
        permission: ['charity.read', 'problems.unit', 'volunteers.read'],
      },
    ],
  },
  {
    key: 'org',
    label: '组织机构',
    items: [
      // Reading the organisation is for pickers; the pages are for who keeps it (or exports it), a unit its own entry.
      {
        path: '/org/regions',
        label: '区域管理',
        icon: <EnvironmentOutlined aria-hidden />,
        permission: ['regions.update', 'regions.export'],
      },
      { path: '/org/units', label: '单位管理', icon: <BankOutlined aria-hidden />, permission: ['units.update', 'units.export'] },
      // Those who run a campaign (edit it, its leading group) or oversee it (read its figures).
      {
        path: '/org/campaigns',
        label: '创建项目',
        icon: <FlagOutlined aria-hidden />,
        permission: ['campaigns.update', 'indicators.read'],
      },
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    items: [
      { path: '/system/users', label: '用户管理', icon: <TeamOutlined aria-hidden />, permission: 'users.list' },
      { path: '/system/map', label: '底图设置', icon: <CompassOutlined aria-hidden />, permission: 'mapSettings.update' },
      // Keys of Open311 clients and the 12345 platform: the 安全管理员 issues and revokes them.
      { path: '/system/integration-keys', label: '对接密钥', icon: <KeyOutlined aria-hidden />, permission: 'integrations.keys' },
      { path: '/audit', label: '审计日志', icon: <AuditOutlined aria-hidden />, permission: 'audit.list' },
    ],
  },
  {
    key: 'personal',
    label: '个人',
    items: [{ path: '/me', label: '个人中心', icon: <UserOutlined aria-hidden /> }],
  },
];

function mayOpen(session: Session | undefined, item: NavItem): boolean {
  return !item.permission || holdsAny(session?.permissions, item.permission);
}

/** The menu item paths the user may see, in menu order. */
export function visiblePaths(session: Session | undefined): string[] {
  return NAV.flatMap((g) => g.items)
    .filter((item) => mayOpen(session, item))
    .map((item) => item.path);
}

function selectedKey(pathname: string, paths: string[]): string {
  const matches = paths.filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? '';
}

/** Side navigation; onNavigate lets the phone drawer close after a choice. */
export function NavMenu({ session, onNavigate }: { session: Session | undefined; onNavigate?: () => void }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const groups = NAV.map((group) => ({
    ...group,
    items: group.items.filter((item) => mayOpen(session, item)),
  })).filter((group) => group.items.length > 0);

  const items: MenuProps['items'] = groups.map((group) => ({
    type: 'group',
    key: group.key,
    label: group.label,
    children: group.items.map((item) => ({ key: item.path, icon: item.icon, label: item.label })),
  }));

  return (
    <Menu
      mode="inline"
      aria-label="主菜单"
      selectedKeys={[selectedKey(pathname, visiblePaths(session))]}
      items={items}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
