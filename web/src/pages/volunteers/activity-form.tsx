/**
 * 发布活动 / 编辑活动 in a drawer: the organising team or station, the title and content, the time range, the place
 * (a name, a point picked on the map and the check-in geofence radius), capacity and skills wanted. Checked with the
 * server's own schema (common/contracts/volunteer-activities.ts) before anything is sent.
 */
import { activityBody } from '@common/contracts/volunteer-activities';
import { GEOFENCE_DEFAULT_M, GEOFENCE_MAX_M, GEOFENCE_MIN_M, VOLUNTEER_SKILLS } from '@common/volunteers';
import { Alert, DatePicker, Form, Input, InputNumber, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useCreateActivity, useStations, useTeams, useUpdateActivity, type Activity } from '../../api/volunteers';
import { notifySuccess } from '../../components/notify';
import { fieldRule } from '../../components/zod-rule';
import { FormDrawer } from '../../components/form-drawer';

const LocationPicker = lazy(() => import('../projects/location-picker'));

interface Values {
  teamId?: string | null;
  stationId?: string | null;
  title: string;
  description?: string;
  range: [Dayjs, Dayjs];
  place: string;
  lat?: number | null;
  lng?: number | null;
  geofenceM: number;
  capacity: number;
  skills?: string[];
}

interface Props {
  /** 'new', an activity to edit, or null (closed). */
  activity: Activity | 'new' | null;
  onClose: () => void;
  onSaved?: (a: Activity) => void;
}

const shape = activityBody.shape;

export function ActivityFormDrawer({ activity, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const teams = useTeams(!!activity);
  const stations = useStations(!!activity);
  const [error, setError] = useState<string | null>(null);
  const editing = activity && activity !== 'new' ? activity : null;
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const stationId = Form.useWatch('stationId', form);

  useEffect(() => {
    if (!activity) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        teamId: editing.teamId,
        stationId: editing.stationId,
        title: editing.title,
        description: editing.description ?? undefined,
        range: [dayjs(editing.startsAt as string), dayjs(editing.endsAt as string)],
        place: editing.place,
        lat: editing.location.lat,
        lng: editing.location.lng,
        geofenceM: editing.geofenceM,
        capacity: editing.capacity,
        skills: editing.skills,
      });
    } else {
      const start = dayjs().add(2, 'day').hour(9).minute(0).second(0);
      form.setFieldsValue({ geofenceM: GEOFENCE_DEFAULT_M, capacity: 20, range: [start, start.add(3, 'hour')] });
    }
  }, [activity, editing, form]);

  // A station chosen with no point yet: its place and point are the activity's.
  useEffect(() => {
    if (!stationId || editing) return;
    const s = stations.data?.items.find((x) => x.id === stationId);
    if (!s) return;
    const v = form.getFieldsValue();
    if (!v.place) form.setFieldValue('place', s.address ?? s.name);
    if (s.location && (v.lat === undefined || v.lat === null)) form.setFieldsValue({ lat: s.location.lat, lng: s.location.lng });
  }, [stationId, stations.data, editing, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    if (v.lat === undefined || v.lat === null || v.lng === undefined || v.lng === null) {
      setError('请在地图上点选活动地点（签到范围以它为中心）');
      return;
    }
    const body = {
      teamId: v.teamId ?? null,
      stationId: v.stationId ?? null,
      title: v.title,
      description: v.description?.trim() || null,
      startsAt: v.range[0].second(0).format(),
      endsAt: v.range[1].second(0).format(),
      place: v.place,
      location: { lat: v.lat, lng: v.lng },
      geofenceM: v.geofenceM,
      capacity: v.capacity,
      skills: v.skills ?? [],
    };
    try {
      const saved = editing
        ? await update.mutateAsync({ id: editing.id, version: editing.version, ...body })
        : await create.mutateAsync(body);
      notifySuccess(editing ? '活动已保存' : '活动已发布');
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    }
  };

  const teamOptions = (teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }));
  const stationOptions = (stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const point = typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null;
  const bearings = (stations.data?.items ?? []).flatMap((s) => (s.location ? [{ name: s.name, ...s.location }] : []));

  return (
    <FormDrawer
      open={!!activity}
      title={editing ? `编辑活动「${editing.title}」` : '发布志愿活动'}
      width={640}
      onClose={onClose}
      onSave={submit}
      saving={create.isPending || update.isPending}
      saveLabel={editing ? '保存' : '发布'}
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="teamId" label="组织队伍">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={teamOptions}
            placeholder="选择组织队伍"
            loading={teams.isLoading}
          />
        </Form.Item>
        <Form.Item name="stationId" label="服务阵地">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={stationOptions}
            placeholder="在阵地举办时选择"
            loading={stations.isLoading}
          />
        </Form.Item>
        <Form.Item name="title" label="活动名称" required rules={[fieldRule(shape.title)]}>
          <Input maxLength={60} placeholder="如：城东农贸市场文明劝导" />
        </Form.Item>
        <Form.Item name="description" label="活动内容">
          <Input.TextArea rows={3} maxLength={2000} placeholder="服务内容、集合地点、注意事项" />
        </Form.Item>
        <Form.Item
          name="range"
          label="活动时间"
          required
          rules={[
            {
              validator: async (_, v: [Dayjs, Dayjs] | undefined) => {
                if (!v?.[0] || !v?.[1]) throw new Error('请选择开始和结束时间');
                if (!v[1].isAfter(v[0])) throw new Error('结束时间须晚于开始时间');
              },
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label="活动地点" required rules={[fieldRule(shape.place)]}>
          <Input maxLength={100} placeholder="如：城东农贸市场南门" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6, fontSize: 13 }}>
          在地图上点击活动地点：志愿者须在其周围的签到范围内扫码签到
          {point ? `（${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}）` : ''}
        </Typography.Text>
        <Suspense fallback={<Spin aria-label="地图加载中" style={{ display: 'block', padding: 40 }} />}>
          {activity && (
            <LocationPicker value={point} around={[]} sites={bearings} onChange={(p) => form.setFieldsValue({ lat: p.lat, lng: p.lng })} />
          )}
        </Suspense>
        <Form.Item name="lat" hidden>
          <InputNumber />
        </Form.Item>
        <Form.Item name="lng" hidden>
          <InputNumber />
        </Form.Item>
        <Space wrap style={{ marginTop: 12 }}>
          <Form.Item name="geofenceM" label="签到范围（米）" required rules={[fieldRule(shape.geofenceM)]}>
            <InputNumber min={GEOFENCE_MIN_M} max={GEOFENCE_MAX_M} step={50} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="capacity" label="招募人数" required rules={[fieldRule(shape.capacity)]}>
            <InputNumber min={1} max={10000} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="skills" label="所需技能">
          <Select mode="tags" maxCount={12} options={VOLUNTEER_SKILLS.map((s) => ({ value: s, label: s }))} placeholder="选择或输入" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </FormDrawer>
  );
}
