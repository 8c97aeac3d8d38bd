/** A Select that searches a list endpoint as the user types (units, campaigns ...). */
import { Select } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id, Page } from '../api/types';

export interface RemoteOption {
  id: Id;
  name: string;
}

interface Props {
  path: string;
  resource: string;
  mode?: 'multiple';
  value?: Id | Id[] | null;
  onChange?: (value: Id | Id[] | undefined) => void;
  /** Options already known (for example the current value's names) so labels show before any search. */
  initialOptions?: RemoteOption[];
  placeholder?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
  id?: string;
  'aria-label'?: string;
}

/** Searchable remote select; shows the first 50 matches. */
export function RemoteSelect({
  path,
  resource,
  mode,
  value,
  onChange,
  initialOptions = [],
  placeholder,
  style,
  id,
  disabled,
  ...rest
}: Props) {
  const [search, setSearch] = useState('');
  // Query only once the user opens the list; labels of the current value come from initialOptions.
  const [wasOpened, setWasOpened] = useState(false);
  const deferred = useDeferredValue(search);
  const list = useQuery({
    queryKey: [resource, 'options', path, deferred],
    queryFn: () => api.get<Page<RemoteOption>>(path, { search: deferred, page: 1, pageSize: 50 }),
    staleTime: 60_000,
    enabled: wasOpened,
  });
  const options = useMemo(() => {
    const byId = new Map<string, RemoteOption>();
    for (const o of [...initialOptions, ...(list.data?.items ?? [])]) byId.set(String(o.id), o);
    return [...byId.values()].map((o) => ({ value: o.id, label: o.name }));
  }, [initialOptions, list.data]);

  return (
    <Select
      id={id}
      disabled={disabled}
      aria-label={rest['aria-label']}
      mode={mode}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={list.isFetching}
      placeholder={placeholder}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => (open ? setWasOpened(true) : setSearch(''))}
      notFoundContent={list.isFetching ? '加载中…' : '无匹配项'}
      style={style}
    />
  );
}

/** Unit picker. */
export function UnitSelect(props: Omit<Props, 'path' | 'resource'>) {
  return <RemoteSelect path="/api/units" resource="units" placeholder="选择单位" {...props} />;
}

/** Campaign picker. */
export function CampaignSelect(props: Omit<Props, 'path' | 'resource'>) {
  return <RemoteSelect path="/api/campaigns" resource="campaigns" placeholder="选择创建项目" {...props} />;
}
