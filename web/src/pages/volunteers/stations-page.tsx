/**
 * 服务阵地: the 新时代文明实践 network (中心 → 所 → 站 → 点) as a list and on the app's map (no tiles needed), with
 * how many activities each held; 新建 / 编辑 in a drawer with the place picked on the map (the projects' picker).
 */
import { PlusOutlined } from '@ant-design/icons';
import { stationBody } from '@common/contracts/volunteers';
import { STATION_CHILD_LEVEL, STATION_LEVEL_LABELS, STATION_LEVELS, type StationLevel } from '@common/volunteers';
import {
  Alert,
  Button,
  Card,
  Form,
  Grid,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { hasPermission, useSession } from '../../api/auth';
import { ApiError } from '../../api/client';
import { can } from '../../api/types';
import { useCreateStation, useStations, useUpdateStation, type Station } from '../../api/volunteers';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { fieldRule } from '../../components/zod-rule';
import type { MapPlace } from './volunteer-map';
import { FormDrawer } from '../../components/form-drawer';

const VolunteerMap = lazy(() => import('./volunteer-map'));
const LocationPicker = lazy(() => import('../projects/location-picker'));

const LEVEL_COLORS: Record<StationLevel, string> = { center: '#cf1322', institute: '#d46b08', station: '#1677ff', point: '#389e0d' };

export default function StationsPage() {
  const stations = useStations();
  const { data: session } = useSession();
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const [level, setLevel] = useState<StationLevel | undefined>();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const items = useMemo(() => (stations.data?.items ?? []).filter((s) => !level || s.level === level), [stations.data, level]);
  const places: MapPlace[] = useMemo(
    () =>
      items.flatMap((s) =>
        s.location ? [{ id: s.id, name: s.name, lat: s.location.lat, lng: s.location.lng, color: LEVEL_COLORS[s.level] }] : [],
      ),
    [items],
  );
  return (
    <>
      <PageTitle
        title="服务阵地"
        subTitle="新时代文明实践中心 → 实践所 → 实践站 → 志愿服务点"
        extra={
          hasPermission(session, 'volunteers.manage') && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              新建阵地
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="阵地层级"
          aria-label="阵地层级"
          style={{ width: 200 }}
          value={level}
          onChange={setLevel}
          options={STATION_LEVELS.map((l) => ({ value: l, label: STATION_LEVEL_LABELS[l] }))}
        />
        <Space size={12} wrap>
          {STATION_LEVELS.map((l) => (
            <span key={l} style={{ fontSize: 12 }}>
              <span
                style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: LEVEL_COLORS[l], marginInlineEnd: 4 }}
              />
              {STATION_LEVEL_LABELS[l]}
            </span>
          ))}
        </Space>
      </Space>
      {stations.error && <Alert type="error" showIcon title={stations.error.message} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Suspense fallback={<Spin aria-label="地图加载中" style={{ display: 'block', padding: 40 }} />}>
          <VolunteerMap places={places} height={screens.md === false ? 280 : 400} label="服务阵地地图" />
        </Suspense>
      </Card>
      <Table<Station>
        rowKey="id"
        size="middle"
        loading={stations.isLoading}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={phone ? undefined : { x: 720 }}
        locale={{ emptyText: '还没有服务阵地' }}
        columns={(
          [
            {
              key: 'name',
              title: '阵地',
              render: (_, s) => (
                <>
                  <Typography.Text strong>{s.name}</Typography.Text>
                  <div>
                    <Tag color={LEVEL_COLORS[s.level]}>{STATION_LEVEL_LABELS[s.level]}</Tag>
                  </div>
                  {phone && (
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {[s.regionName, s.address, s.contactName, s.contactPhone].filter(Boolean).join(' · ')} · 活动 {s.activityCount} 场
                      {can(s, 'update') && (
                        <Button size="small" type="link" onClick={() => setEditing(s)}>
                          编辑
                        </Button>
                      )}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            { key: 'region', title: '区域', dataIndex: 'regionName', width: 110 },
            { key: 'address', title: '地址', render: (_, s) => s.address ?? '—', ellipsis: true },
            {
              key: 'contact',
              title: '联系人',
              render: (_, s) => [s.contactName, s.contactPhone].filter(Boolean).join(' ') || '—',
              width: 170,
            },
            {
              key: 'activities',
              title: '活动',
              width: 120,
              render: (_, s) => `${s.activityCount} 场（近 30 天 ${s.recentActivityCount}）`,
            },
            {
              key: 'actions',
              title: '操作',
              width: 70,
              render: (_, s) =>
                can(s, 'update') && (
                  <Button size="small" type="link" onClick={() => setEditing(s)}>
                    编辑
                  </Button>
                ),
            },
          ] satisfies TableColumnsType<Station>
        ).filter((c) => !phone || c.key === 'name')}
      />
      <StationDrawer station={editing} stations={stations.data?.items ?? []} onClose={() => setEditing(null)} />
    </>
  );
}

interface Values {
  regionId: string;
  parentId?: string | null;
  level: StationLevel;
  name: string;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  contactName?: string;
  contactPhone?: string;
}

function StationDrawer({ station, stations, onClose }: { station: Station | 'new' | null; stations: Station[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateStation();
  const update = useUpdateStation();
  const [error, setError] = useState<string | null>(null);
  const editing = station && station !== 'new' ? station : null;
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const parentId = Form.useWatch('parentId', form);
  const parent = stations.find((s) => s.id === parentId);

  useEffect(() => {
    if (!station) return;
    setError(null);
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        regionId: editing.regionId,
        parentId: editing.parentId,
        level: editing.level,
        name: editing.name,
        address: editing.address ?? undefined,
        lat: editing.location?.lat,
        lng: editing.location?.lng,
        contactName: editing.contactName ?? undefined,
        contactPhone: editing.contactPhone ?? undefined,
      });
  }, [station, editing, form]);

  useEffect(() => {
    if (parent && !editing) {
      const child = STATION_CHILD_LEVEL[parent.level];
      if (child) form.setFieldValue('level', child);
    }
  }, [parent, editing, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const blank = (s?: string | null) => (s && s.trim() ? s.trim() : null);
    const location = typeof v.lat === 'number' && typeof v.lng === 'number' ? { lat: v.lat, lng: v.lng } : null;
    const common = {
      parentId: v.parentId ?? null,
      name: v.name,
      address: blank(v.address),
      location,
      contactName: blank(v.contactName),
      contactPhone: blank(v.contactPhone),
    };
    try {
      if (editing) await update.mutateAsync({ id: editing.id, version: editing.version, ...common });
      else await create.mutateAsync({ regionId: v.regionId, level: v.level, ...common });
      notifySuccess(editing ? '阵地已保存' : '阵地已新建');
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    }
  };
  const shape = stationBody.shape;
  const point = typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null;
  const bearings = stations.flatMap((s) => (s.location && s.id !== editing?.id ? [{ name: s.name, ...s.location }] : []));
  return (
    <FormDrawer
      open={!!station}
      title={editing ? `编辑阵地「${editing.name}」` : '新建服务阵地'}
      width={600}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="regionId" label="所属区域" required rules={[fieldRule(shape.regionId)]}>
          <RegionTreeSelect disabled={!!editing} />
        </Form.Item>
        <Form.Item name="parentId" label="上级阵地">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="无（实践中心）"
            options={stations
              .filter((s) => s.id !== editing?.id && STATION_CHILD_LEVEL[s.level])
              .map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="level" label="阵地层级" required rules={[fieldRule(shape.level)]}>
          <Select disabled={!!editing} options={STATION_LEVELS.map((l) => ({ value: l, label: STATION_LEVEL_LABELS[l] }))} />
        </Form.Item>
        <Form.Item name="name" label="阵地名称" required rules={[fieldRule(shape.name)]}>
          <Input maxLength={60} placeholder="如：城关镇新时代文明实践所" />
        </Form.Item>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} />
        </Form.Item>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6, fontSize: 13 }}>
          在地图上点击阵地位置，或填写经纬度（WGS-84）
        </Typography.Text>
        <Suspense fallback={<Spin aria-label="地图加载中" style={{ display: 'block', padding: 40 }} />}>
          {station && <LocationPicker value={point} around={[]} sites={bearings} onChange={(p) => form.setFieldsValue(p)} />}
        </Suspense>
        <Space wrap style={{ marginTop: 8 }}>
          <Form.Item name="lat" label="纬度">
            <InputNumber min={3.8} max={53.6} step={0.0001} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="lng" label="经度">
            <InputNumber min={73.5} max={135.1} step={0.0001} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="contactName" label="联系人">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[fieldRule(shape.contactPhone)]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </FormDrawer>
  );
}
