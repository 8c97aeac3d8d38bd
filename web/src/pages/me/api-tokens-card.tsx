/** Personal API tokens: list, create (secret shown once), revoke with confirmation. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken } from '../../api/auth';
import { formatTime } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { OneTimeSecretModal } from '../../components/one-time-secret';

/** API tokens card. */
export function ApiTokensCard() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; expiresInDays: number }>();

  const handleCreate = ({ name, expiresInDays }: { name: string; expiresInDays: number }) =>
    create.mutate(
      { name: name.trim(), expiresInDays },
      {
        onSuccess: (result) => {
          setCreating(false);
          form.resetFields();
          setExpiresAt(result.expiresAt);
          setSecret(result.token);
        },
      },
    );

  const columns = [
    { title: '名称', dataIndex: 'name' },
    { title: '前缀', dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { title: '创建时间', dataIndex: 'createdAt', render: formatTime, responsive: ['md' as const] },
    { title: '最近使用', dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatTime(v) : '从未使用') },
    { title: '有效期至', dataIndex: 'expiresAt', render: formatTime },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, token: ApiToken) => (
        <Popconfirm
          title="吊销令牌"
          description={`吊销后使用「${token.name}」的程序将无法访问，确定吗？`}
          okText="吊销"
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutateAsync(token.id).then(() => notifySuccess('令牌已吊销'))}
        >
          <Button type="link" danger size="small" icon={<DeleteOutlined aria-hidden />} aria-label={`吊销 ${token.name}`}>
            吊销
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title="API 令牌"
      variant="borderless"
      extra={
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          新建令牌
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        个人 API 令牌可供脚本或第三方系统以您的身份调用接口（请求头 Authorization: Bearer &lt;令牌&gt;），权限与您的账号相同。
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        loading={tokens.isLoading}
        columns={columns}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无令牌' }}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        title="新建 API 令牌"
        open={creating}
        okText="创建"
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form name="apiToken" form={form} layout="vertical" onFinish={handleCreate} preserve={false}>
          <Form.Item
            label="令牌名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请输入令牌名称' },
              { max: 50, message: '最多 50 个字' },
            ]}
          >
            <Input placeholder="例如：数据对接脚本" />
          </Form.Item>
          <Form.Item label="有效期" name="expiresInDays" initialValue={90} extra="到期后令牌自动失效；修改或重置密码时所有令牌立即失效。">
            <Select aria-label="有效期" options={[30, 90, 180, 365].map((d) => ({ value: d, label: `${d} 天` }))} />
          </Form.Item>
        </Form>
      </Modal>
      <OneTimeSecretModal
        open={secret !== null}
        title="令牌已创建"
        secret={secret}
        description={`请立即复制并妥善保存，令牌只显示这一次，关闭后无法再次查看。${expiresAt ? `有效期至 ${formatTime(expiresAt)}。` : ''}`}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
