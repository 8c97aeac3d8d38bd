/**
 * 三员变更审批: changes to 三员 accounts wait here until a holder of another 三员 role approves them. The answer
 * to an approval says where the temporary password went (the owner's phone), never the password itself.
 */
import { ROLE_LABELS, labelOf } from '@common/labels';
import { Alert, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useApproveChange, usePrivilegedChanges, useRejectChange, type PrivilegedChange } from '../../api/users';
import { formatTime } from '../../components/format';
import { notifySuccess } from '../../components/notify';

const STATUS_TAGS: Record<PrivilegedChange['status'], ReactNode> = {
  pending: <Tag color="orange">待审批</Tag>,
  approved: <Tag color="green">已批准</Tag>,
  rejected: <Tag color="red">已驳回</Tag>,
  withdrawn: <Tag>已撤回</Tag>,
};

/** The pending (and recently decided) 三员 account changes, with 批准 / 驳回 / 撤回 where allowed. */
export function PendingChangesCard({ hideWhenEmpty = false }: { hideWhenEmpty?: boolean }) {
  const [showDecided, setShowDecided] = useState(false);
  const pending = usePrivilegedChanges('pending');
  const decided = usePrivilegedChanges('decided', showDecided);
  const approve = useApproveChange();
  const reject = useRejectChange();
  const [note, setNote] = useState('');
  const items = (showDecided ? decided.data?.items : pending.data?.items) ?? [];
  if (hideWhenEmpty && !showDecided && !pending.isLoading && !pending.data?.items.length) return null;

  const noteInput = (
    <Input.TextArea
      aria-label="审批意见"
      placeholder="意见（可选）"
      maxLength={200}
      rows={2}
      value={note}
      onChange={(e) => setNote(e.target.value)}
    />
  );

  const columns = [
    { title: '类型', dataIndex: 'kindLabel', key: 'kind' },
    { title: '内容', dataIndex: 'summary', key: 'summary', render: (v: string) => <span style={{ whiteSpace: 'normal' }}>{v}</span> },
    {
      title: '申请人',
      key: 'requestedBy',
      render: (_: unknown, c: PrivilegedChange) => `${c.requestedBy.name}（${labelOf(ROLE_LABELS, c.requestedBy.role)}）`,
    },
    { title: '申请时间', dataIndex: 'createdAt', key: 'createdAt', render: formatTime, responsive: ['md' as const] },
    {
      title: '状态',
      key: 'status',
      render: (_: unknown, c: PrivilegedChange) => (
        <Space size={4} wrap>
          {STATUS_TAGS[c.status]}
          {c.decidedBy && <Typography.Text type="secondary">{c.decidedBy.name}</Typography.Text>}
          {c.decisionNote && <Typography.Text type="secondary">：{c.decisionNote}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, c: PrivilegedChange) => (
        <Space size={0} wrap>
          {c.abilities.approve && (
            <Popconfirm
              title="批准这项变更？"
              description={
                <div style={{ maxWidth: 320 }}>
                  <p>{c.summary}</p>
                  {noteInput}
                </div>
              }
              okText="批准"
              onOpenChange={() => setNote('')}
              onConfirm={() =>
                approve
                  .mutateAsync({ id: c.id, note: note.trim() || undefined })
                  .then((r) => notifySuccess(r.delivery ? `已批准，${r.delivery.message}` : '已批准'))
                  .catch(() => undefined)
              }
            >
              <Button type="link" size="small" aria-label={`批准：${c.summary}`}>
                批准
              </Button>
            </Popconfirm>
          )}
          {c.abilities.reject && (
            <Popconfirm
              title="驳回这项变更？"
              description={<div style={{ maxWidth: 320 }}>{noteInput}</div>}
              okText="驳回"
              okButtonProps={{ danger: true }}
              onOpenChange={() => setNote('')}
              onConfirm={() =>
                reject
                  .mutateAsync({ id: c.id, note: note.trim() || undefined })
                  .then(() => notifySuccess('已驳回'))
                  .catch(() => undefined)
              }
            >
              <Button type="link" size="small" danger aria-label={`驳回：${c.summary}`}>
                驳回
              </Button>
            </Popconfirm>
          )}
          {c.abilities.withdraw && (
            <Popconfirm
              title="撤回这项申请？"
              okText="撤回"
              onConfirm={() =>
                reject
                  .mutateAsync({ id: c.id })
                  .then(() => notifySuccess('已撤回'))
                  .catch(() => undefined)
              }
            >
              <Button type="link" size="small" aria-label={`撤回：${c.summary}`}>
                撤回
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="三员变更审批"
      variant="borderless"
      extra={
        <Button type="link" onClick={() => setShowDecided((v) => !v)}>
          {showDecided ? '看待审批' : '看已处理'}
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="新建三员账号、变更三员角色或手机号、重置三员密码，须由另一类三员批准（申请人和当事人都不能批准）。临时密码只发到本人手机。"
      />
      <Table<PrivilegedChange>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={showDecided ? decided.isFetching : pending.isFetching}
        pagination={false}
        locale={{ emptyText: showDecided ? '暂无已处理的申请' : '暂无待审批的申请' }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
