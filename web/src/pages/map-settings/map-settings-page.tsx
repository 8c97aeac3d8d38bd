/**
 * 底图设置 (system administrator): what every map draws under its markers — 无底图, 天地图 (矢量/影像 with 注记, the
 * deployment's key) or a 内网瓦片服务 — for all regions (the default) or one region and what lies under it. The form
 * checks addresses and keys with the server's own rules (common/base-map.ts) and a live map previews the unsaved
 * values over the region's sites. Values of the kinds that are off are kept, so switching back needs no retyping.
 */
import {
  BASE_MAP_KIND_LABELS,
  BASE_MAP_KINDS,
  baseMapOf,
  TIANDITU_LAYER_LABELS,
  TIANDITU_LAYERS,
  tiandituKeyProblem,
  tileUrlProblem,
  type BaseMap,
  type BaseMapKind,
  type TiandituLayer,
} from '@common/base-map';
import { Alert, App, Button, Card, Col, Form, Grid, Input, InputNumber, Popconfirm, Radio, Row, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useMapSettings, useResetMapSettings, useSaveMapSettings, type MapSettings } from '../../api/map-settings';
import { useSiteMap } from '../../api/sites';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { useTableState } from '../../components/use-table-state';

const PreviewMap = lazy(() => import('./preview-map'));

interface FormValues {
  kind: BaseMapKind;
  tiandituLayer: TiandituLayer;
  tiandituKey: string;
  tileUrl: string;
  tileMaxZoom: number;
  attribution: string;
}

const KIND_HELP: Record<BaseMapKind, string> = {
  none: '不加载底图，纯色背景上只显示点位和问题；无需网络，离线可用（默认）。',
  tianditu: '国家地理信息公共服务平台。需填写本单位申请的“浏览器端”密钥，使用者的电脑和手机须能访问互联网。',
  tiles: '政务网内的 XYZ 瓦片服务（如自然资源部门发布的影像或矢量底图），由本系统转发给已登录用户。',
};

const toForm = (s: NonNullable<MapSettings['settings']>): FormValues => ({
  kind: s.kind,
  tiandituLayer: s.tiandituLayer,
  tiandituKey: s.tiandituKey ?? '',
  tileUrl: s.tileUrl ?? '',
  tileMaxZoom: s.tileMaxZoom,
  attribution: s.attribution,
});

/** The base map a form describes, or why it cannot be previewed yet. */
function previewOf(v: FormValues | undefined): { baseMap: BaseMap; problem: string | null } {
  const none: BaseMap = { kind: 'none', layers: [], attribution: '' };
  if (!v?.kind) return { baseMap: none, problem: null };
  const problem =
    v.kind === 'tianditu' ? tiandituKeyProblem(v.tiandituKey ?? '') : v.kind === 'tiles' ? tileUrlProblem(v.tileUrl ?? '') : null;
  if (problem) return { baseMap: none, problem };
  const baseMap = baseMapOf(
    {
      kind: v.kind,
      tiandituLayer: v.tiandituLayer ?? 'vec',
      tiandituKey: v.tiandituKey?.trim() || null,
      tileUrl: v.tileUrl?.trim() || null,
      tileMaxZoom: v.tileMaxZoom || 18,
      attribution: v.attribution ?? '',
    },
    { preview: true },
  );
  return { baseMap, problem: null };
}

/** A value that follows `value` once it has stopped changing for `ms` (typing does not reload tiles per key). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const REGION_KEYS = ['region'] as const;

/** The page. */
export default function MapSettingsPage() {
  const { message } = App.useApp();
  const { filters, setFilters } = useTableState(REGION_KEYS);
  const regionId = filters.region;
  const settings = useMapSettings(regionId);
  const save = useSaveMapSettings();
  const reset = useResetMapSettings();
  const [form] = Form.useForm<FormValues>();
  const watched = Form.useWatch([], form) as FormValues | undefined;
  const kind = Form.useWatch('kind', form) as BaseMapKind | undefined;
  const isPhone = Grid.useBreakpoint().md === false;
  const sites = useSiteMap(regionId ? { regionId } : {});

  // Fill the form when another region, version or source comes on screen — never while the same one is refetched.
  const shown = useRef('');
  const data = settings.data;
  useEffect(() => {
    if (!data?.settings) return;
    const key = `${data.region?.id ?? ''}|${data.version ?? ''}|${data.source.regionId ?? ''}`;
    if (key === shown.current) return;
    shown.current = key;
    form.setFieldsValue(toForm(data.settings));
  }, [data, form]);

  const settledValues = useSettled(watched, 600);
  const preview = useMemo(() => previewOf(settledValues), [settledValues]);
  const located = useMemo(
    () => (sites.data?.items ?? []).filter((s): s is typeof s & { location: { lat: number; lng: number } } => !!s.location).slice(0, 2000),
    [sites.data],
  );

  const where = data?.region ? data.region.name : '全部区域（默认）';
  const sourceTag = !data ? null : !data.region ? (
    <Tag color="blue">默认设置</Tag>
  ) : data.source.inherited ? (
    <Tag>继承自{data.source.regionName ?? '默认设置'}</Tag>
  ) : (
    <Tag color="blue">{data.region.name}本级设置</Tag>
  );

  const onSave = async (values: FormValues) => {
    if (!data) return;
    try {
      await save.mutateAsync({
        regionId: regionId ?? null,
        values: {
          ...values,
          tiandituKey: values.tiandituKey?.trim() || null,
          tileUrl: values.tileUrl?.trim() || null,
          attribution: values.attribution ?? '',
          // A region that only inherits gets its own setting; otherwise the version on screen.
          version: data.region && data.source.inherited ? null : data.version,
        },
      });
      shown.current = '';
      notifySuccess(`${where}的底图已设为「${BASE_MAP_KIND_LABELS[values.kind]}」，地图重新打开后生效`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version_conflict') {
        shown.current = '';
        await settings.refetch();
        message.warning({ content: '底图设置刚被其他管理员修改，已显示最新内容，请确认后重新保存', duration: 6 });
      } else notifyError(error);
    }
  };

  const onReset = async () => {
    if (!regionId) return;
    try {
      await reset.mutateAsync(regionId);
      shown.current = '';
      notifySuccess(`${where}已恢复继承上级底图`);
    } catch {
      // the toast came from the query cache
    }
  };

  const previewCard = (
    <Card
      size="small"
      title="预览"
      extra={
        <Typography.Text type="secondary">
          {preview.baseMap.kind === 'none' ? '无底图' : BASE_MAP_KIND_LABELS[preview.baseMap.kind]}
        </Typography.Text>
      }
      styles={{ body: { padding: 8 } }}
    >
      {preview.problem && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`填写完整后显示预览：${preview.problem}`} />}
      <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
        <PreviewMap baseMap={preview.baseMap} sites={located} height={isPhone ? 320 : 'max(420px, calc(100vh - 320px))'} />
      </Suspense>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 4px 0', fontSize: 12 }}>
        底图无法加载时（断网、密钥或地址有误），地图仍以纯色背景显示点位，并在右下角提示。
      </Typography.Paragraph>
    </Card>
  );

  return (
    <>
      <PageTitle title="底图设置" subTitle="点位地图、问题地图等各类地图下方显示的底图" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
          <Card size="small" styles={{ body: { paddingTop: 12 } }}>
            <Space wrap style={{ marginBottom: 12 }}>
              <Typography.Text>适用范围</Typography.Text>
              <RegionTreeSelect
                aria-label="适用范围"
                value={regionId ?? null}
                onChange={(id) => setFilters({ region: id === undefined ? undefined : String(id) })}
                placeholder="全部区域（默认）"
                style={{ minWidth: 220 }}
              />
              {sourceTag}
            </Space>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {regionId
                ? '为该区域及其下级单独设置底图（如县自然资源局发布的内网影像）；未单独设置的区域沿用上级或默认设置。'
                : '全部区域默认使用的底图；某个区域可单独设置（在“适用范围”中选择该区域）。'}
            </Typography.Paragraph>
            {settings.isError && <Alert type="error" showIcon title="底图设置加载失败，请稍后重试" />}
            <Form<FormValues>
              form={form}
              layout="vertical"
              disabled={!data?.abilities.update || save.isPending}
              onFinish={(v) => void onSave(v)}
              requiredMark={false}
            >
              <Form.Item name="kind" label="底图类型" extra={kind ? KIND_HELP[kind] : undefined}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={BASE_MAP_KINDS.map((k) => ({ value: k, label: BASE_MAP_KIND_LABELS[k] }))}
                />
              </Form.Item>

              <Form.Item name="tiandituLayer" label="天地图图层" hidden={kind !== 'tianditu'}>
                <Radio.Group options={TIANDITU_LAYERS.map((l) => ({ value: l, label: `${TIANDITU_LAYER_LABELS[l]}（含注记）` }))} />
              </Form.Item>
              <Form.Item
                name="tiandituKey"
                label="天地图密钥（tk）"
                hidden={kind !== 'tianditu'}
                dependencies={['kind']}
                extra="密钥会随地图发送到已登录用户的浏览器（天地图由浏览器直接加载）。请在天地图控制台把本系统的域名加入该密钥的白名单。"
                rules={[
                  {
                    validator: (_, v?: string) => {
                      const problem = kind === 'tianditu' || v?.trim() ? tiandituKeyProblem(v ?? '') : null;
                      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                    },
                  },
                ]}
              >
                <Input autoComplete="off" spellCheck={false} placeholder="32 位字母或数字" style={{ fontFamily: 'monospace' }} />
              </Form.Item>

              <Form.Item
                name="tileUrl"
                label="瓦片地址"
                hidden={kind !== 'tiles'}
                dependencies={['kind']}
                extra="用 {z}、{x}、{y} 表示级别、列号和行号；TMS 服务（行号自南向北）用 {-y}。由本系统服务器访问，需与本系统网络相通。"
                rules={[
                  {
                    validator: (_, v?: string) => {
                      const problem = kind === 'tiles' || v?.trim() ? tileUrlProblem(v ?? '') : null;
                      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                    },
                  },
                ]}
              >
                <Input autoComplete="off" spellCheck={false} placeholder="https://tiles.example.gov.cn/{z}/{x}/{y}.png" />
              </Form.Item>
              <Form.Item name="tileMaxZoom" label="最大级别" hidden={kind !== 'tiles'} extra="瓦片服务提供的最大级别；更大级别时放大显示。">
                <InputNumber min={1} max={22} precision={0} style={{ width: 120 }} />
              </Form.Item>

              <Form.Item
                name="attribution"
                label="版权说明"
                hidden={kind === 'none'}
                extra="显示在地图右下角，如数据来源和审图号。"
                rules={[{ max: 200, message: '版权说明最多 200 字' }]}
              >
                <Input placeholder="如：审图号 GS(2024)0568号" maxLength={200} />
              </Form.Item>

              <Space wrap>
                <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!data?.abilities.update}>
                  保存
                </Button>
                {data?.abilities.reset && (
                  <Popconfirm
                    title="恢复继承上级底图"
                    description="删除本区域的单独设置后，沿用上级区域或默认设置。"
                    okText="恢复继承"
                    cancelText="取消"
                    onConfirm={() => void onReset()}
                  >
                    <Button loading={reset.isPending}>恢复继承</Button>
                  </Popconfirm>
                )}
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          {previewCard}
        </Col>
      </Row>
    </>
  );
}
