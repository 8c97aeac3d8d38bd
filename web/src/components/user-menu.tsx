/** Header right side: user name, role labels, personal centre and logout. */
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS, labelOf } from '@common/labels';
import { Button, Dropdown, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout, type Session } from '../api/auth';

/** Unique role labels of the user, in grant order. */
export function roleLabels(session: Session | undefined): string[] {
  const roles = session?.user.roleGrants?.map((g) => g.role) ?? session?.user.roles ?? [];
  return [...new Set(roles)].map((role) => labelOf(ROLE_LABELS, role));
}

/** Signs out and returns to /login. */
function useHandleLogout() {
  const navigate = useNavigate();
  const logout = useLogout();
  const handleLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  return { handleLogout, isPending: logout.isPending };
}

/** Bottom of the phone menu drawer: who is signed in, and logout. */
export function DrawerFooter({ session }: { session: Session | undefined }) {
  const { handleLogout, isPending } = useHandleLogout();
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
      <div style={{ minWidth: 0 }}>
        <div>{session?.user.name}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {roleLabels(session).join('、')}
        </Typography.Text>
      </div>
      <Button icon={<LogoutOutlined aria-hidden />} loading={isPending} onClick={handleLogout}>
        退出登录
      </Button>
    </div>
  );
}

/** User block in the header; compact hides the role tags (phones). */
export function UserMenu({ session, compact }: { session: Session | undefined; compact: boolean }) {
  const navigate = useNavigate();
  const { handleLogout, isPending } = useHandleLogout();
  const labels = roleLabels(session);

  return (
    <Space size={compact ? 4 : 12} align="center">
      {!compact &&
        labels.map((label) => (
          <Tag key={label} color="blue" variant="filled" style={{ marginInlineEnd: 0 }}>
            {label}
          </Tag>
        ))}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'me', icon: <UserOutlined aria-hidden />, label: '个人中心' },
            ...(compact ? [{ key: 'roles', disabled: true, label: labels.join('、') || '无角色' }] : []),
            { type: 'divider' as const },
            { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: '退出登录', danger: true },
          ],
          onClick: ({ key }) => (key === 'logout' ? handleLogout() : navigate('/me')),
        }}
      >
        <Button type="text" aria-label={`当前用户 ${session?.user.name ?? ''}`} style={{ color: '#fff' }}>
          <UserOutlined aria-hidden />
          <Typography.Text style={{ color: '#fff', maxWidth: compact ? 96 : 160 }} ellipsis>
            {session?.user.name}
          </Typography.Text>
          <DownOutlined aria-hidden style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      {!compact && (
        <Button
          type="text"
          icon={<LogoutOutlined aria-hidden />}
          aria-label="退出登录"
          loading={isPending}
          onClick={handleLogout}
          style={{ color: '#fff' }}
        >
          退出
        </Button>
      )}
    </Space>
  );
}
