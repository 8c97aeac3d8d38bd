/** Change one's own password, checked on the client with the same policy the server enforces. */
import { PASSWORD_POLICY_TEXT, passwordProblem } from '@common/password-policy';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useChangePassword } from '../api/auth';

export { PASSWORD_POLICY_TEXT };

interface Values {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The form; onDone runs after the server accepts the new password. */
export function ChangePasswordForm({ username, onDone }: { username: string; onDone?: () => void }) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [serverError, setServerError] = useState<string | null>(null);

  const handleFinish = (values: Values) => {
    setServerError(null);
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          onDone?.();
        },
        onError: (error) => setServerError(error.message),
      },
    );
  };

  return (
    <Form name="changePassword" form={form} layout="vertical" onFinish={handleFinish} requiredMark={false} style={{ maxWidth: 420 }}>
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Typography.Paragraph type="secondary">{PASSWORD_POLICY_TEXT}</Typography.Paragraph>
      {serverError && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} />}
      <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: async (_rule, value: string) => {
              const problem = value ? passwordProblem(value, username) : null;
              if (problem) throw new Error(problem);
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        修改密码
      </Button>
    </Form>
  );
}
