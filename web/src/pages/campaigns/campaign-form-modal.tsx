/** Create or edit a campaign. */
import { CAMPAIGN_LEVELS, CAMPAIGN_STATUSES, CAMPAIGN_TITLES } from '@common/enums';
import { CAMPAIGN_LEVEL_LABELS, CAMPAIGN_STATUS_LABELS, CAMPAIGN_TITLE_LABELS } from '@common/labels';
import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useCreateCampaign, useUpdateCampaign, type Campaign, type CampaignInput } from '../../api/campaigns';
import { notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';

const options = <T extends string>(codes: readonly T[], labels: Record<T, string>) =>
  codes.map((code) => ({ value: code, label: labels[code] }));

/** Modal form; `campaign` is the record to edit, 'new' to create, null when closed. */
export function CampaignFormModal({ campaign, onClose }: { campaign: Campaign | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<CampaignInput>();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const editing = campaign && campaign !== 'new' ? campaign : null;

  useEffect(() => {
    if (!campaign) return;
    form.resetFields();
    if (editing) form.setFieldsValue(editing as CampaignInput);
    else form.setFieldsValue({ status: 'planning', level: 'national', cycleStartYear: new Date().getFullYear() });
  }, [campaign, editing, form]);

  const handleFinish = (values: CampaignInput) => {
    const input = { ...values, name: values.name.trim(), description: values.description?.trim() || null };
    const done = () => {
      notifySuccess('已保存');
      onClose();
    };
    if (editing) update.mutate({ ...input, id: editing.id, version: editing.version }, { onSuccess: done });
    else create.mutate(input, { onSuccess: done });
  };

  return (
    <Modal
      open={!!campaign}
      title={editing ? `编辑项目「${editing.name}」` : '新建创建项目'}
      okText="保存"
      width={640}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      forceRender
    >
      <Form name="campaign" form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item
          label="项目名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入项目名称' },
            { min: 2, max: 60, message: '名称须为 2–60 个字' },
          ]}
        >
          <Input maxLength={60} placeholder="例如：创建全国文明城市（2024–2026 周期）" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="创建类型" name="titleType" rules={[{ required: true, message: '请选择创建类型' }]}>
              <Select options={options(CAMPAIGN_TITLES, CAMPAIGN_TITLE_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="级别" name="level" rules={[{ required: true, message: '请选择级别' }]}>
              <Select options={options(CAMPAIGN_LEVELS, CAMPAIGN_LEVEL_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="区域" name="regionId" rules={[{ required: true, message: '请选择区域' }]}>
              <RegionTreeSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="状态" name="status" rules={[{ required: true, message: '请选择状态' }]}>
              <Select options={options(CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="周期开始年" name="cycleStartYear" rules={[{ required: true, message: '请输入开始年份' }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              label="周期结束年"
              name="cycleEndYear"
              dependencies={['cycleStartYear']}
              rules={[
                { required: true, message: '请输入结束年份' },
                ({ getFieldValue }) => ({
                  validator: async (_r, v?: number) => {
                    const start = getFieldValue('cycleStartYear') as number | undefined;
                    if (v && start && v < start) throw new Error('结束年份不能早于开始年份');
                  },
                }),
              ]}
            >
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="说明" name="description" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
