/**
 * 问题设置: 整改时限 (readable by everyone who works problems, edited by the office), 派遣规则 (the office only)
 * and 问题类别 (edited by the office and the system administrator). Each tab shows edit controls only when the
 * server would accept them: the session's permissions for the settings, each category's abilities for the tree.
 */
import { Button, Card, Result, Tabs } from 'antd';
import { useNavigate } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { PageTitle } from '../../components/page-title';
import { useTableState } from '../../components/use-table-state';
import { CategoriesTab } from './categories-tab';
import { DeadlinesTab } from './deadlines-tab';
import { DispatchRulesTab } from './dispatch-rules-tab';
import { NoticeSettingsTab } from './notice-settings-tab';
import { TaskSettingsTab } from './task-settings-tab';

const KEYS = ['tab'] as const;

/** The settings page; the tab lives in the URL. */
export default function ProblemSettingsPage() {
  const { data: session } = useSession();
  const navigate = useNavigate();
  const { filters, setFilters } = useTableState(KEYS);
  const readDeadlines = hasPermission(session, 'problems.list');
  const manageRules = hasPermission(session, 'problems.manageRules');
  const editCategories = hasPermission(session, 'problemCategories.update');
  const readPlans = hasPermission(session, 'plans.read');

  if (!readDeadlines && !editCategories) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="您没有访问此页面的权限，如有需要请联系安全管理员。"
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            返回首页
          </Button>
        }
      />
    );
  }

  const tabs = [
    ...(readDeadlines ? [{ key: 'deadlines', label: '整改时限', children: <DeadlinesTab canEdit={manageRules} /> }] : []),
    ...(manageRules ? [{ key: 'rules', label: '派遣规则', children: <DispatchRulesTab /> }] : []),
    { key: 'categories', label: '问题类别', children: <CategoriesTab /> },
    ...(readDeadlines ? [{ key: 'notices', label: '提醒与督办', children: <NoticeSettingsTab /> }] : []),
    ...(readPlans ? [{ key: 'tasks', label: '任务进度', children: <TaskSettingsTab /> }] : []),
  ];
  const fallback = tabs[0].key;
  const active = tabs.some((t) => t.key === filters.tab) ? filters.tab! : fallback;
  const subTitle = manageRules
    ? '整改时限、派遣规则和问题类别：派遣时据此计算期限、建议责任单位'
    : editCategories
      ? '维护问题类别（部件、事件、创建专用）'
      : '查看各严重程度的整改时限和问题类别（由创建办维护）';

  return (
    <>
      <PageTitle title="问题设置" subTitle={subTitle} />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={active} destroyOnHidden onChange={(tab) => setFilters({ tab: tab === fallback ? undefined : tab })} items={tabs} />
      </Card>
    </>
  );
}
