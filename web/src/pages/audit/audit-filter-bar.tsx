/** Audit filters: free text, actor, action, subject type (every type the trail records), subject id, date range. */
import { AutoComplete, Button, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { AUDIT_ACTION_LABELS, SUBJECT_TYPE_LABELS } from './audit-labels';

export const AUDIT_FILTER_KEYS = ['q', 'actor', 'action', 'subjectType', 'subjectId', 'from', 'to'] as const;
type Filters = Record<(typeof AUDIT_FILTER_KEYS)[number], string | undefined>;

const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
const SUBJECT_OPTIONS = Object.entries(SUBJECT_TYPE_LABELS).map(([value, label]) => ({ value, label }));

/** A text filter applied on Enter or blur. */
function TextFilter({ label, value, onApply, width }: { label: string; value?: string; onApply: (v?: string) => void; width: number }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const apply = () => (text.trim() || undefined) !== value && onApply(text.trim() || undefined);
  return (
    <Input
      aria-label={label}
      placeholder={label}
      allowClear
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onApply(undefined);
      }}
      onPressEnter={apply}
      onBlur={apply}
      style={{ width }}
    />
  );
}

/** Filter bar; dates are sent as the start of the first day and the start of the day after the last. */
export function AuditFilterBar({
  filters,
  onChange,
  onReset,
}: {
  filters: Filters;
  onChange: (p: Partial<Filters>) => void;
  onReset: () => void;
}) {
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null =
    filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to).subtract(1, 'day')] : null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
      <TextFilter label="搜索（如 暗访、姓名、单位）" value={filters.q} onApply={(q) => onChange({ q })} width={220} />
      <TextFilter label="操作人" value={filters.actor} onApply={(actor) => onChange({ actor })} width={140} />
      <AutoComplete
        aria-label="操作"
        placeholder="操作（可输入前缀，如 user.）"
        allowClear
        value={filters.action}
        options={ACTION_OPTIONS}
        showSearch={{ filterOption: (input, option) => !!option && `${option.value}${option.label}`.includes(input) }}
        onSelect={(action: string) => onChange({ action })}
        onChange={(v: string) => !v && onChange({ action: undefined })}
        onBlur={(e) => {
          const v = (e.target as HTMLInputElement).value?.trim();
          if (v !== (filters.action ?? '')) onChange({ action: v || undefined });
        }}
        style={{ width: 220 }}
      />
      <Select
        aria-label="对象类型"
        placeholder="对象类型"
        allowClear
        value={filters.subjectType}
        options={SUBJECT_OPTIONS}
        onChange={(subjectType) => onChange({ subjectType })}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 150 }}
      />
      <TextFilter label="对象编号" value={filters.subjectId} onApply={(subjectId) => onChange({ subjectId })} width={200} />
      <DatePicker.RangePicker
        aria-label="时间范围"
        value={range}
        onChange={(dates) =>
          onChange({
            from: dates?.[0] ? dates[0].startOf('day').toISOString() : undefined,
            to: dates?.[1] ? dates[1].add(1, 'day').startOf('day').toISOString() : undefined,
          })
        }
        style={{ width: 260, maxWidth: '100%' }}
      />
      <Button onClick={onReset}>重置</Button>
    </div>
  );
}
