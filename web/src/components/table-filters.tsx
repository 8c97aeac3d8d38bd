/**
 * A list page's filter controls bound to its URL state (use-table-state.ts): a choice that clears, and a search box.
 * Each names itself for screen readers by its label; a change goes back to page 1.
 */
import { Input, Select } from 'antd';

interface FilterState<F extends string> {
  filters: Record<F, string | undefined>;
  setFilters: (patch: Partial<Record<F, string | undefined>>) => void;
}

export function FilterSelect<F extends string>({
  table,
  name,
  label,
  placeholder = label,
  width,
  options,
}: {
  table: FilterState<F>;
  name: F;
  /** What a screen reader says (筛选状态); shown as the placeholder unless `placeholder` is given (状态). */
  label: string;
  placeholder?: string;
  width: number;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      aria-label={label}
      style={{ width }}
      value={table.filters[name]}
      onChange={(v: string | undefined) => table.setFilters({ [name]: v } as Partial<Record<F, string | undefined>>)}
      options={options}
    />
  );
}

export function FilterSearch<F extends string>({
  table,
  name,
  placeholder,
  label,
  width = 200,
}: {
  table: FilterState<F>;
  name: F;
  placeholder: string;
  label: string;
  width?: number;
}) {
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      aria-label={label}
      defaultValue={table.filters[name]}
      onSearch={(v) => table.setFilters({ [name]: v || undefined } as Partial<Record<F, string | undefined>>)}
      style={{ width }}
    />
  );
}
