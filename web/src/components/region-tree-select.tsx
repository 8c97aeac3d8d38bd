/** Pick a region from the visible region tree. */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useRegionTree, type RegionNode } from '../api/regions';
import type { Id } from '../api/types';

interface TreeOption {
  value: Id;
  title: string;
  children?: TreeOption[];
}

function toOptions(nodes: RegionNode[]): TreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    children: node.children?.length ? toOptions(node.children) : undefined,
  }));
}

interface Props {
  value?: Id | null;
  onChange?: (value: Id | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  disabled?: boolean;
  'aria-label'?: string;
  id?: string;
}

/** Region picker (TreeSelect) with search. */
export function RegionTreeSelect({ value, onChange, placeholder = '选择区域', allowClear = true, style, id, disabled, ...rest }: Props) {
  const tree = useRegionTree();
  const treeData = useMemo(() => toOptions(tree.data?.items ?? []), [tree.data]);
  const known = useMemo(() => {
    const ids = new Map<string, Id>();
    const walk = (nodes: TreeOption[]) => nodes.forEach((n) => (ids.set(String(n.value), n.value), walk(n.children ?? [])));
    walk(treeData);
    return ids;
  }, [treeData]);
  const current = value === null || value === undefined ? undefined : (known.get(String(value)) ?? value);
  return (
    <TreeSelect
      id={id}
      disabled={disabled}
      aria-label={rest['aria-label']}
      value={current}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={tree.isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll={false}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
