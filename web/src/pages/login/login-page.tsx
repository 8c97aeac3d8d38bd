/** 登录: username (or phone) and password in a centred card that fits a phone. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useLogin } from '../../api/auth';
import { HEADER_BG } from '../../theme';

const CARD_STYLE: React.CSSProperties = {
  width: '100%',
  maxWidth: 380,
  boxSizing: 'border-box',
  padding: 24,
  background: '#fff',
  borderRadius: 8,
  boxShadow: '0 8px 24px rgba(0,0,0,.12)',
  color: 'rgba(0,0,0,.88)',
};

interface Values {
  username: string;
  password: string;
}

/** Login page. */
export default function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  const handleFinish = (values: Values) => {
    setError(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: (result) => {
          if (result.mustChangePassword) navigate('/change-password', { replace: true, state: { from } });
          else navigate(from && from !== '/login' ? from : '/', { replace: true });
        },
        onError: (err) => setError(err.message),
      },
    );
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: `linear-gradient(160deg, ${HEADER_BG} 0%, #2f5d8f 45%, #f0f2f5 45%)`,
      }}
    >
      {/* Plain elements, not Typography/Card: the login chunk stays small on a phone. */}
      <h1 style={{ color: '#fff', margin: '0 0 4px', fontSize: 30, fontWeight: 600, letterSpacing: 2 }}>创城</h1>
      <p style={{ color: 'rgba(255,255,255,.85)', margin: '0 0 24px' }}>城市创建指挥平台</p>
      <main style={CARD_STYLE}>
        <h2 style={{ margin: '0 0 20px', textAlign: 'center', fontSize: 20, fontWeight: 600 }}>账号登录</h2>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form<Values> name="login" layout="vertical" onFinish={handleFinish} requiredMark={false} size="large">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名或手机号' }]}>
            <Input prefix={<UserOutlined aria-hidden />} placeholder="用户名或手机号" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </main>
      <p style={{ marginTop: 24, fontSize: 12, textAlign: 'center', color: 'rgba(0,0,0,.45)' }}>
        连续多次输错密码账号将被临时锁定 · 如忘记密码请联系安全管理员
      </p>
    </div>
  );
}
