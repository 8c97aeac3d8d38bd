/**
 * 问题类别: the two-level tree (大类 → 小类) by kind, with search, as it applies in the caller's region. Shipped
 * categories (全国统一) are renamed or stopped for everyone only by a global account; an office adds local
 * categories for its region, and stops or starts any category for its own region's subtree (本辖区停用).
 */
import { PROBLEM_CATEGORY_KINDS, PROBLEM_CATEGORY_KIND_LABELS, type ProblemCategoryKind } from '@common/problem-workflow';
import { Button, Grid, Input, Popconfirm, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import {
  useAllProblemCategories,
  useResetCategoryForRegion,
  useSetCategoryForRegion,
  useUpdateProblemCategory,
  type ManagedCategory,
} from '../../api/problem-settings';
import { can } from '../../api/types';
import { notifySuccess } from '../../components/notify';
import { CategoryFormModal, type CategoryFormTarget } from './category-form-modal';

type Row = ManagedCategory & { children?: Row[] };
type KindFilter = 'all' | ProblemCategoryKind;
type StatusFilter = 'all' | 'active' | 'inactive';

const KIND_COLORS: Record<ProblemCategoryKind, string> = { component: 'blue', event: 'purple', creation: 'cyan' };

/** Majors with their minors, filtered by kind, status and text (a matching major keeps all its minors). */
function buildRows(items: ManagedCategory[], kind: KindFilter, status: StatusFilter, text: string): Row[] {
  const q = text.trim().toLowerCase();
  const matchText = (c: ManagedCategory) => !q || c.name.toLowerCase().includes(q) || c.code.toLowerCase().includes(q);
  const matchStatus = (c: ManagedCategory) => status === 'all' || (status === 'active') === c.active;
  const rows: Row[] = [];
  for (const major of items.filter((c) => !c.parentCode && (kind === 'all' || c.kind === kind))) {
    const kids = items.filter((c) => c.parentCode === major.code && matchStatus(c) && (matchText(major) || matchText(c)));
    if ((matchText(major) && matchStatus(major)) || kids.length) rows.push({ ...major, children: kids.length ? kids : undefined });
  }
  return rows;
}

/** The categories table. */
export function CategoriesTab() {
  const categories = useAllProblemCategories();
  const update = useUpdateProblemCategory();
  const setForRegion = useSetCategoryForRegion();
  const resetForRegion = useResetCategoryForRegion();
  const region = categories.data?.region ?? null;
  const [kind, setKind] = useState<KindFilter>('all');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [text, setText] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const [target, setTarget] = useState<CategoryFormTarget | null>(null);
  const isPhone = Grid.useBreakpoint().md === false;

  const items = useMemo(() => categories.data?.items ?? [], [categories.data]);
  const rows = useMemo(() => buildRows(items, kind, status, text), [items, kind, status, text]);
  const filtering = text.trim() !== '' || status !== 'all';
  const expandedKeys = filtering ? rows.filter((r) => r.children).map((r) => r.code) : expanded;
  const canEdit = items.some((c) => can(c, 'update') || can(c, 'toggle') || can(c, 'addMinor'));
  const majors = items.filter((c) => !c.parentCode).length;
  const inactive = items.filter((c) => !c.active).length;

  const toggle = (c: ManagedCategory) =>
    update
      .mutateAsync({ code: c.code, active: !c.active, version: c.version })
      .then((r) => notifySuccess(`已${c.active ? '停用' : '启用'}「${c.name}」${r?.cascaded ? `，其下 ${r.cascaded} 个小类一并停用` : ''}`))
      .catch(() => undefined);

  const toggleHere = (c: ManagedCategory) =>
    region &&
    setForRegion
      .mutateAsync({
        code: c.code,
        regionId: region.id,
        active: !c.active,
        version: c.activeSetting.inherited ? null : c.activeSetting.version,
      })
      .then(() => notifySuccess(`已在${region.name}${c.active ? '停用' : '启用'}「${c.name}」`))
      .catch(() => undefined);
  const resetHere = (c: ManagedCategory) =>
    region &&
    resetForRegion
      .mutateAsync({ code: c.code, regionId: region.id })
      .then(() => notifySuccess(`「${c.name}」已恢复继承上级设置`))
      .catch(() => undefined);
  const sourceText = (c: ManagedCategory) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {c.regionId ? `${c.regionName ?? ''}新增` : '全国统一'}
    </Typography.Text>
  );
  const settingText = (c: ManagedCategory) =>
    c.activeSetting.regionId && (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.activeSetting.inherited ? `继承自${c.activeSetting.regionName ?? '上级'}` : '本级设置'}
      </Typography.Text>
    );

  const kindTag = (k: ProblemCategoryKind) => (
    <Tag color={KIND_COLORS[k]} style={{ marginInlineEnd: 0 }}>
      {PROBLEM_CATEGORY_KIND_LABELS[k] ?? k}
    </Tag>
  );
  const statusTag = (active: boolean) =>
    active ? (
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        启用
      </Tag>
    ) : (
      <Tag style={{ marginInlineEnd: 0 }}>已停用</Tag>
    );
  const nameText = (c: Row) => (
    <Typography.Text type={c.active ? undefined : 'secondary'} strong={!c.parentCode}>
      {c.name}
    </Typography.Text>
  );
  const regionActions = (c: Row) =>
    region &&
    can(c, 'toggle') && (
      <>
        <Popconfirm
          title={`在${region.name}${c.active ? '停用' : '启用'}「${c.name}」`}
          description={
            c.active ? `只对${region.name}及其下级区域生效，其他地区不受影响；已有问题不受影响。` : `只对${region.name}及其下级区域生效。`
          }
          okText={c.active ? '本辖区停用' : '本辖区启用'}
          okButtonProps={{ danger: c.active }}
          cancelText="取消"
          onConfirm={() => toggleHere(c)}
        >
          <Button
            type="link"
            size="small"
            danger={c.active}
            style={{ paddingInline: 4 }}
            aria-label={`在本辖区${c.active ? '停用' : '启用'}${c.name}（${c.code}）`}
          >
            {c.active ? '本辖区停用' : '本辖区启用'}
          </Button>
        </Popconfirm>
        {c.activeSetting.version !== null && !c.activeSetting.inherited && (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 4 }}
            aria-label={`${c.name}（${c.code}）恢复继承`}
            onClick={() => resetHere(c)}
          >
            恢复继承
          </Button>
        )}
      </>
    );
  const actions = (c: Row) =>
    (can(c, 'update') || can(c, 'toggle') || can(c, 'addMinor')) && (
      <Space size={0} orientation={isPhone ? 'vertical' : 'horizontal'} align="start">
        {!can(c, 'update') && regionActions(c)}
        {can(c, 'addMinor') && (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 4 }}
            aria-label={`在${c.name}（${c.code}）下新增小类`}
            onClick={() => setTarget({ mode: 'create', parent: c })}
          >
            新增小类
          </Button>
        )}
        {can(c, 'update') && (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 4 }}
            aria-label={`重命名${c.name}（${c.code}）`}
            onClick={() => setTarget({ mode: 'rename', category: c })}
          >
            重命名
          </Button>
        )}
        {can(c, 'update') && (
          <Popconfirm
            title={`${c.active ? '停用' : '启用'}类别「${c.name}」`}
            description={
              c.active
                ? c.parentCode
                  ? '停用后上报问题时不能再选择此类别，已有问题不受影响。'
                  : '停用后此大类及其下所有小类一并停用，不再出现在类别选择中；已有问题不受影响。'
                : c.parentCode
                  ? '启用后可在上报问题和派遣规则中再次选择。'
                  : '启用后此大类可再次选择；其下小类需分别启用。'
            }
            okText={c.active ? '停用' : '启用'}
            okButtonProps={{ danger: c.active }}
            cancelText="取消"
            onConfirm={() => toggle(c)}
          >
            <Button
              type="link"
              size="small"
              danger={c.active}
              style={{ paddingInline: 4 }}
              aria-label={`${c.active ? '停用' : '启用'}${c.name}（${c.code}）`}
            >
              {c.active ? '停用' : '启用'}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );

  const columns: TableColumnsType<Row> = isPhone
    ? [
        {
          title: '类别',
          key: 'name',
          render: (_, c) => (
            <div style={{ display: 'inline-flex', flexDirection: 'column', gap: 2, verticalAlign: 'top' }}>
              {nameText(c)}
              <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.code}
                </Typography.Text>
                {!c.parentCode && kindTag(c.kind)}
                {!c.active && statusTag(false)}
              </span>
            </div>
          ),
        },
        ...(canEdit ? [{ title: '操作', key: 'actions', width: 84, render: (_: unknown, c: Row) => actions(c) }] : []),
      ]
    : [
        { title: '类别名称', key: 'name', render: (_, c) => nameText(c) },
        { title: '编码', dataIndex: 'code', width: 90 },
        { title: '来源', key: 'source', width: 120, render: (_, c) => sourceText(c) },
        { title: '类型', key: 'kind', width: 100, render: (_, c) => (c.parentCode ? null : kindTag(c.kind)) },
        {
          title: '状态',
          key: 'active',
          width: 130,
          render: (_, c) => (
            <Space size={4}>
              {statusTag(c.active)}
              {settingText(c)}
            </Space>
          ),
        },
        ...(canEdit ? [{ title: '操作', key: 'actions', width: 220, render: (_: unknown, c: Row) => actions(c) }] : []),
      ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}>
        <Input.Search
          aria-label="搜索问题类别"
          placeholder="类别名称或编码"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ flex: '1 1 160px', maxWidth: 240 }}
        />
        <Select<StatusFilter>
          aria-label="状态"
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: '全部状态' },
            { value: 'active', label: '启用' },
            { value: 'inactive', label: '已停用' },
          ]}
          style={{ width: 104 }}
        />
        <Segmented<KindFilter>
          aria-label="类型"
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: '全部' },
            ...PROBLEM_CATEGORY_KINDS.map((k) => ({ value: k, label: PROBLEM_CATEGORY_KIND_LABELS[k] })),
          ]}
        />
      </div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {region ? `当前区域：${region.name}。` : ''}依据 GB/T 30428
        的部件、事件分类，另加创建专用类别；全国统一类别可在本辖区停用，本地新增的类别只在本区域及下级区域可见。共 {majors} 个大类、
        {items.length - majors} 个小类{inactive ? `，已停用 ${inactive} 个` : ''}。
        {canEdit ? '类别编码保存后不能修改；不再使用的类别请停用，已有问题不受影响。' : ' 仅创建办可以修改。'}
      </Typography.Paragraph>
      <Table
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={categories.isLoading}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpand: (open, r) => setExpanded((keys) => (open ? [...keys, r.code] : keys.filter((k) => k !== r.code))),
        }}
        locale={{ emptyText: text.trim() ? `没有名称或编码包含「${text.trim()}」的类别` : '暂无类别' }}
        scroll={{ x: 'max-content' }}
        pagination={false}
      />
      <CategoryFormModal
        target={target}
        all={items}
        onClose={() => setTarget(null)}
        onCreated={(parentCode) => setExpanded((keys) => (keys.includes(parentCode) ? keys : [...keys, parentCode]))}
      />
    </>
  );
}
