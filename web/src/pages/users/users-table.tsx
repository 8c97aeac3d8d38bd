/** The users list with per-row actions allowed by each record's abilities: a table on a desktop, cards on a phone. */
import { ROLE_LABELS, labelOf } from '@common/labels';
import { Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Page } from '../../api/types';
import { userStatus, type User } from '../../api/users';
import { formatTime, orDash } from '../../components/format';
import { ResponsiveList } from '../../components/responsive-list';
import type { useTableState } from '../../components/use-table-state';
import { UserRowActions } from './user-row-actions';

interface Props {
  data: Page<User> | undefined;
  loading: boolean;
  table: ReturnType<typeof useTableState<'search' | 'role' | 'status'>>;
  onEdit: (user: User) => void;
  onPassword: (user: User, password: string) => void;
}

const STATUS_TAGS = {
  active: <Tag color="green">正常</Tag>,
  locked: <Tag color="orange">已锁定</Tag>,
  disabled: <Tag>已停用</Tag>,
};

/** Users table. */
export function UsersTable({ data, loading, table, onEdit, onPassword }: Props) {
  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', key: 'username', sorter: true, sortOrder: table.sortOrderOf('username'), fixed: 'left' },
    { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, sortOrder: table.sortOrderOf('name') },
    { title: '手机号', dataIndex: 'phone', key: 'phone', render: orDash, responsive: ['md'] },
    { title: '单位', dataIndex: 'unitName', key: 'unitName', render: orDash, responsive: ['lg'] },
    {
      title: '角色与范围',
      key: 'roles',
      render: (_, u) => <RoleTags user={u} />,
    },
    {
      title: '状态',
      key: 'status',
      render: (_, u) => <StatusTags user={u} />,
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: table.sortOrderOf('lastLoginAt'),
      render: (v: string | null) => (v ? formatTime(v) : '从未登录'),
      responsive: ['md'],
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, u) => <UserRowActions user={u} onEdit={onEdit} onPassword={onPassword} />,
    },
  ];

  return (
    <ResponsiveList<User>
      rowKey="id"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      onChange={table.onChange}
      pagination={table.pagination(data?.total)}
      locale={{ emptyText: '暂无用户' }}
      scroll={{ x: 'max-content' }}
      card={(u) => (
        <div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <span>
              <Typography.Text strong>{u.name}</Typography.Text> <Typography.Text type="secondary">{u.username}</Typography.Text>
            </span>
            <StatusTags user={u} />
          </div>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
            {orDash(u.unitName)} · {orDash(u.phone)} · {u.lastLoginAt ? `最近登录 ${formatTime(u.lastLoginAt)}` : '从未登录'}
          </div>
          <RoleTags user={u} />
        </div>
      )}
      cardActions={(u) => <UserRowActions user={u} onEdit={onEdit} onPassword={onPassword} />}
    />
  );
}

function RoleTags({ user: u }: { user: User }) {
  return u.roles.length ? (
    <Space size={[4, 4]} wrap style={{ maxWidth: 320 }}>
      {u.roles.map((g) => (
        <Tag key={`${g.role}-${g.scopeId ?? ''}`} color="blue">
          {labelOf(ROLE_LABELS, g.role)}
          {g.scopeType !== 'global' && g.scopeName ? ` · ${g.scopeName}` : ''}
        </Tag>
      ))}
    </Space>
  ) : (
    <>—</>
  );
}

function StatusTags({ user: u }: { user: User }) {
  return (
    <Space size={4} wrap>
      {u.lockedUntil && userStatus(u) === 'locked' ? (
        <Tooltip title={`锁定至 ${formatTime(u.lockedUntil)}`}>{STATUS_TAGS.locked}</Tooltip>
      ) : (
        STATUS_TAGS[userStatus(u)]
      )}
      {u.mustChangePassword && <Tag color="gold">待改密</Tag>}
    </Space>
  );
}
