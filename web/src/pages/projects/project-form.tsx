/**
 * 新建项目 / 编辑项目 (the office) in a drawer: name, type, region, owner unit, the place (a click on the map or the
 * lat/lng inputs) and the outline (项目范围: 绘制范围, then a click per corner; 撤销上一点, 清除, 闭合范围 — checked with the
 * server's own rules, common/contracts/project-outline.ts), investment planned and spent (万元 on screen, 元 on the wire), the hand-over date, a description,
 * and on creation the milestones' planned dates (all five or none: left empty the server plans them back from 交账).
 * Every field is checked in Chinese before anything is sent; a stale edit (409) says so and reloads the project.
 */
import { openRing, projectOutline } from '@common/contracts/project-outline';
import { createProjectBody } from '@common/contracts/tasks';
import { MILESTONE_KINDS, MILESTONE_KIND_LABELS, PROJECT_TYPES, type MilestoneKind, type ProjectType } from '@common/tasks';
import { Alert, Button, Col, DatePicker, Form, Grid, Input, InputNumber, Row, Segmented, Select, Space, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useCreateProject, useUpdateProject, type Project, type ProjectInput } from '../../api/projects';
import type { Site } from '../../api/sites';
import { notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { CampaignSelect, UnitSelect } from '../../components/remote-select';
import { fieldRule } from '../../components/zod-rule';
import type { LocatedProject } from './battle-map';
import type { OutlineDraft } from './location-picker';
import { outlineText } from './project-format';
import { FormDrawer } from '../../components/form-drawer';

const LocationPicker = lazy(() => import('./location-picker'));

/** The milestones planned in the form: 交账 is the hand-over date itself. */
const PLANNED: Exclude<MilestoneKind, 'handover'>[] = MILESTONE_KINDS.filter((k) => k !== 'handover') as Exclude<
  MilestoneKind,
  'handover'
>[];

interface Values {
  name: string;
  type: ProjectType;
  regionId: string;
  ownerUnitId: string;
  campaignId?: string;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  outline?: OutlineDraft | null;
  investmentPlanned?: number | null;
  investmentSpent?: number | null;
  handoverDate: Dayjs;
  description?: string;
  milestones?: Partial<Record<Exclude<MilestoneKind, 'handover'>, Dayjs | null>>;
}

const blank = (v?: string | null) => (v && v.trim() ? v.trim() : null);
const DAY = 'YYYY-MM-DD';
const toYuan = (wan: number | null | undefined) => Math.round((wan ?? 0) * 10_000 * 100) / 100;

/** 项目范围: none, or closed and passing the server's rules (the same zod schema). */
const outlineRule = {
  validator: async (_: unknown, value: OutlineDraft | null | undefined) => {
    if (!value || value.points.length === 0) return;
    if (!value.closed) throw new Error('项目范围尚未闭合：请点「闭合范围」（或点击起点），或「清除」');
    const r = projectOutline.safeParse(value.points);
    if (!r.success) throw new Error(r.error.issues[0]?.message ?? '项目范围不正确');
  },
};

interface Props {
  /** The project to edit, 'new' to create, null when closed. */
  project: Project | 'new' | null;
  onClose: () => void;
  /** Projects already on the map (bearings for picking the place). */
  around: LocatedProject[];
  onCreated?: (project: Project) => void;
}

export function ProjectFormDrawer({ project, onClose, around, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateProject();
  const update = useUpdateProject();
  const screens = Grid.useBreakpoint();
  const [conflict, setConflict] = useState(false);
  const [mapMode, setMapMode] = useState<'point' | 'outline'>('point');
  const outline = Form.useWatch('outline', form) as OutlineDraft | null | undefined;
  const editing = project && project !== 'new' ? project : null;
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const point = useMemo(() => (typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null), [lat, lng]);
  // The county's sites as bearings on the picker (only the office opens this form; quiet if they cannot be read).
  const siteMap = useQuery({
    queryKey: ['sites', 'map', {}],
    queryFn: () => api.get<{ items: Site[]; total: number }>('/api/sites/map'),
    enabled: !!project,
    staleTime: 300_000,
    meta: { silent: true },
  });
  const sites = useMemo(
    () => (siteMap.data?.items ?? []).flatMap((s) => (s.location ? [{ name: s.name, lat: s.location.lat, lng: s.location.lng }] : [])),
    [siteMap.data],
  );

  useEffect(() => {
    if (!project) return;
    form.resetFields();
    setMapMode('point');
    if (editing) {
      form.setFieldsValue({
        name: editing.name,
        type: editing.type,
        regionId: editing.regionId,
        ownerUnitId: editing.ownerUnit.id,
        campaignId: editing.campaignId ?? undefined,
        address: editing.address ?? undefined,
        lat: editing.lat,
        lng: editing.lng,
        outline: editing.outline?.length ? { points: openRing(editing.outline), closed: true } : null,
        investmentPlanned: editing.investmentPlanned / 10_000,
        investmentSpent: editing.investmentSpent / 10_000,
        handoverDate: dayjs(editing.handoverDate),
        description: editing.description ?? undefined,
      });
    }
    // Reloaded after a conflict: the form shows the newer record, the notice stays until the next save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [project, editing?.version]);

  useEffect(() => {
    if (!project) setConflict(false);
  }, [project]);

  const handleFinish = (v: Values) => {
    const located = typeof v.lat === 'number' && typeof v.lng === 'number';
    const drawn = v.outline?.closed && v.outline.points.length ? v.outline.points : null;
    const body: ProjectInput = {
      name: v.name.trim(),
      type: v.type,
      regionId: v.regionId,
      ownerUnitId: v.ownerUnitId,
      campaignId: v.campaignId ?? null,
      address: blank(v.address),
      lat: located ? v.lat! : null,
      lng: located ? v.lng! : null,
      outline: drawn,
      investmentPlanned: toYuan(v.investmentPlanned),
      investmentSpent: toYuan(v.investmentSpent),
      handoverDate: v.handoverDate.format(DAY),
      description: blank(v.description),
    };
    if (editing) {
      update.mutate(
        { ...body, taskId: editing.taskId, id: editing.id, version: editing.version },
        {
          onSuccess: () => {
            setConflict(false);
            notifySuccess('项目已保存');
            onClose();
          },
          onError: (error) => setConflict(error instanceof ApiError && error.code === 'version_conflict'),
        },
      );
      return;
    }
    const planned = PLANNED.map((k) => [k, v.milestones?.[k]] as const);
    if (planned.every(([, d]) => d)) {
      body.milestones = [
        ...planned.map(([kind, d]) => ({ kind, plannedDate: d!.format(DAY) })),
        { kind: 'handover' as const, plannedDate: body.handoverDate },
      ];
    }
    create.mutate(body, {
      onSuccess: (created) => {
        notifySuccess(`已新建项目「${created.name}」`);
        onCreated?.(created);
        onClose();
      },
    });
  };

  const pairRule = (other: 'lat' | 'lng') => ({
    validator: (_: unknown, value: number | null | undefined) => {
      const has = (x: unknown) => typeof x === 'number';
      return has(value) === has(form.getFieldValue(other)) ? Promise.resolve() : Promise.reject(new Error('纬度和经度须同时填写'));
    },
  });

  /** A milestone's planned date: all five or none, in order, not after 交账. */
  const milestoneRule = (kind: Exclude<MilestoneKind, 'handover'>) => ({
    validator: (_: unknown, value: Dayjs | null | undefined) => {
      const all = form.getFieldValue('milestones') as Values['milestones'];
      const filled = PLANNED.filter((k) => all?.[k]);
      if (!value) {
        return filled.length > 0 ? Promise.reject(new Error('节点计划日期须全部填写或全部留空')) : Promise.resolve();
      }
      const i = PLANNED.indexOf(kind);
      const before = PLANNED.slice(0, i)
        .map((k) => all?.[k])
        .filter((d): d is Dayjs => !!d);
      if (before.some((d) => d.isAfter(value, 'day'))) {
        return Promise.reject(new Error(`${MILESTONE_KIND_LABELS[kind]}不能早于前面的节点`));
      }
      const handover = form.getFieldValue('handoverDate') as Dayjs | undefined;
      if (handover && value.isAfter(handover, 'day')) return Promise.reject(new Error('节点计划日期不能晚于交账日期'));
      return Promise.resolve();
    },
  });

  /** Changes the outline being drawn and checks it again once there is something to check. */
  const setOutline = (next: OutlineDraft | null) => {
    form.setFieldsValue({ outline: next });
    if (!next || next.closed || form.getFieldError('outline').length) form.validateFields(['outline']).catch(() => undefined);
  };
  const corners = outline?.points ?? [];
  const closeOutline = () => {
    if (corners.length >= 3) setOutline({ points: corners, closed: true });
  };

  const busy = create.isPending || update.isPending;
  const wide = !!screens.md;

  return (
    <FormDrawer
      open={!!project}
      title={editing ? `编辑项目「${editing.name}」` : '新建项目'}
      width={640}
      onClose={onClose}
      onSave={() => form.submit()}
      saving={busy}
      keepMounted
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="项目已被他人修改"
          description="已载入最新内容，请核对后重新保存。"
        />
      )}
      <Form name="project" form={form} layout="vertical" onFinish={handleFinish} scrollToFirstError>
        <Form.Item
          label="项目名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请填写项目名称' }, fieldRule(createProjectBody.shape.name)]}
        >
          <Input maxLength={100} placeholder="如 城东多彩花海一期" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="项目类型" name="type" rules={[{ required: true, message: '请选择项目类型' }]}>
              <Select options={PROJECT_TYPES.map((t) => ({ value: t.code, label: t.name }))} placeholder="选择类型" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="所在区域" name="regionId" rules={[{ required: true, message: '请选择所在区域' }]}>
              <RegionTreeSelect allowClear={false} placeholder="选择区域" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="责任单位" name="ownerUnitId" rules={[{ required: true, message: '请选择责任单位' }]}>
          <UnitSelect
            placeholder="选择责任单位（负责建设、记录节点和照片）"
            initialOptions={editing ? [{ id: editing.ownerUnit.id, name: editing.ownerUnit.name }] : []}
          />
        </Form.Item>
        <Form.Item label="所属创建项目" name="campaignId" extra="可不选">
          <CampaignSelect placeholder="选择创建项目" />
        </Form.Item>
        <Form.Item label="地址" name="address" rules={[{ max: 200, message: '地址最多 200 个字' }]}>
          <Input maxLength={200} placeholder="如 示范县城东街道滨河路南侧" />
        </Form.Item>
        <Space wrap style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 6 }}>
          <Segmented
            aria-label="地图点击用于"
            value={mapMode}
            onChange={(m) => setMapMode(m as 'point' | 'outline')}
            options={[
              { value: 'point', label: '标记位置' },
              { value: 'outline', label: '绘制范围' },
            ]}
          />
          {mapMode === 'outline' && (
            <Space wrap size={4}>
              <Button
                size="small"
                disabled={!corners.length}
                onClick={() =>
                  setOutline(
                    outline?.closed
                      ? { points: corners, closed: false }
                      : corners.length > 1
                        ? { points: corners.slice(0, -1), closed: false }
                        : null,
                  )
                }
              >
                {outline?.closed ? '重新打开' : '撤销上一点'}
              </Button>
              <Button size="small" aria-label="清除范围" disabled={!corners.length} onClick={() => setOutline(null)}>
                清除
              </Button>
              <Button size="small" type="primary" ghost disabled={corners.length < 3 || !!outline?.closed} onClick={closeOutline}>
                闭合范围
              </Button>
            </Space>
          )}
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6, fontSize: 13 }}>
          {mapMode === 'point'
            ? '在地图上点击项目位置，或直接填写经纬度（WGS-84）'
            : outline?.closed
              ? '范围已闭合；要修改请「重新打开」或「清除」'
              : '依次点击项目范围的各个角点，至少 3 个；点击起点或「闭合范围」完成'}
        </Typography.Text>
        <Suspense fallback={<Spin aria-label="地图加载中" style={{ display: 'block', padding: 40 }} />}>
          {project && (
            <LocationPicker
              value={point}
              around={around}
              sites={sites}
              exceptId={editing?.id}
              onChange={(p) => {
                form.setFieldsValue(p);
                form.validateFields(['lat', 'lng']).catch(() => undefined);
              }}
              mode={mapMode}
              outline={outline ?? null}
              onAddCorner={(c) => setOutline({ points: [...corners, c], closed: false })}
              onCloseOutline={closeOutline}
            />
          )}
        </Suspense>
        <Form.Item name="outline" rules={[outlineRule]} style={{ marginTop: 6, marginBottom: 0 }}>
          <OutlineSummary />
        </Form.Item>
        <Row gutter={12} style={{ marginTop: 12 }}>
          <Col xs={12}>
            <Form.Item label="纬度" name="lat" dependencies={['lng']} rules={[pairRule('lng')]}>
              <InputNumber min={-90} max={90} step={0.0001} precision={6} style={{ width: '100%' }} placeholder="如 39.1149" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="经度" name="lng" dependencies={['lat']} rules={[pairRule('lat')]}>
              <InputNumber min={-180} max={180} step={0.0001} precision={6} style={{ width: '100%' }} placeholder="如 116.5094" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item label="计划投资（万元）" name="investmentPlanned" rules={[{ type: 'number', min: 0, message: '计划投资不能为负' }]}>
              <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} placeholder="如 1200" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              label="已完成投资（万元）"
              name="investmentSpent"
              dependencies={['investmentPlanned']}
              rules={[
                { type: 'number', min: 0, message: '已完成投资不能为负' },
                {
                  validator: (_: unknown, value: number | null | undefined) => {
                    const planned = form.getFieldValue('investmentPlanned') as number | null | undefined;
                    return typeof value === 'number' && typeof planned === 'number' && planned > 0 && value > planned * 2
                      ? Promise.reject(new Error('已完成投资远超计划投资，请核对'))
                      : Promise.resolve();
                  },
                },
              ]}
            >
              <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} placeholder="如 300" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="交账日期" name="handoverDate" rules={[{ required: true, message: '请选择交账日期' }]}>
          <DatePicker style={{ width: '100%' }} placeholder="选择交账日期" inputReadOnly={!wide} />
        </Form.Item>
        {!editing && (
          <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px 0', marginBottom: 16 }}>
            <legend style={{ fontSize: 14, padding: '0 4px', width: 'auto', marginBottom: 0, border: 0 }}>节点计划日期（可选）</legend>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
              全部留空时按交账日期倒排工期；填写则须五个节点都填，交账节点即交账日期。
            </Typography.Text>
            <Row gutter={12}>
              {PLANNED.map((kind) => (
                <Col xs={12} sm={8} key={kind}>
                  <Form.Item
                    label={MILESTONE_KIND_LABELS[kind]}
                    name={['milestones', kind]}
                    dependencies={[...PLANNED.filter((k) => k !== kind).map((k) => ['milestones', k]), 'handoverDate']}
                    rules={[milestoneRule(kind)]}
                  >
                    <DatePicker style={{ width: '100%' }} placeholder="计划日期" inputReadOnly={!wide} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </fieldset>
        )}
        <Form.Item label="项目简介" name="description" rules={[{ max: 4000, message: '项目简介最多 4000 个字' }]}>
          <Input.TextArea rows={3} maxLength={4000} placeholder="建设内容、规模等" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** What the outline field shows under the map: nothing drawn, N corners so far, or closed with its size. */
function OutlineSummary({ value }: { value?: OutlineDraft | null }) {
  const n = value?.points.length ?? 0;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 13 }} aria-live="polite" data-testid="outline-summary">
      项目范围：
      {n === 0
        ? '未绘制（可选：选「绘制范围」后在地图上点击角点）'
        : value!.closed
          ? `已闭合，${outlineText(value!.points)}`
          : `绘制中，已点 ${n} 个角点`}
    </Typography.Text>
  );
}
