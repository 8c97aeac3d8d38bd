/** 用户管理 (安全管理员): search, filter by role/status, create with roles and scope, reset, unlock, disable. */
import { PlusOutlined } from '@ant-design/icons';
import { ROLES } from '@common/roles';
import { ROLE_LABELS } from '@common/labels';
import { Button, Card, Select } from 'antd';
import { useState } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { useUsers, type User, type UserFilters } from '../../api/users';
import { ExportButton } from '../../components/export-button';
import { ImportButton } from '../../components/import-dialog';
import { OneTimeSecretModal } from '../../components/one-time-secret';
import { PageTitle } from '../../components/page-title';
import { SearchBox } from '../../components/search-box';
import { useTableState } from '../../components/use-table-state';
import { PendingChangesCard } from './pending-changes-card';
import { UserFormDrawer } from './user-form-drawer';
import { UsersTable } from './users-table';

const FILTER_KEYS = ['search', 'role', 'status'] as const;

const STATUS_OPTIONS = [
  { value: 'active', label: '正常' },
  { value: 'locked', label: '已锁定' },
  { value: 'disabled', label: '已停用' },
  { value: 'mustChange', label: '待改密' },
];

/** Users page. */
export default function UsersPage() {
  const { data: session } = useSession();
  const table = useTableState(FILTER_KEYS);
  const query = { ...table.filters, ...table.params } as UserFilters;
  const users = useUsers(query);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [secret, setSecret] = useState<{ title: string; password: string } | null>(null);
  const { page: _p, pageSize: _s, ...exportParams } = query;

  return (
    <>
      <PageTitle
        title="用户管理"
        subTitle="账号、角色与授权范围（三员分立）"
        extra={
          <>
            {hasPermission(session, 'users.import') && <ImportButton kind="users" title="用户" />}
            {hasPermission(session, 'users.export') && <ExportButton path="/api/users/export" params={exportParams} fileName="用户.xlsx" />}
            {hasPermission(session, 'users.create') && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
                新建用户
              </Button>
            )}
          </>
        }
      />
      {hasPermission(session, 'users.reviewPrivileged') && (
        <div style={{ marginBottom: 16 }}>
          <PendingChangesCard hideWhenEmpty />
        </div>
      )}
      <Card variant="borderless">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <SearchBox
            label="搜索用户"
            placeholder="用户名、姓名、手机号"
            value={table.filters.search}
            onSearch={(search) => table.setFilters({ search })}
          />
          <Select
            aria-label="筛选角色"
            placeholder="角色"
            allowClear
            value={table.filters.role}
            onChange={(v) => table.setFilters({ role: v })}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            style={{ width: 140 }}
          />
          <Select
            aria-label="筛选账号状态"
            placeholder="状态"
            allowClear
            value={table.filters.status}
            onChange={(v) => table.setFilters({ status: v })}
            options={STATUS_OPTIONS}
            style={{ width: 120 }}
          />
          <Button onClick={table.resetFilters}>重置</Button>
        </div>
        <UsersTable
          data={users.data}
          loading={users.isFetching}
          table={table}
          onEdit={setEditing}
          onPassword={(user, password) => setSecret({ title: `「${user.name}」的临时密码`, password })}
        />
      </Card>
      <UserFormDrawer
        user={editing}
        onClose={() => setEditing(null)}
        onCreated={(user, password) => setSecret({ title: `「${user.name}」的初始密码`, password })}
      />
      <OneTimeSecretModal
        open={!!secret}
        title={secret?.title ?? ''}
        secret={secret?.password ?? null}
        description="请立即将密码告知用户，密码只显示这一次。用户首次登录时须修改密码。"
        onClose={() => setSecret(null)}
      />
    </>
  );
}
