/** 领导小组: 组长 / 副组长 / 成员 with post, phone and linked units (结对联创). */
import { PlusOutlined } from '@ant-design/icons';
import { GROUP_ROLES } from '@common/enums';
import { GROUP_ROLE_LABELS, labelOf } from '@common/labels';
import { Button, Card, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useDeleteLeadingMember, type CampaignDetail, type LeadingGroupMember } from '../../api/campaigns';
import { can } from '../../api/types';
import { ConfirmDelete } from '../../components/confirm-delete';
import { orDash } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { LeadingMemberModal } from './leading-member-modal';

const ROLE_COLORS: Record<string, string> = { leader: 'red', deputy_leader: 'orange', member: 'blue' };

/** Leading group table with add/edit/remove when the campaign allows changes. */
export function LeadingGroupCard({ campaign }: { campaign: CampaignDetail }) {
  const remove = useDeleteLeadingMember(campaign.id);
  const [editing, setEditing] = useState<LeadingGroupMember | 'new' | null>(null);
  // Members carry no abilities of their own: the campaign's `manageGroup` decides (common/contracts/campaigns.ts).
  const canManage = can(campaign, 'manageGroup');

  const rows = useMemo(
    () => [...campaign.leadingGroup].sort((a, b) => GROUP_ROLES.indexOf(a.groupRole) - GROUP_ROLES.indexOf(b.groupRole) || a.sort - b.sort),
    [campaign.leadingGroup],
  );

  const columns: TableColumnsType<LeadingGroupMember> = [
    {
      title: '组内职务',
      dataIndex: 'groupRole',
      width: 100,
      render: (v: string) => <Tag color={ROLE_COLORS[v]}>{labelOf(GROUP_ROLE_LABELS, v)}</Tag>,
    },
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '职务', dataIndex: 'post' },
    { title: '电话', dataIndex: 'phone', render: orDash, width: 130 },
    {
      title: '结对联创单位',
      key: 'units',
      render: (_, m) =>
        m.units.length ? (
          <Space size={[4, 4]} wrap style={{ maxWidth: 440 }}>
            {m.units.map((u) => (
              <Tag key={u.id}>{u.name}</Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 120,
      render: (_, m) => (
        <Space size={0}>
          {canManage && (
            <Button type="link" size="small" style={{ paddingInline: 4 }} aria-label={`编辑${m.name}`} onClick={() => setEditing(m)}>
              编辑
            </Button>
          )}
          {canManage && (
            <ConfirmDelete
              label="移除"
              subject={`成员「${m.name}」`}
              description="从领导小组中移除该成员，确定吗？"
              onConfirm={() => remove.mutateAsync(m.id).then(() => notifySuccess('已移除'))}
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      variant="borderless"
      title="领导小组"
      extra={
        canManage && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            添加成员
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '尚未设置领导小组成员' }}
        scroll={{ x: 'max-content' }}
      />
      <LeadingMemberModal campaignId={campaign.id} member={editing} nextSort={rows.length + 1} onClose={() => setEditing(null)} />
    </Card>
  );
}
