/**
 * 公开接口设置 (the office): which problem sources Open311 (GET requests, servicerequestupdates) lists publicly in its
 * region, and the URL the 12345 办结回复 is sent to. Inherited values are shown with where they come from; saving is
 * confirmed, and the server's refusals (an address inside the network, a covert source) are shown in Chinese.
 */
import { ApiOutlined } from '@ant-design/icons';
import { DEFAULT_PUBLIC_SOURCES, PUBLISHABLE_SOURCES } from '@common/open311';
import { PROBLEM_SOURCE_LABELS, type ProblemSource } from '@common/problem-workflow';
import { Alert, App, Button, Card, Checkbox, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSession } from '../../api/auth';
import { ApiError } from '../../api/client';
import { usePublicInterfaceSettings, useSavePublicInterfaceSettings } from '../../api/public-interface';
import { notifySuccess } from '../../components/notify';

interface Values {
  publicSources: string[];
  hotlineCallbackUrl: string;
}

const URL_RULE = /^https?:\/\/[^\s]+$/i;

export default function PublicInterfacePage() {
  const { modal } = App.useApp();
  const session = useSession();
  const regionId = session.data?.user.regionId ?? null;
  const settings = usePublicInterfaceSettings(regionId);
  const save = useSavePublicInterfaceSettings(regionId);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const data = settings.data;
  const canEdit = !!data?.abilities.update;

  useEffect(() => {
    if (data) form.setFieldsValue({ publicSources: data.publicSources, hotlineCallbackUrl: data.hotlineCallbackUrl ?? '' });
  }, [data, form]);

  const submit = (v: Values) => {
    if (!data) return;
    const url = v.hotlineCallbackUrl.trim();
    modal.confirm({
      title: '保存公开接口设置？',
      content: (
        <Space orientation="vertical">
          <span>
            公开来源：
            {v.publicSources.length
              ? v.publicSources.map((s) => PROBLEM_SOURCE_LABELS[s as ProblemSource]).join('、')
              : '无（Open311 不列出任何问题）'}
          </span>
          <span>12345 回调地址：{url || '不回调（仅导出办结回复）'}</span>
        </Space>
      ),
      okText: '保存',
      cancelText: '取消',
      onOk: () =>
        new Promise<void>((resolve) => {
          setError(null);
          save.mutate(
            { publicSources: v.publicSources, hotlineCallbackUrl: url || null, version: data.inherited ? null : data.version },
            {
              onSuccess: () => {
                notifySuccess('公开接口设置已保存');
                resolve();
              },
              onError: (e) => {
                const message = e instanceof ApiError ? e.message : '保存失败，请稍后重试';
                // A refused address is shown on its field only; anything else above the form.
                if (e instanceof ApiError && message.includes('回调地址'))
                  form.setFields([{ name: 'hotlineCallbackUrl', errors: [message] }]);
                else setError(message);
                resolve();
              },
            },
          );
        }),
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        <ApiOutlined aria-hidden /> 公开接口设置
      </Typography.Title>
      <Card loading={settings.isLoading || session.isLoading}>
        {!regionId ? (
          <Alert type="info" showIcon title="您的账号没有所属区域，无法设置公开接口。" />
        ) : data ? (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text>{session.data?.user.regionName}</Typography.Text>
              {data.inherited ? (
                <Tag color="blue">{data.sourceRegionId ? '继承上级设置' : '平台默认'}</Tag>
              ) : (
                <Tag color="green">本级设置</Tag>
              )}
            </Space>
            {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
            <Form form={form} layout="vertical" onFinish={submit} disabled={!canEdit} style={{ maxWidth: 640 }}>
              <Form.Item
                name="publicSources"
                label="Open311 公开列出的问题来源"
                extra={`对接方可查询这些来源的问题（受理后才公开；暗访、回头看发现的问题永不公开）。默认：${DEFAULT_PUBLIC_SOURCES.map((s) => PROBLEM_SOURCE_LABELS[s]).join('、')}。`}
              >
                <Checkbox.Group options={PUBLISHABLE_SOURCES.map((s) => ({ value: s, label: PROBLEM_SOURCE_LABELS[s] }))} />
              </Form.Item>
              <Form.Item
                name="hotlineCallbackUrl"
                label="12345 办结回复回调地址"
                extra="问题办结后，系统把办结回复以 JSON 发送到此地址（只支持 http/https，不跟随重定向，10 秒超时；不能指向本机或内网，政务内网平台须由部署方加入允许清单）。留空则只导出办结回复。"
                rules={[
                  {
                    validator: (_r, v: string) =>
                      !v || !v.trim() || (URL_RULE.test(v.trim()) && v.trim().length <= 500)
                        ? Promise.resolve()
                        : Promise.reject(new Error('回调地址须为 http:// 或 https:// 开头的网址，不超过 500 字')),
                  },
                ]}
              >
                <Input placeholder="https://12345.example.gov.cn/api/reply" inputMode="url" allowClear />
              </Form.Item>
              {canEdit ? (
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  保存
                </Button>
              ) : (
                <Alert type="info" showIcon title="您可以查看但不能修改本区域的公开接口设置。" />
              )}
            </Form>
            <Typography.Text type="secondary">对接密钥由安全管理员在“系统管理 → 对接密钥”签发和吊销。</Typography.Text>
          </Space>
        ) : null}
      </Card>
    </Space>
  );
}
