/** 派遣规则: which unit the office is advised to dispatch a category of problem to, in a region. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Grid, Table, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { categoryTree } from '../../api/problems';
import { useAllProblemCategories, useDeleteDispatchRule, useDispatchRules, type DispatchRule } from '../../api/problem-settings';
import { useRegionTree, type RegionNode } from '../../api/regions';
import { ConfirmDelete } from '../../components/confirm-delete';
import { notifySuccess } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { DispatchRuleModal } from './dispatch-rule-modal';

/** The order the dispatch dialog follows, stated once. */
export const SUGGESTION_ORDER = '点位包保单位 → 派遣规则 → 所在乡镇（街道）';

/** Every region id under (and including) each region. */
function subtrees(nodes: RegionNode[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (node: RegionNode): Set<string> => {
    const ids = new Set<string>([String(node.id)]);
    for (const child of node.children ?? []) walk(child).forEach((id) => ids.add(id));
    out.set(String(node.id), ids);
    return ids;
  };
  nodes.forEach(walk);
  return out;
}

/** What a rule says, in one line (used by the delete confirmation). */
export function describeRule(r: Pick<DispatchRule, 'categoryName' | 'categoryCode' | 'regionName' | 'regionId' | 'unitName'>): string {
  const category = r.categoryCode ? (r.categoryName ?? r.categoryCode) : '全部类别';
  const region = r.regionId ? (r.regionName ?? '') : '全部区域';
  return `${category} · ${region} → ${r.unitName}`;
}

function EmptyRules({ filtered }: { filtered: boolean }) {
  if (filtered) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合筛选条件的派遣规则" />;
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div style={{ maxWidth: 520, margin: '0 auto' }}>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            还没有派遣规则
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            派遣问题时，系统按以下顺序建议责任单位：{SUGGESTION_ORDER}。问题关联点位时先用点位的包保单位； 否则按这里的规则（问题类别 ×
            区域）匹配；都没有时建议问题所在的乡镇（街道）。
          </Typography.Paragraph>
        </div>
      }
    />
  );
}

/** The rules list with filters, add and delete (shown to holders of problems.manageRules only). */
export function DispatchRulesTab() {
  const rules = useDispatchRules();
  const categories = useAllProblemCategories();
  const regions = useRegionTree();
  const remove = useDeleteDispatchRule();
  const [categoryCode, setCategoryCode] = useState<string>();
  const [regionId, setRegionId] = useState<string>();
  const [adding, setAdding] = useState(false);
  const isPhone = Grid.useBreakpoint().md === false;

  const allCategories = useMemo(() => categories.data?.items ?? [], [categories.data]);
  const tree = useMemo(() => categoryTree(allCategories.filter((c) => c.active)), [allCategories]);
  const parentOf = useMemo(() => new Map(allCategories.map((c) => [c.code, c.parentCode])), [allCategories]);
  const regionSubtrees = useMemo(() => subtrees(regions.data?.items ?? []), [regions.data]);

  const items = rules.data?.items ?? [];
  const shown = items.filter((r) => {
    if (categoryCode && r.categoryCode !== categoryCode && (!r.categoryCode || parentOf.get(r.categoryCode) !== categoryCode)) return false;
    if (regionId && !(r.regionId && (regionSubtrees.get(regionId)?.has(r.regionId) ?? r.regionId === regionId))) return false;
    return true;
  });
  const filtered = !!categoryCode || !!regionId;

  const categoryCell = (r: DispatchRule) =>
    r.categoryCode ? (
      <span>
        {r.categoryName ?? r.categoryCode}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.categoryCode}
          {parentOf.get(r.categoryCode) === null ? ' · 整个大类' : ''}
        </Typography.Text>
      </span>
    ) : (
      <Typography.Text type="secondary">全部类别</Typography.Text>
    );
  const regionCell = (r: DispatchRule) => (
    <span>
      {r.regionId ? (r.regionName ?? '—') : <Typography.Text type="secondary">全部区域（全国默认）</Typography.Text>}
      {r.inherited && (
        <Tag style={{ marginInlineStart: 6 }} title="由上级区域设置，本级沿用、不能删除">
          上级设置
        </Tag>
      )}
    </span>
  );
  const deleteCell = (r: DispatchRule) =>
    r.abilities.delete && (
      <ConfirmDelete
        subject={`派遣规则「${describeRule(r)}」`}
        description="删除后派遣时不再按此规则建议责任单位，确定吗？"
        onConfirm={() => remove.mutateAsync(r.id).then(() => notifySuccess('派遣规则已删除'))}
      />
    );

  const columns: TableColumnsType<DispatchRule> = isPhone
    ? [
        {
          title: '规则',
          key: 'rule',
          render: (_, r) => (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
              <div>
                {categoryCell(r)}
                <Typography.Text type="secondary"> · </Typography.Text>
                {regionCell(r)}
              </div>
              <Typography.Text strong>→ {r.unitName}</Typography.Text>
              {r.note && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.note}
                </Typography.Text>
              )}
            </div>
          ),
        },
        { title: '操作', key: 'actions', width: 56, render: (_, r) => deleteCell(r) },
      ]
    : [
        { title: '问题类别', key: 'category', render: (_, r) => categoryCell(r) },
        { title: '区域', key: 'region', render: (_, r) => regionCell(r) },
        { title: '责任单位', dataIndex: 'unitName' },
        { title: '备注', dataIndex: 'note', render: (v: string | null) => v || <Typography.Text type="secondary">—</Typography.Text> },
        { title: '操作', key: 'actions', width: 70, render: (_, r) => deleteCell(r) },
      ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, flex: '1 1 300px' }}>
          <TreeSelect
            aria-label="筛选问题类别"
            placeholder="问题类别"
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            value={categoryCode}
            onChange={(v?: string) => setCategoryCode(v)}
            treeData={tree}
            loading={categories.isLoading}
            popupMatchSelectWidth={false}
            style={{ flex: '1 1 140px', maxWidth: 200 }}
          />
          <RegionTreeSelect
            aria-label="筛选区域"
            placeholder="区域"
            value={regionId}
            onChange={(v) => setRegionId(v === undefined ? undefined : String(v))}
            style={{ flex: '1 1 140px', maxWidth: 200 }}
          />
          {filtered && (
            <Button
              onClick={() => {
                setCategoryCode(undefined);
                setRegionId(undefined);
              }}
            >
              重置
            </Button>
          )}
        </div>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
          新增规则
        </Button>
      </div>
      {items.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          派遣时建议责任单位的顺序：{SUGGESTION_ORDER}。规则之间：指定类别的优先于只限区域的，小类优先于整个大类，区域越具体越优先。
        </Typography.Paragraph>
      )}
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        loading={rules.isLoading}
        locale={{ emptyText: <EmptyRules filtered={filtered} /> }}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
      />
      <DispatchRuleModal open={adding} rules={items} categoryTree={tree} onClose={() => setAdding(false)} />
    </>
  );
}
