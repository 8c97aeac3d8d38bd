/** 选点方式: 手动选择 (a table with checkboxes), 随机抽样 (types × N within regions, with a seed) or 回头看 回溯天数. */
import { ReloadOutlined } from '@ant-design/icons';
import type { RoundKind } from '@common/inspections';
import { Button, Col, Form, Input, InputNumber, Radio, Row, Select, Space, TreeSelect, Typography, type FormInstance } from 'antd';
import { useMemo } from 'react';
import { useSiteTypes } from '../../api/sites';
import { useRegionTree, type RegionNode } from '../../api/regions';
import { SitePickerTable } from './site-picker-table';

export interface SelectionValues {
  mode: 'manual' | 'sample' | 'recheck';
  siteIds: string[];
  siteTypeCodes: string[];
  perType: number;
  sampleRegionIds: string[];
  seed: string;
  recheckDays: number;
}

/** Eight hex digits from the browser's random source. */
export function randomSeed(): string {
  const b = crypto.getRandomValues(new Uint8Array(4));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}
const toOptions = (nodes: RegionNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: String(n.id), title: n.name, children: n.children?.length ? toOptions(n.children) : undefined }));

function SampleFields({ form }: { form: FormInstance }) {
  const types = useSiteTypes();
  const tree = useRegionTree();
  const treeData = useMemo(() => toOptions(tree.data?.items ?? []), [tree.data]);
  return (
    <Row gutter={12}>
      <Col xs={24} sm={16}>
        <Form.Item label="抽样点位类型" name="siteTypeCodes" rules={[{ required: true, type: 'array', min: 1, message: '请选择点位类型' }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={types.isLoading}
            options={(types.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
            placeholder="可多选"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item label="每类抽取数量" name="perType" rules={[{ required: true, message: '请填写数量' }]}>
          <InputNumber min={1} max={200} precision={0} suffix="个" style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label="抽样区域" name="sampleRegionIds" extra="不选则在督查范围内抽取">
          <TreeSelect
            multiple
            treeData={treeData}
            loading={tree.isLoading}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={treeData.map((n) => n.value)}
            placeholder="可多选乡镇（街道）"
            allowClear
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item label="随机种子" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="seed" noStyle rules={[{ required: true, whitespace: true, message: '请填写随机种子' }, { max: 64 }]}>
              <Input id="round_seed" aria-label="随机种子" maxLength={64} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Button
              aria-label="换一个随机种子"
              icon={<ReloadOutlined aria-hidden />}
              onClick={() => form.setFieldValue('seed', randomSeed())}
            />
          </Space.Compact>
        </Form.Item>
      </Col>
      <Col span={24}>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 12 }}>
          抽样可复现：点位库不变时，相同的点位类型、数量、区域和随机种子总是抽出相同的点位。请保存种子，以备复核抽样过程。
        </Typography.Paragraph>
      </Col>
    </Row>
  );
}

/** The site part of the new-round form. */
export function SiteSelection({ form, kind, regionId }: { form: FormInstance; kind: RoundKind | undefined; regionId: string | undefined }) {
  const mode = Form.useWatch('mode', form) as SelectionValues['mode'] | undefined;
  return (
    <>
      <Form.Item label="选点方式" name="mode">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'manual', label: '手动选择' },
            { value: 'sample', label: '随机抽样' },
            ...(kind === 'recheck' ? [{ value: 'recheck', label: '回溯已结案问题' }] : []),
          ]}
        />
      </Form.Item>
      {mode === 'manual' && (
        <Form.Item name="siteIds" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个点位' }]}>
          <SitePickerTable regionId={regionId} />
        </Form.Item>
      )}
      {mode === 'sample' && <SampleFields form={form} />}
      {mode === 'recheck' && (
        <Form.Item
          label="回溯天数"
          name="recheckDays"
          rules={[{ required: true, message: '请填写回溯天数' }]}
          extra="选取最近这些天内有问题已结案的点位，复查是否整改到位、有无反弹。"
        >
          <InputNumber min={1} max={365} precision={0} suffix="天" style={{ width: 160 }} />
        </Form.Item>
      )}
    </>
  );
}
