/**
 * 考核方案 editor: groups of subjects (县直部门, 乡镇街道, 窗口单位 … by unit type or a list; towns; sites by type;
 * counties), and for each group the indicators with a weight and a scoring rule (linear between a floor and a ceiling,
 * grade bands, deduction per item with a cap, bonus items, 一票否决). Saving an existing scheme makes a new version:
 * runs already computed keep the version they used. The server checks the rules and names the field it rejects.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { UNIT_TYPES } from '@common/enums';
import { INDICATOR_DIRECTION_LABELS, INDICATOR_SUBJECT_LABELS, INDICATOR_SUBJECT_TYPES } from '@common/indicators';
import { UNIT_TYPE_LABELS } from '@common/labels';
import { App, Alert, Button, Card, Divider, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCreateScheme, useEvaluationIndicators, useScheme, useUpdateScheme, type SchemeInput } from '../../api/evaluation';
import { useSiteTypes } from '../../api/sites';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { CampaignSelect } from '../../components/remote-select';

const RULE_TYPES = [
  { value: 'linear', label: '线性（区间内按比例得分）' },
  { value: 'grade', label: '分档' },
  { value: 'deduction', label: '逐项扣分（封顶）' },
  { value: 'bonus', label: '加分项（封顶）' },
  { value: 'veto', label: '一票否决' },
];

/** A starting point the office edits: 县直部门 and 乡镇街道 on the problem loop and the inspection results. */
const TEMPLATE: Omit<SchemeInput, 'campaignId'> = {
  name: '月度创建工作考核方案',
  periodType: 'month',
  redCount: 5,
  blackCount: 5,
  objectionDays: 3,
  groups: [
    {
      name: '县直部门',
      subjectType: 'unit',
      unitTypes: ['county_dept'],
      indicators: [
        { code: 'problem.close_rate', weight: 40, rule: { type: 'linear', floor: 60, ceiling: 100 } },
        { code: 'problem.on_time_rate', weight: 40, rule: { type: 'linear', floor: 60, ceiling: 100 } },
        { code: 'problem.overdue_count', weight: 20, rule: { type: 'deduction', per: 0.5, cap: 10 } },
      ],
    },
    {
      name: '乡镇街道',
      subjectType: 'town',
      indicators: [
        { code: 'problem.close_rate', weight: 30, rule: { type: 'linear', floor: 60, ceiling: 100 } },
        { code: 'inspection.avg_score_rate', weight: 50, rule: { type: 'linear', floor: 60, ceiling: 100 } },
        { code: 'problem.overdue_count', weight: 20, rule: { type: 'deduction', per: 0.5, cap: 10 } },
      ],
    },
  ],
};

type FormValues = SchemeInput;

function RuleFields({ group, index }: { group: number; index: number }) {
  const form = Form.useFormInstance();
  const type = Form.useWatch(['groups', group, 'indicators', index, 'rule', 'type'], form) as string | undefined;
  const base = [index, 'rule'];
  const n = (name: string, label: string, extra: object = {}) => (
    <Form.Item name={[...base, name]} label={label} rules={[{ required: true, message: `请填写${label}` }]} {...extra}>
      <InputNumber style={{ width: 110 }} />
    </Form.Item>
  );
  return (
    <Space wrap align="start">
      <Form.Item name={[...base, 'type']} label="评分规则" rules={[{ required: true, message: '请选择评分规则' }]}>
        <Select options={RULE_TYPES} style={{ width: 210 }} />
      </Form.Item>
      {type === 'linear' && (
        <>
          {n('floor', '下限')}
          {n('ceiling', '上限')}
        </>
      )}
      {(type === 'deduction' || type === 'bonus') && (
        <>
          {n('per', type === 'bonus' ? '每件加分' : '每件扣分')}
          {n('cap', type === 'bonus' ? '加分上限' : '扣分上限')}
        </>
      )}
      {type === 'veto' && (
        <Form.Item name={[...base, 'threshold']} label="否决阈值（不填：有即否决）">
          <InputNumber style={{ width: 110 }} />
        </Form.Item>
      )}
      {type === 'grade' && (
        <Form.List name={[...base, 'bands']} initialValue={[{ min: 90, points: 100 }]}>
          {(bands, { add, remove }) => (
            <div>
              <Typography.Text>分档（数值达到起点得该档分）</Typography.Text>
              {bands.map((band) => (
                <Space key={band.key} align="baseline">
                  <Form.Item name={[band.name, 'min']} rules={[{ required: true, message: '起点' }]}>
                    <InputNumber addonBefore="≥" style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[band.name, 'points']} rules={[{ required: true, message: '得分' }]}>
                    <InputNumber addonAfter="分" style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="text" aria-label="删除分档" icon={<DeleteOutlined aria-hidden />} onClick={() => remove(band.name)} />
                </Space>
              ))}
              <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add({ min: 0, points: 0 })}>
                加一档
              </Button>
            </div>
          )}
        </Form.List>
      )}
    </Space>
  );
}

function GroupCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const form = Form.useFormInstance();
  const subjectType = Form.useWatch(['groups', index, 'subjectType'], form) as (typeof INDICATOR_SUBJECT_TYPES)[number] | undefined;
  const indicators = useEvaluationIndicators();
  const siteTypes = useSiteTypes();
  const options = (indicators.data?.items ?? [])
    .filter((i) => !subjectType || i.subjectTypes.includes(subjectType))
    .map((i) => ({ value: i.code, label: `${i.name}（${i.unit}，${INDICATOR_DIRECTION_LABELS[i.direction]}）`, title: i.description }));
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={`考核分组 ${index + 1}`}
      extra={
        <Button danger type="text" icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>
          删除分组
        </Button>
      }
    >
      <Space wrap align="start">
        <Form.Item name={[index, 'name']} label="分组名称" rules={[{ required: true, message: '请填写分组名称' }]}>
          <Input style={{ width: 180 }} maxLength={50} placeholder="如 县直部门" />
        </Form.Item>
        <Form.Item name={[index, 'subjectType']} label="考核对象" rules={[{ required: true, message: '请选择考核对象' }]}>
          <Select style={{ width: 140 }} options={INDICATOR_SUBJECT_TYPES.map((t) => ({ value: t, label: INDICATOR_SUBJECT_LABELS[t] }))} />
        </Form.Item>
        {subjectType === 'unit' && (
          <Form.Item name={[index, 'unitTypes']} label="单位类型（不选：全部单位）">
            <Select mode="multiple" style={{ minWidth: 240 }} options={UNIT_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))} />
          </Form.Item>
        )}
        {subjectType === 'site' && (
          <Form.Item name={[index, 'siteTypes']} label="点位类型（不选：全部点位）">
            <Select
              mode="multiple"
              style={{ minWidth: 240 }}
              options={(siteTypes.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
            />
          </Form.Item>
        )}
      </Space>
      <Form.List name={[index, 'indicators']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <div key={field.key} style={{ borderTop: '1px dashed #e5e5e5', paddingTop: 12 }}>
                <Space wrap align="start">
                  <Form.Item name={[field.name, 'code']} label="指标" rules={[{ required: true, message: '请选择指标' }]}>
                    <Select showSearch optionFilterProp="label" options={options} style={{ width: 320, maxWidth: '80vw' }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'weight']}
                    label="权重（分）"
                    rules={[
                      { required: true, message: '请填写权重' },
                      { type: 'number', min: 0.01, message: '权重须为正数' },
                    ]}
                  >
                    <InputNumber style={{ width: 100 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    aria-label="删除指标"
                    icon={<DeleteOutlined aria-hidden />}
                    onClick={() => remove(field.name)}
                  />
                </Space>
                <RuleFields group={index} index={field.name} />
              </div>
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ weight: 10, rule: { type: 'linear', floor: 60, ceiling: 100 } })}
            >
              添加指标
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** New scheme (/evaluation/schemes/new) or a new version of one (/evaluation/schemes/:id/edit). */
export default function SchemeEditorPage() {
  const { id } = useParams();
  const scheme = useScheme(id);
  const create = useCreateScheme();
  const update = useUpdateScheme(id ?? '');
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();

  useEffect(() => {
    if (scheme.data) form.setFieldsValue(scheme.data as FormValues);
  }, [scheme.data, form]);

  if (id && scheme.isLoading) return <PageLoading />;
  if (id && !scheme.data) return <Alert type="error" showIcon title="考核方案不存在或无权查看" />;

  const save = async () => {
    const values = await form.validateFields();
    const { campaignId, ...rest } = values;
    const saved = id ? await update.mutateAsync(rest) : await create.mutateAsync({ ...values, campaignId });
    message.success(id ? `已保存为第 ${saved.version} 版（已计算的月份仍按原版本）` : '方案已建立');
    navigate('/evaluation?tab=schemes');
  };

  return (
    <>
      <PageTitle
        title={id ? `修改考核方案：${scheme.data?.name ?? ''}` : '新建考核方案'}
        subTitle={id ? `当前第 ${scheme.data?.version} 版；保存后生成新版本` : '按分组设置考核指标、权重和评分规则'}
        extra={
          <>
            <Button onClick={() => navigate('/evaluation?tab=schemes')}>取消</Button>
            <Button type="primary" loading={create.isPending || update.isPending} onClick={save}>
              保存
            </Button>
          </>
        }
      />
      <Form form={form} layout="vertical" initialValues={id ? undefined : TEMPLATE} scrollToFirstError>
        <Card variant="borderless" style={{ marginBottom: 16 }}>
          <Space wrap align="start">
            <Form.Item name="campaignId" label="创建项目" rules={[{ required: true, message: '请选择创建项目' }]}>
              <CampaignSelect disabled={!!id} style={{ width: 280 }} />
            </Form.Item>
            <Form.Item
              name="name"
              label="方案名称"
              rules={[
                { required: true, message: '请填写方案名称' },
                { min: 2, message: '方案名称至少 2 个字' },
              ]}
            >
              <Input style={{ width: 280 }} maxLength={100} />
            </Form.Item>
            <Form.Item name="periodType" label="考核周期" initialValue="month">
              <Select style={{ width: 120 }} options={[{ value: 'month', label: '月度' }]} />
            </Form.Item>
            <Form.Item name="redCount" label="红榜名额">
              <InputNumber min={0} max={50} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="blackCount" label="黑榜名额">
              <InputNumber min={0} max={50} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="objectionDays" label="申诉期（天）">
              <InputNumber min={1} max={30} style={{ width: 100 }} />
            </Form.Item>
          </Space>
        </Card>
        <Divider titlePlacement="start">考核分组</Divider>
        <Form.List name="groups">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <GroupCard key={field.key} index={field.name} onRemove={() => remove(field.name)} />
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() =>
                  add({
                    name: '',
                    subjectType: 'unit',
                    indicators: [{ code: 'problem.close_rate', weight: 100, rule: { type: 'linear', floor: 60, ceiling: 100 } }],
                  })
                }
              >
                添加分组
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </>
  );
}
