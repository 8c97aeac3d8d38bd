/**
 * 对接密钥 (安全管理员): keys for named integrators (Open311 clients, the 12345 platform), one county each, with a
 * per-minute limit. A new key's value is shown once, in the dialog that issues it; only its hash is kept.
 */
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useIntegrationKeys, useIssueKey, useRevokeKey, type IntegrationKey } from '../../api/integrations';
import { useRegions } from '../../api/regions';
import { notifySuccess } from '../../components/notify';
import { formatTime } from '../../components/format';
import { ResponsiveList } from '../../components/responsive-list';

const time = (v: string | null) => formatTime(v);

export default function IntegrationKeysPage() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ key: string; item: IntegrationKey } | null>(null);
  const keys = useIntegrationKeys({ page, pageSize: 20 });
  const counties = useRegions({ level: 'county', page: 1, pageSize: 200 });
  const issue = useIssueKey();
  const revoke = useRevokeKey();
  const [form] = Form.useForm();

  const columns = [
    { title: '对接方', dataIndex: 'integrator', key: 'integrator' },
    {
      title: '县（市、区）',
      key: 'region',
      render: (_: unknown, k: IntegrationKey) => (
        <span>
          {k.regionName} <Typography.Text type="secondary">jurisdiction_id {k.jurisdictionId}</Typography.Text>
        </span>
      ),
    },
    { title: '密钥前缀', dataIndex: 'prefix', key: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: '每分钟上限', dataIndex: 'rateLimitPerMinute', key: 'rate' },
    { title: '签发', key: 'created', render: (_: unknown, k: IntegrationKey) => `${time(k.createdAt)} ${k.createdByName ?? ''}` },
    { title: '最近使用', dataIndex: 'lastUsedAt', key: 'used', render: time },
    {
      title: '状态',
      key: 'state',
      render: (_: unknown, k: IntegrationKey) => (k.revokedAt ? <Tag>已吊销 {time(k.revokedAt)}</Tag> : <Tag color="green">有效</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, k: IntegrationKey) =>
        k.abilities.revoke ? (
          <Popconfirm
            title={`吊销“${k.integrator}”的密钥？`}
            description="吊销后立即失效，对接方需使用新密钥。"
            okText="吊销"
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutateAsync(k).then(() => notifySuccess('密钥已吊销'))}
          >
            <Button danger size="small">
              吊销
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <KeyOutlined aria-hidden /> 对接密钥
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
          签发密钥
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        供 Open311（/open311/v2/）和 12345
        热线工单接口（/api/hotline/orders）使用。每个密钥限定一个县（市、区），按分钟限流；系统只保存密钥的摘要，签发时显示一次。
      </Typography.Paragraph>
      <ResponsiveList<IntegrationKey>
        rowKey="id"
        columns={columns}
        dataSource={keys.data?.items ?? []}
        loading={keys.isLoading}
        pagination={{ current: page, pageSize: 20, total: keys.data?.total ?? 0, onChange: setPage }}
        card={(k) => (
          <div>
            <strong>{k.integrator}</strong> {k.revokedAt ? <Tag>已吊销</Tag> : <Tag color="green">有效</Tag>}
            <div>
              {k.regionName} · {k.prefix}… · 每分钟 {k.rateLimitPerMinute} 次
            </div>
          </div>
        )}
        cardActions={(k) =>
          k.abilities.revoke ? (
            <Button danger size="small" onClick={() => revoke.mutate(k)}>
              吊销
            </Button>
          ) : null
        }
      />
      <Modal
        title="签发对接密钥"
        open={open}
        okText="签发"
        confirmLoading={issue.isPending}
        destroyOnHidden
        onCancel={() => setOpen(false)}
        onOk={() =>
          form.validateFields().then((values) =>
            issue.mutateAsync(values).then((created) => {
              setOpen(false);
              form.resetFields();
              setShown(created as { key: string; item: IntegrationKey });
            }),
          )
        }
      >
        <Form form={form} layout="vertical" initialValues={{ rateLimitPerMinute: 60 }}>
          <Form.Item name="integrator" label="对接方名称" rules={[{ required: true, message: '请填写对接方名称' }]}>
            <Input maxLength={60} placeholder="如 12345平台、fixmystreet" />
          </Form.Item>
          <Form.Item name="regionId" label="县（市、区）" rules={[{ required: true, message: '请选择县（市、区）' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={counties.isLoading}
              options={(counties.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` }))}
            />
          </Form.Item>
          <Form.Item name="rateLimitPerMinute" label="每分钟最多调用次数" rules={[{ required: true }]}>
            <InputNumber min={1} max={6000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="密钥已签发"
        open={!!shown}
        onOk={() => setShown(null)}
        onCancel={() => setShown(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText="我已保存"
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title="密钥只显示这一次，请立即复制并安全地交给对接方。关闭后无法再次查看。" />
          <Typography.Paragraph copyable={{ text: shown?.key }} code style={{ fontSize: 16, wordBreak: 'break-all' }}>
            {shown?.key}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            对接方：{shown?.item.integrator}；jurisdiction_id：{shown?.item.jurisdictionId}
          </Typography.Text>
        </Space>
      </Modal>
    </Space>
  );
}
