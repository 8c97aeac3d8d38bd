/** The version's tree: 测评项目 (collapsible) → 测评内容 (heading) → standards table; filtered on the client. */
import { Collapse, Empty, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { StandardItem, VersionTree } from '../../api/standards';
import { StandardsTable } from './standards-table';

export interface TreeFilter {
  method?: string;
  siteType?: string;
  search?: string;
  negative?: string;
}

function matches(f: TreeFilter) {
  const q = f.search?.trim().toLowerCase();
  return (s: StandardItem['children'][number]['standards'][number]) =>
    (!f.method || s.method === f.method) &&
    (!f.siteType || s.siteTypeCodes.includes(f.siteType)) &&
    (!f.negative || s.negative) &&
    (!q ||
      s.code.toLowerCase().includes(q) ||
      s.text.toLowerCase().includes(q) ||
      (s.leadUnitName ?? '').includes(q) ||
      s.units.some((u) => u.name.includes(q)));
}

/** Filtered tree; with a filter every matching 测评项目 opens. */
export function StandardsTree({
  tree,
  filter,
  siteTypeNames,
}: {
  tree: VersionTree;
  filter: TreeFilter;
  siteTypeNames: Map<string, string>;
}) {
  const filtering = !!(filter.method || filter.siteType || filter.search || filter.negative);
  const items = useMemo(() => {
    const keep = matches(filter);
    return tree.items
      .map((item, index) => ({
        ...item,
        number: index + 1,
        children: item.children.map((c) => ({ ...c, standards: c.standards.filter(keep) })).filter((c) => c.standards.length > 0),
      }))
      .filter((item) => item.children.length > 0);
  }, [tree, filter]);
  const shown = items.reduce((n, i) => n + i.children.reduce((m, c) => m + c.standards.length, 0), 0);

  if (!items.length)
    return <Empty description={filtering ? '没有符合条件的测评标准' : '该版本暂无测评标准'} style={{ padding: '48px 0' }} />;

  return (
    <>
      {filtering && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          符合条件的测评标准 {shown} 条（共 {tree.standards} 条）
        </Typography.Paragraph>
      )}
      <Collapse
        key={filtering ? 'filtered' : 'all'}
        defaultActiveKey={filtering ? items.map((i) => String(i.id)) : [String(items[0].id)]}
        items={items.map((item) => {
          const count = item.children.reduce((n, c) => n + c.standards.length, 0);
          const points = item.children.reduce((n, c) => n + c.standards.reduce((m, s) => m + s.points, 0), 0);
          return {
            key: String(item.id),
            label: (
              <Space wrap size={8}>
                <Typography.Text strong>
                  {item.number}. {item.name}
                </Typography.Text>
                <Tag style={{ marginInlineEnd: 0 }}>{item.children.length} 项内容</Tag>
                <Tag style={{ marginInlineEnd: 0 }}>{count} 条标准</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {Math.round(points * 100) / 100} 分
                </Typography.Text>
              </Space>
            ),
            children: item.children.map((content) => (
              <section key={String(content.id)} aria-label={content.name} style={{ marginBottom: 16 }}>
                <Typography.Title level={5} style={{ margin: '4px 0 8px', fontSize: 14 }}>
                  {content.name}
                  <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12, marginInlineStart: 8 }}>
                    {content.standards.length} 条
                  </Typography.Text>
                </Typography.Title>
                <StandardsTable standards={content.standards} siteTypeNames={siteTypeNames} />
              </section>
            )),
          };
        })}
      />
    </>
  );
}
