/** Create or edit a site: type, region, 包保单位, 点长, WGS-84 coordinates (or the device's position), address. */
import { AimOutlined } from '@ant-design/icons';
import { Button, Col, Form, Grid, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useCreateSite, useSiteTypes, useUpdateSite, type Site, type SiteInput } from '../../api/sites';
import { PHONE_RULE } from '../../components/form-rules';
import { notifyError, notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { UnitSelect } from '../../components/remote-select';
import { FormDrawer } from '../../components/form-drawer';

interface Values {
  name: string;
  siteTypeCode: string;
  regionId: string;
  unitId?: string;
  leadName?: string;
  leadPhone?: string;
  lat?: number | null;
  lng?: number | null;
  address?: string;
  active: boolean;
}

const blank = (v?: string) => (v && v.trim() ? v.trim() : null);
const GEO_ERRORS: Record<number, string> = {
  1: '未获得定位权限，请在浏览器中允许定位',
  2: '暂时无法确定位置，请稍后重试',
  3: '定位超时，请稍后重试',
};

/** Drawer form; `site` is the record to edit, 'new' to create, null when closed. */
export function SiteFormDrawer({ site, onClose }: { site: Site | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateSite();
  const update = useUpdateSite();
  const types = useSiteTypes();
  const screens = Grid.useBreakpoint();
  const [locating, setLocating] = useState(false);
  const editing = site && site !== 'new' ? site : null;

  useEffect(() => {
    if (!site) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        name: editing.name,
        siteTypeCode: editing.siteTypeCode,
        regionId: editing.regionId,
        unitId: editing.unitId ?? undefined,
        leadName: editing.leadName ?? undefined,
        leadPhone: editing.leadPhone ?? undefined,
        lat: editing.location?.lat ?? null,
        lng: editing.location?.lng ?? null,
        address: editing.address ?? undefined,
        active: editing.active,
      });
    }
  }, [site, editing, form]);

  const fillCurrentPosition = () => {
    if (!navigator.geolocation) {
      notifyError(new Error('此浏览器不支持定位'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        form.setFieldsValue({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)) });
        form.validateFields(['lat', 'lng']).catch(() => undefined);
      },
      (err) => {
        setLocating(false);
        notifyError(new Error(GEO_ERRORS[err.code] ?? '无法获取当前位置'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const handleFinish = (v: Values) => {
    const hasLocation = typeof v.lat === 'number' && typeof v.lng === 'number';
    const input: SiteInput = {
      name: v.name.trim(),
      siteTypeCode: v.siteTypeCode,
      regionId: v.regionId,
      unitId: v.unitId ?? null,
      leadName: blank(v.leadName),
      leadPhone: blank(v.leadPhone),
      location: hasLocation ? { lat: v.lat!, lng: v.lng! } : null,
      address: blank(v.address),
      active: v.active,
    };
    const done = () => {
      notifySuccess('已保存');
      onClose();
    };
    if (editing) update.mutate({ ...input, id: editing.id, version: editing.version }, { onSuccess: done });
    else create.mutate(input, { onSuccess: done });
  };

  const pairRule = (other: 'lat' | 'lng') => ({
    validator: (_: unknown, value: number | null | undefined) => {
      const otherValue = form.getFieldValue(other);
      const has = (x: unknown) => typeof x === 'number';
      return has(value) === has(otherValue) ? Promise.resolve() : Promise.reject(new Error('纬度和经度须同时填写'));
    },
  });

  return (
    <FormDrawer
      open={!!site}
      title={editing ? `编辑点位「${editing.name}」` : '新增点位'}
      width={560}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      keepMounted
    >
      <Form name="site" form={form} layout="vertical" onFinish={handleFinish} initialValues={{ active: true }}>
        <Form.Item
          label="点位名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入点位名称' },
            { min: 2, max: 60, message: '点位名称须为 2–60 个字' },
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="点位类型" name="siteTypeCode" rules={[{ required: true, message: '请选择点位类型' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={types.isLoading}
                options={(types.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="所属区域" name="regionId" rules={[{ required: true, message: '请选择所属区域' }]}>
              <RegionTreeSelect allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="包保单位" name="unitId">
          <UnitSelect
            placeholder="选择包保单位"
            initialOptions={editing?.unitId ? [{ id: editing.unitId, name: editing.unitName ?? '' }] : []}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="点长" name="leadName" rules={[{ max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="点长电话" name="leadPhone" rules={[PHONE_RULE]}>
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="纬度" name="lat" dependencies={['lng']} rules={[pairRule('lng')]} extra="WGS-84 坐标">
              <InputNumber min={-90} max={90} step={0.0001} precision={6} style={{ width: '100%' }} placeholder="如 39.1149" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item label="经度" name="lng" dependencies={['lat']} rules={[pairRule('lat')]}>
              <InputNumber min={-180} max={180} step={0.0001} precision={6} style={{ width: '100%' }} placeholder="如 116.5094" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={screens.sm ? <span aria-hidden>&nbsp;</span> : undefined} colon={false}>
              <Button icon={<AimOutlined aria-hidden />} loading={locating} onClick={fillCurrentPosition} block>
                使用当前位置
              </Button>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="地址" name="address" rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="启用" name="active" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
