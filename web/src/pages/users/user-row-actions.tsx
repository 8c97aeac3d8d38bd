/** Row actions for a user: edit, reset password, unlock, disable/enable — each only when allowed. */
import { Button, Popconfirm, Space } from 'antd';
import { can } from '../../api/types';
import { isPending, useResetPassword, useUnlockUser, useUpdateUser, userStatus, type User } from '../../api/users';
import { notifySuccess } from '../../components/notify';

interface Props {
  user: User;
  onEdit: (user: User) => void;
  onPassword: (user: User, password: string) => void;
}

const linkStyle = { paddingInline: 4 };

/** Action links. */
export function UserRowActions({ user, onEdit, onPassword }: Props) {
  const reset = useResetPassword();
  const unlock = useUnlockUser();
  const update = useUpdateUser();
  const status = userStatus(user);

  return (
    <Space size={0} wrap>
      {can(user, 'update', 'assignRoles') && (
        <Button type="link" size="small" style={linkStyle} aria-label={`编辑${user.name}`} onClick={() => onEdit(user)}>
          编辑
        </Button>
      )}
      {can(user, 'resetPassword') && (
        <Popconfirm
          title={`重置「${user.name}」的密码`}
          description="将生成临时密码，用户下次登录时须修改。确定吗？"
          okText="重置"
          onConfirm={() =>
            reset
              .mutateAsync(user.id)
              .then((r) =>
                isPending(r) ? notifySuccess('三员账号的密码重置已提交审批；批准后临时密码发送到本人手机') : onPassword(user, r.password),
              )
              .catch(() => undefined)
          }
        >
          <Button type="link" size="small" style={linkStyle} aria-label={`重置${user.name}的密码`}>
            重置密码
          </Button>
        </Popconfirm>
      )}
      {can(user, 'unlock') && status === 'locked' && (
        <Button
          type="link"
          size="small"
          style={linkStyle}
          aria-label={`解锁${user.name}`}
          loading={unlock.isPending}
          onClick={() => unlock.mutate(user.id, { onSuccess: () => notifySuccess('已解锁') })}
        >
          解锁
        </Button>
      )}
      {can(user, 'update') &&
        (user.active ? (
          <Popconfirm
            title={`停用「${user.name}」`}
            description="停用后该账号无法登录，现有会话立即失效。确定吗？"
            okText="停用"
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              update
                .mutateAsync({ id: user.id, active: false, version: user.version })
                .then((r) => notifySuccess(isPending(r) ? '停用三员账号已提交审批' : '已停用'))
                .catch(() => undefined)
            }
          >
            <Button type="link" size="small" danger style={linkStyle} aria-label={`停用${user.name}`}>
              停用
            </Button>
          </Popconfirm>
        ) : (
          <Button
            type="link"
            size="small"
            style={linkStyle}
            aria-label={`启用${user.name}`}
            onClick={() =>
              update.mutate(
                { id: user.id, active: true, version: user.version },
                { onSuccess: (r) => notifySuccess(isPending(r) ? '启用三员账号已提交审批' : '已启用') },
              )
            }
          >
            启用
          </Button>
        ))}
    </Space>
  );
}
