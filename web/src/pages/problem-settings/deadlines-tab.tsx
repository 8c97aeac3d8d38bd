/** 整改时限: hours per severity (shown also as days), natural or working days; the office edits them. */
import { PROBLEM_SEVERITY_LABELS, type ProblemSeverity } from '@common/problem-workflow';
import { App, Button, Grid, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useDeadlinePolicies, useUpdateDeadlinePolicy, type DeadlinePolicy } from '../../api/problem-settings';
import { notifyError, notifySuccess } from '../../components/notify';
import { SeverityTag } from '../../components/problem-tags';
import { conflictText, hoursAsDays } from './deadline-format';
import { DeadlineModal } from './deadline-modal';

/** The deadlines table; `canEdit` comes from the session's problems.manageRules. */
export function DeadlinesTab({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp();
  const deadlines = useDeadlinePolicies();
  const update = useUpdateDeadlinePolicy();
  const [editing, setEditing] = useState<DeadlinePolicy | null>(null);
  const [toggling, setToggling] = useState<ProblemSeverity | null>(null);
  const isPhone = Grid.useBreakpoint().md === false;

  const toggleWorkingDays = async (row: DeadlinePolicy, workingDays: boolean) => {
    setToggling(row.severity);
    try {
      await update.mutateAsync({ severity: row.severity, hours: row.hours, workingDays, version: row.version });
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
    <Button type="link" size="small" style={{ paddingInline: 4 }} aria-label={`修改${PROBLEM_SEVERITY_LABELS[r.severity]}的整改时限`} onClick={() => setEditing(r)}>
      修改
    </Button>
  );
  const modeControl = (r: DeadlinePolicy) =>
    canEdit ? (
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

  const columns: TableColumnsType<DeadlinePolicy> = [
    { title: '严重程度', dataIndex: 'severity', width: isPhone ? undefined : 100, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (s: ProblemSeverity) => <SeverityTag severity={s} /> },
    {
      title: '整改时限',
      key: 'hours',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{r.hours} 小时</Typography.Text>
          {isPhone && <br />}
          <Typography.Text type="secondary">{isPhone ? hoursAsDays(r.hours, r.workingDays) : `（${hoursAsDays(r.hours, r.workingDays)}）`}</Typography.Text>
        </span>
      ),
    },
    {
      title: '计时方式',
      key: 'workingDays',
      width: isPhone ? undefined : 130,
      render: (_, r) =>
        isPhone && canEdit ? (
          <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 4 }}>
            {modeControl(r)}
            {editButton(r)}
          </div>
        ) : (
          modeControl(r)
        ),
    },
    ...(canEdit && !isPhone ? [{ title: '操作', key: 'actions', width: 80, render: (_: unknown, r: DeadlinePolicy) => editButton(r) }] : []),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        派遣问题时按严重程度自动计算整改期限（派遣时也可单独指定）。按工作日计算时，整天部分跳过周六、周日，法定节假日暂不扣除。
      </Typography.Paragraph>
      <Table
        style={{ maxWidth: 760 }}
        rowKey="severity"
        size="middle"
        columns={columns}
        dataSource={deadlines.data?.items ?? []}
        loading={deadlines.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <DeadlineModal policy={editing} onClose={() => setEditing(null)} />
    </>
  );
}
