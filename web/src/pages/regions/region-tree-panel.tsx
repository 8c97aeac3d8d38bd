/** The region tree with a name filter. */
import { Card, Empty, Input, Skeleton, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import type { RegionNode } from '../../api/regions';

function filterTree(nodes: RegionNode[], text: string): RegionNode[] {
  if (!text) return nodes;
  return nodes.flatMap((node) => {
    const children = filterTree(node.children ?? [], text);
    if (node.name.includes(text) || node.code.includes(text) || children.length) return [{ ...node, children }];
    return [];
  });
}

function toData(nodes: RegionNode[]): DataNode[] {
  return nodes.map((node) => ({
    key: String(node.id),
    title: node.name,
    children: node.children?.length ? toData(node.children) : undefined,
  }));
}

function allKeys(nodes: RegionNode[]): string[] {
  return nodes.flatMap((n) => [String(n.id), ...allKeys(n.children ?? [])]);
}

interface Props {
  nodes: RegionNode[];
  loading: boolean;
  selectedId?: string;
  onSelect: (id: string | undefined) => void;
}

/** Left panel of the regions page. */
export function RegionTreePanel({ nodes, loading, selectedId, onSelect }: Props) {
  const [text, setText] = useState('');
  const filtered = useMemo(() => filterTree(nodes, text.trim()), [nodes, text]);
  const data = useMemo(() => toData(filtered), [filtered]);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  // Until the user expands or collapses, open the first two levels; a filter opens every match.
  const expandedKeys = text.trim()
    ? allKeys(filtered)
    : (expanded ?? nodes.flatMap((n) => [String(n.id), ...(n.children ?? []).map((c) => String(c.id))]));

  return (
    <Card title="区划树" variant="borderless" styles={{ body: { padding: 12 } }}>
      <Input.Search
        allowClear
        placeholder="按名称或代码筛选"
        aria-label="筛选区划"
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {loading ? (
        <Skeleton active />
      ) : data.length === 0 ? (
        <Empty description={text ? '没有匹配的区划' : '暂无区划'} />
      ) : (
        <div style={{ maxHeight: 'calc(100vh - 260px)', minHeight: 120, overflow: 'auto' }}>
          <Tree
            blockNode
            treeData={data}
            selectedKeys={selectedId ? [selectedId] : []}
            expandedKeys={expandedKeys}
            onExpand={(keys) => setExpanded(keys.map(String))}
            onSelect={(keys) => onSelect(keys[0] !== undefined ? String(keys[0]) : undefined)}
          />
        </div>
      )}
    </Card>
  );
}
