/** 新建轮次: facts of the round, its team and threshold, and how its sites are chosen. */
import { ROUND_KINDS, ROUND_KIND_LABELS, type RoundKind } from '@common/inspections';
import { Alert, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { useCampaigns } from '../../api/campaigns';
import { useWorkingCampaign } from '../../api/home';
import { useCreateRound, useInspectorOptions, type NewRound } from '../../api/inspections';
import { useStandardVersions } from '../../api/standards';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { CreatedRoundModal } from './created-round-modal';
import { randomSeed, SiteSelection, type SelectionValues } from './site-selection';
import { FormDrawer } from '../../components/form-drawer';

type Values = SelectionValues & {
  name: string;
  kind: RoundKind;
  campaignId: string;
  standardVersionId?: string;
  startDate: Dayjs;
  endDate: Dayjs;
  regionId?: string;
  inspectorIds: string[];
  passThreshold: number;
};

const initial = () => ({
  kind: 'routine' as RoundKind,
  startDate: dayjs().startOf('day'),
  endDate: dayjs().add(6, 'day').startOf('day'),
  inspectorIds: [],
  passThreshold: 90,
  mode: 'manual' as const,
  siteIds: [],
  siteTypeCodes: [],
  perType: 3,
  sampleRegionIds: [],
  seed: randomSeed(),
  recheckDays: 30,
});

function toInput(v: Values): NewRound {
  const base: NewRound = {
    name: v.name.trim(),
    kind: v.kind,
    campaignId: v.campaignId,
    standardVersionId: v.standardVersionId || undefined,
    regionId: v.regionId || undefined,
    startDate: v.startDate.format('YYYY-MM-DD'),
    endDate: v.endDate.format('YYYY-MM-DD'),
    inspectorIds: v.inspectorIds ?? [],
    passThreshold: Math.round(v.passThreshold * 10) / 1000,
  };
  if (v.mode === 'manual') return { ...base, siteIds: v.siteIds };
  if (v.mode === 'recheck') return { ...base, recheckDays: v.recheckDays };
  const seed = v.seed?.trim();
  return {
    ...base,
    sample: {
      siteTypeCodes: v.siteTypeCodes,
      perType: v.perType,
      regionIds: v.sampleRegionIds?.length ? v.sampleRegionIds : undefined,
      seed: seed || undefined,
    },
  };
}

/** The drawer; after creation a dialog shows the chosen sites and the seed. */
export function CreateRoundDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { data: session } = useSession();
  const create = useCreateRound();
  const [created, setCreated] = useState<{ id: string; seed: string | null; count: number } | null>(null);
  const campaignId = Form.useWatch('campaignId', form);
  const kind = Form.useWatch('kind', form);
  const regionId = Form.useWatch('regionId', form);
  const campaigns = useCampaigns({ page: 1, pageSize: 100 });
  const versions = useStandardVersions(campaignId, !!campaignId);
  const canListUsers = hasPermission(session, 'users.list');
  const inspectors = useInspectorOptions(open && canListUsers);

  const workingId = useWorkingCampaign(open).data?.campaign?.id;
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  // The campaign the person works on, not whichever comes first in the list.
  useEffect(() => {
    if (open && workingId && !form.getFieldValue('campaignId')) form.setFieldValue('campaignId', workingId);
  }, [open, workingId, form]);
  useEffect(() => form.setFieldValue('standardVersionId', versions.data?.items[0]?.id), [versions.data, form]);
  useEffect(() => {
    if (kind === 'recheck') form.setFieldValue('mode', 'recheck');
    else if (form.getFieldValue('mode') === 'recheck') form.setFieldValue('mode', 'manual');
  }, [kind, form]);

  const handleFinish = (values: Values) =>
    create.mutate(toInput(values), {
      onSuccess: (res) => {
        setCreated({ id: res.id, seed: res.seed, count: res.siteIds.length });
        onClose();
      },
    });

  return (
    <>
      <FormDrawer
        open={open}
        title="新建督查轮次"
        width={760}
        onClose={onClose}
        onSave={() => form.submit()}
        saving={create.isPending}
        saveLabel="创建轮次"
        keepMounted
      >
        <Form name="round" form={form} layout="vertical" initialValues={initial()} onFinish={handleFinish}>
          <Row gutter={12}>
            <Col xs={24} sm={16}>
              <Form.Item
                label="轮次名称"
                name="name"
                rules={[
                  { required: true, whitespace: true, message: '请填写轮次名称' },
                  { min: 2, max: 60, message: '轮次名称须为 2–60 个字' },
                ]}
              >
                <Input maxLength={60} placeholder="如：2026年第二季度农贸市场暗访" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item label="督查类型" name="kind" rules={[{ required: true, message: '请选择督查类型' }]}>
                <Select options={ROUND_KINDS.map((k) => ({ value: k, label: ROUND_KIND_LABELS[k] }))} />
              </Form.Item>
            </Col>
          </Row>
          {kind === 'covert' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="暗访实行“三不三无”：发布前只有督查组、创建办和领导能看到本轮的点位、时间和发现的问题，被督查单位看不到。"
            />
          )}
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item label="创建项目" name="campaignId" rules={[{ required: true, message: '请选择创建项目' }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={campaigns.isLoading}
                  options={(campaigns.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
                  onChange={() => form.setFieldValue('standardVersionId', undefined)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                label="测评体系版本"
                name="standardVersionId"
                extra={campaignId && versions.data?.items.length === 0 ? '该项目还没有测评体系，请先导入' : undefined}
              >
                <Select
                  placeholder={campaignId ? '默认最新版本' : '请先选择创建项目'}
                  disabled={!campaignId}
                  loading={versions.isFetching}
                  options={(versions.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.standards} 条）` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item label="开始日期" name="startDate" rules={[{ required: true, message: '请选择开始日期' }]}>
                <DatePicker style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item
                label="结束日期"
                name="endDate"
                dependencies={['startDate']}
                rules={[
                  { required: true, message: '请选择结束日期' },
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: Dayjs | undefined) => {
                      if (v && getFieldValue('startDate') && v.isBefore(getFieldValue('startDate'), 'day'))
                        throw new Error('结束日期不能早于开始日期');
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item label="达标线（得分率）" name="passThreshold" rules={[{ required: true, message: '请填写达标线' }]}>
                <InputNumber min={0} max={100} step={5} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item label="督查范围" name="regionId" extra="不选则为创建项目的区域">
                <RegionTreeSelect placeholder="创建项目的区域" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                label="督查人员"
                name="inspectorIds"
                extra={canListUsers ? '只有督查人员能在手机上看到并执行本轮任务' : '您无权查询人员，可先创建轮次，再由创建办指定督查人员'}
              >
                <Select
                  mode="multiple"
                  disabled={!canListUsers}
                  placeholder="选择督查员"
                  loading={inspectors.isLoading}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(inspectors.data?.items ?? []).map((u) => ({
                    value: u.id,
                    label: u.unitName ? `${u.name}（${u.unitName}）` : u.name,
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <SiteSelection form={form} kind={kind} regionId={regionId} />
        </Form>
      </FormDrawer>
      <CreatedRoundModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
