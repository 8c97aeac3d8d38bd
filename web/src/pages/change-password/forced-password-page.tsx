/** The forced change-password screen shown before anything else while mustChangePassword is set. */
import { Alert, Button, Card, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useLogout, useSession } from '../../api/auth';
import { notifySuccess } from '../../components/notify';
import { ChangePasswordForm } from '../../components/change-password-form';

/** Forced password change page. */
export default function ForcedPasswordPage() {
  const { data: session, refetch } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const from = (location.state as { from?: string } | null)?.from;

  const handleDone = async () => {
    notifySuccess('密码已修改');
    await refetch();
    navigate(from && from !== '/change-password' ? from : '/', { replace: true });
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', justifyContent: 'center', alignItems: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 460 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          修改初始密码
        </Typography.Title>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${session?.user.name ?? ''}，您正在使用初始密码或临时密码，请先设置新密码后再使用系统。`}
        />
        <ChangePasswordForm username={session?.user.username ?? ''} onDone={handleDone} />
        <Button
          type="link"
          style={{ paddingInline: 0, marginTop: 12 }}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
        >
          退出登录
        </Button>
      </Card>
    </div>
  );
}
