/**
 * 整改时限: hours per severity (shown also as days), natural or working days, as they apply in the caller's region.
 * Each row says where its value comes from (this region, a region above, or the global default); the office sets
 * its region's own value or drops it to inherit again.
 */
import { PROBLEM_SEVERITY_LABELS, type ProblemSeverity } from '@common/problem-workflow';
import { App, Button, Grid, Popconfirm, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useDeadlinePolicies, useResetDeadlinePolicy, useUpdateDeadlinePolicy, type DeadlinePolicy } from '../../api/problem-settings';
import { notifyError, notifySuccess } from '../../components/notify';
import { SeverityTag } from '../../components/problem-tags';
import { conflictText, hoursAsDays } from './deadline-format';
import { DeadlineModal } from './deadline-modal';

/** The deadlines table; what may be edited comes from each row's abilities (`canEdit`: the session holds problems.manageRules). */
export function DeadlinesTab({ canEdit: mayManage }: { canEdit: boolean }) {
  const { message } = App.useApp();
  const deadlines = useDeadlinePolicies();
  const update = useUpdateDeadlinePolicy();
  const reset = useResetDeadlinePolicy();
  const region = deadlines.data?.region ?? null;
  const items = deadlines.data?.items ?? [];
  const canEdit = mayManage && items.some((p) => p.abilities.update);
  const [editing, setEditing] = useState<DeadlinePolicy | null>(null);
  const [toggling, setToggling] = useState<ProblemSeverity | null>(null);
  const isPhone = Grid.useBreakpoint().md === false;

  const toggleWorkingDays = async (row: DeadlinePolicy, workingDays: boolean) => {
    setToggling(row.severity);
    try {
      await update.mutateAsync({ severity: row.severity, hours: row.hours, workingDays, region, base: row });
      notifySuccess(`「${PROBLEM_SEVERITY_LABELS[row.severity]}」已改为按${workingDays ? '工作日' : '自然日'}计算`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        await deadlines.refetch();
        message.warning({ content: conflictText(PROBLEM_SEVERITY_LABELS[row.severity]), duration: 6 });
      } else notifyError(error);
    } finally {
      setToggling(null);
    }
  };

  const editButton = (r: DeadlinePolicy) => (
    <Button
      type="link"
      size="small"
      style={{ paddingInline: 4 }}
      aria-label={`修改${PROBLEM_SEVERITY_LABELS[r.severity]}的整改时限`}
      onClick={() => setEditing(r)}
    >
      修改
    </Button>
  );
  const modeControl = (r: DeadlinePolicy) =>
    r.abilities.update ? (
      <Switch
        checked={r.workingDays}
        checkedChildren="工作日"
        unCheckedChildren="自然日"
        loading={toggling === r.severity}
        aria-label={`${PROBLEM_SEVERITY_LABELS[r.severity]}按工作日计算`}
        onChange={(checked) => void toggleWorkingDays(r, checked)}
      />
    ) : (
      <Typography.Text>{r.workingDays ? '工作日' : '自然日'}</Typography.Text>
    );

  const sourceTag = (r: DeadlinePolicy) =>
    r.inherited ? (
      <Tag style={{ marginInlineEnd: 0 }}>继承自{r.regionName ?? '全国默认'}</Tag>
    ) : (
      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
        {region ? `${region.name}本级设置` : '全国默认'}
      </Tag>
    );
  const resetButton = (r: DeadlinePolicy) =>
    r.abilities.reset &&
    region && (
      <Popconfirm
        title={`恢复继承「${PROBLEM_SEVERITY_LABELS[r.severity]}」的整改时限`}
        description="删除本级设置后，按上级区域（或全国默认）的时限计算。"
        okText="恢复继承"
        cancelText="取消"
        onConfirm={() =>
          reset
            .mutateAsync({ regionId: region.id, severity: r.severity })
            .then(() => notifySuccess(`「${PROBLEM_SEVERITY_LABELS[r.severity]}」已恢复继承上级设置`))
            .catch(() => undefined)
        }
      >
        <Button type="link" size="small" style={{ paddingInline: 4 }} aria-label={`${PROBLEM_SEVERITY_LABELS[r.severity]}恢复继承`}>
          恢复继承
        </Button>
      </Popconfirm>
    );

  const columns: TableColumnsType<DeadlinePolicy> = [
    {
      title: '严重程度',
      dataIndex: 'severity',
      width: isPhone ? undefined : 100,
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (s: ProblemSeverity) => <SeverityTag severity={s} />,
    },
    {
      title: '整改时限',
      key: 'hours',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{r.hours} 小时</Typography.Text>
          {isPhone && <br />}
          <Typography.Text type="secondary">
            {isPhone ? hoursAsDays(r.hours, r.workingDays) : `（${hoursAsDays(r.hours, r.workingDays)}）`}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: '计时方式',
      key: 'workingDays',
      width: isPhone ? undefined : 130,
      render: (_, r) =>
        isPhone && r.abilities.update ? (
          <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 4 }}>
            {modeControl(r)}
            {editButton(r)}
            {resetButton(r)}
          </div>
        ) : (
          modeControl(r)
        ),
    },
    { title: '来源', key: 'source', render: (_, r) => sourceTag(r) },
    ...(canEdit && !isPhone
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_: unknown, r: DeadlinePolicy) =>
              r.abilities.update && (
                <>
                  {editButton(r)}
                  {resetButton(r)}
                </>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {region ? `当前区域：${region.name}。` : '全国默认设置。'}
        派遣问题时按问题所在区域和严重程度自动计算整改期限（派遣时也可单独指定）：下级区域未单独设置的，沿用上级区域的设置，都未设置的按全国默认。按工作日计算时，整天部分跳过周六、周日（延期天数同样按工作日计），法定节假日暂不扣除。
      </Typography.Paragraph>
      <Table
        style={{ maxWidth: 760 }}
        rowKey="severity"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={deadlines.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <DeadlineModal policy={editing} region={region} onClose={() => setEditing(null)} />
    </>
  );
}
