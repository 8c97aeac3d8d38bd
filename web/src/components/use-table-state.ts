/** List state (page, pageSize, sort, order, filters) kept in the URL so links and reloads keep it. */
import type { TablePaginationConfig } from 'antd';
import type { SortOrder, SorterResult } from 'antd/es/table/interface';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

const PAGING_KEYS = ['page', 'pageSize', 'sort', 'order'];

/** Table state for a list page; `filterKeys` names the URL parameters that are filters. */
export function useTableState<F extends string>(filterKeys: readonly F[], defaultPageSize = 20) {
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const pageSize = Number(searchParams.get('pageSize')) || defaultPageSize;
  const sort = searchParams.get('sort') || undefined;
  const rawOrder = searchParams.get('order');
  const order: 'asc' | 'desc' | undefined = rawOrder === 'desc' || rawOrder === 'asc' ? rawOrder : undefined;

  const filters = useMemo(() => {
    const out = {} as Record<F, string | undefined>;
    for (const key of filterKeys) out[key] = searchParams.get(key) || undefined;
    return out;
  }, [searchParams, filterKeys]);

  const update = useCallback(
    (patch: Record<string, string | number | undefined>, resetPage: boolean) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (resetPage) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  /** Change filters and go back to page 1. */
  const setFilters = useCallback((patch: Partial<Record<F, string | undefined>>) => update(patch, true), [update]);

  /** Clear every filter and the sort. */
  const resetFilters = useCallback(
    () => update(Object.fromEntries([...filterKeys, ...PAGING_KEYS].map((k) => [k, undefined])), true),
    [filterKeys, update],
  );

  // Any record type: the handler reads only the column key and order.
  const onChange = (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<any> | SorterResult<any>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? String(s.columnKey ?? s.field ?? '') : undefined;
    const sortChanged = field !== sort || (s?.order === 'descend' ? 'desc' : s?.order ? 'asc' : undefined) !== order;
    update(
      {
        page: sortChanged ? undefined : pagination.current,
        pageSize: pagination.pageSize === defaultPageSize ? undefined : pagination.pageSize,
        sort: field || undefined,
        order: s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined,
      },
      false,
    );
  };

  /** The controlled sortOrder of a column. */
  const sortOrderOf = (field: string): SortOrder => (sort === field ? (order === 'desc' ? 'descend' : 'ascend') : null);

  /** antd pagination for a total. */
  const pagination = (total: number | undefined, capped = false): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (t) => (capped ? `超过 ${t} 条，请用筛选缩小范围` : `共 ${t} 条`),
    responsive: true,
  });

  return {
    params: { page, pageSize, sort, order },
    filters,
    setFilters,
    resetFilters,
    onChange,
    sortOrderOf,
    pagination,
  };
}
