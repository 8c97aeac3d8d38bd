/**
 * 奖惩规则: per campaign, rules for one scheme family or for every scheme of the campaign. A scheme family with rules
 * of its own uses them; else the campaign's; else the shipped defaults (shown here). Editing a rule never changes an
 * entry already proposed (each entry keeps its copy).
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  REWARD_KIND_LABELS,
  REWARD_KINDS,
  REWARD_MATCH_LABELS,
  REWARD_MATCHES,
  type RewardKind,
  type RewardMatch,
} from '@common/reward-workflow';
import { App, Alert, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useSchemes } from '../../api/evaluation';
import { useDeleteRewardRule, useRewardRules, useSaveRewardRule, type RewardRule, type RewardRuleInput } from '../../api/rewards';
import { CampaignSelect } from '../../components/remote-select';
import { KindTag } from './kind-tag';

type FormValues = Omit<RewardRuleInput, 'campaignId'>;

function RuleModal({
  campaignId,
  schemes,
  rule,
  onClose,
}: {
  campaignId: string;
  schemes: Array<{ value: string; label: string; groups: string[] }>;
  rule: RewardRule | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const save = useSaveRewardRule();
  const { message } = App.useApp();
  const [serverError, setServerError] = useState<string>();
  const match = Form.useWatch('match', form) as RewardMatch | undefined;
  const kind = Form.useWatch('kind', form) as RewardKind | undefined;
  const schemeKey = Form.useWatch('schemeKey', form) as string | undefined;
  const groups = schemes.find((s) => s.value === schemeKey)?.groups ?? [...new Set(schemes.flatMap((s) => s.groups))];
  useEffect(() => {
    form.setFieldsValue(
      rule
        ? { ...rule, schemeKey: rule.schemeKey ?? undefined }
        : { match: 'list', list: 'red', kind: 'commend', active: true, schemeKey: undefined },
    );
  }, [form, rule]);
  return (
    <Modal
      open
      title={rule ? '修改奖惩规则' : '新增奖惩规则'}
      okText="保存"
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        setServerError(undefined);
        try {
          await save.mutateAsync({
            id: rule?.id,
            version: rule?.version,
            body: { ...v, campaignId, schemeKey: v.schemeKey || null, groupName: v.groupName || null },
          });
          message.success('已保存；已拟定的奖惩不受影响');
          onClose();
        } catch (e) {
          setServerError((e as Error).message);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          label="规则名称"
          name="name"
          rules={[{ required: true, whitespace: true, min: 2, max: 50, message: '规则名称 2 至 50 个字' }]}
        >
          <Input placeholder="如：红榜以奖代补" />
        </Form.Item>
        <Form.Item label="适用考核方案" name="schemeKey" extra="不选：本创建项目的全部考核方案（方案自己有规则时以方案的为准）">
          <Select allowClear placeholder="全部考核方案" options={schemes.map(({ value, label }) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="仅限分组" name="groupName">
          <Select allowClear placeholder="全部分组" options={groups.map((g) => ({ value: g, label: g }))} />
        </Form.Item>
        <Form.Item label="条件" name="match" rules={[{ required: true, message: '请选择条件' }]}>
          <Select options={REWARD_MATCHES.map((m) => ({ value: m, label: REWARD_MATCH_LABELS[m] }))} />
        </Form.Item>
        {match === 'list' && (
          <Form.Item label="榜单" name="list" rules={[{ required: true, message: '请选择红榜或黑榜' }]}>
            <Select
              options={[
                { value: 'red', label: '红榜' },
                { value: 'black', label: '黑榜' },
              ]}
            />
          </Form.Item>
        )}
        {match === 'rank' && (
          <Form.Item
            label="前 N 名"
            name="rank"
            rules={[{ required: true, type: 'integer', min: 1, max: 100, message: '名次须为 1 至 100 的整数' }]}
          >
            <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {match === 'score_below' && (
          <Form.Item label="得分低于（分）" name="score" rules={[{ required: true, message: '请填写分数' }]}>
            <InputNumber min={0.01} max={1000} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {match === 'streak' && (
          <Form.Item
            label="连续上黑榜月数达到"
            name="streak"
            rules={[{ required: true, type: 'integer', min: 1, max: 24, message: '1 至 24 的整数' }]}
          >
            <InputNumber min={1} max={24} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {match === 'proposal' && (
          <Form.Item label="考核建议" name="proposal" rules={[{ required: true, message: '请选择约谈或问责' }]}>
            <Select
              options={[
                { value: 'interview', label: '约谈' },
                { value: 'accountability', label: '问责' },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item label="奖惩" name="kind" rules={[{ required: true, message: '请选择奖惩类型' }]}>
          <Select options={REWARD_KINDS.map((k) => ({ value: k, label: REWARD_KIND_LABELS[k] }))} />
        </Form.Item>
        {kind === 'subsidy' && (
          <Form.Item label="金额（元）" name="amount" rules={[{ required: true, message: '请填写以奖代补金额' }]}>
            <InputNumber min={0.01} max={10_000_000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind === 'deduct' && (
          <Form.Item label="扣年度考核分（分）" name="points" rules={[{ required: true, message: '请填写扣分' }]}>
            <InputNumber min={0.01} max={100} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item label="启用" name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
        {serverError && <Alert type="error" showIcon title={serverError} />}
      </Form>
    </Modal>
  );
}

export function RulesTab({ manage }: { manage: boolean }) {
  const [campaignId, setCampaignId] = useState<string>();
  const rules = useRewardRules({ campaignId }, !!campaignId);
  const schemes = useSchemes({ campaignId, pageSize: 100 }, !!campaignId);
  const remove = useDeleteRewardRule();
  const [editing, setEditing] = useState<RewardRule | null | undefined>(undefined);
  const schemeOptions = (schemes.data?.items ?? []).map((s) => ({
    value: s.schemeKey,
    label: s.name,
    groups: s.groups.map((g) => g.name),
  }));
  const familiesWithout = schemeOptions.filter((s) => !rules.data?.items.some((r) => r.schemeKey === s.value));
  const campaignWide = rules.data?.items.some((r) => !r.schemeKey);
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <CampaignSelect
          aria-label="选择创建项目"
          value={campaignId}
          onChange={(v) => setCampaignId(v === undefined ? undefined : String(v))}
          style={{ width: 260, maxWidth: '100%' }}
        />
        {manage && campaignId && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} style={{ marginInlineStart: 'auto' }}>
            新增规则
          </Button>
        )}
      </div>
      {!campaignId ? (
        <Alert type="info" showIcon title="请先选择创建项目，查看和设置其奖惩规则" />
      ) : (
        <>
          <Table<RewardRule>
            rowKey="id"
            size="middle"
            loading={rules.isFetching}
            dataSource={rules.data?.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '本创建项目尚未设置奖惩规则，发布排名时按下方默认规则拟定' }}
            columns={[
              { title: '规则名称', dataIndex: 'name' },
              { title: '适用方案', dataIndex: 'schemeName', render: (n: string | null) => n ?? '全部考核方案' },
              { title: '规则', dataIndex: 'description' },
              { title: '奖惩', dataIndex: 'kind', render: (k: RewardKind) => <KindTag kind={k} /> },
              { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
              {
                title: '操作',
                key: 'actions',
                render: (_: unknown, r) =>
                  r.abilities.edit ? (
                    <Space>
                      <Button size="small" onClick={() => setEditing(r)}>
                        修改
                      </Button>
                      <Popconfirm
                        title="删除这条规则？"
                        description="已拟定的奖惩不受影响；以后发布的排名不再按此规则拟定。"
                        okText="删除"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={() => remove.mutateAsync({ id: r.id, version: r.version })}
                      >
                        <Button size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          {!campaignWide && familiesWithout.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <Alert
                type="info"
                showIcon
                title={`${familiesWithout.map((s) => s.label).join('、')} 没有自己的规则，发布排名时按默认规则拟定：`}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {rules.data?.defaults.map((d) => (
                      <li key={d.name}>
                        {d.name}：{d.description}
                      </li>
                    ))}
                  </ul>
                }
              />
            </div>
          )}
        </>
      )}
      {editing !== undefined && campaignId && (
        <RuleModal campaignId={campaignId} schemes={schemeOptions} rule={editing} onClose={() => setEditing(undefined)} />
      )}
    </>
  );
}
