/** Big touch targets for a choice: one full-width button per option (radio or checkbox semantics). */
import { CheckOutlined } from '@ant-design/icons';
import type { CSSProperties } from 'react';

interface Option {
  value: string;
  label: string;
}

const base: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'space-between',
  gap: 8,
  width: '100%',
  minHeight: 48,
  padding: '10px 14px',
  marginBottom: 8,
  border: '1px solid #d9d9d9',
  borderRadius: 8,
  background: '#fff',
  fontSize: 16,
  textAlign: 'left',
  cursor: 'pointer',
  color: 'inherit',
};
const on: CSSProperties = { ...base, borderColor: '#1677ff', background: '#e6f4ff', color: '#0958d9', fontWeight: 500 };

/** One choice (role radiogroup); `columns` lays short options side by side. */
export function SingleChoice(props: {
  label: string;
  options: Option[];
  value: string | undefined;
  onChange: (v: string) => void;
  columns?: number;
}) {
  const { label, options, value, onChange, columns = 1 } = props;
  return (
    <div
      role="radiogroup"
      aria-label={label}
      style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, columnGap: 8 }}
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          style={value === o.value ? on : base}
          onClick={() => onChange(o.value)}
        >
          <span>{o.label}</span>
          {value === o.value && <CheckOutlined aria-hidden />}
        </button>
      ))}
    </div>
  );
}

/** Several choices (role group of checkboxes). */
export function MultipleChoice(props: { label: string; options: Option[]; value: string[]; onChange: (v: string[]) => void }) {
  const { label, options, value, onChange } = props;
  return (
    <div role="group" aria-label={label}>
      {options.map((o) => {
        const checked = value.includes(o.value);
        return (
          <button
            key={o.value}
            type="button"
            role="checkbox"
            aria-checked={checked}
            style={checked ? on : base}
            onClick={() => onChange(checked ? value.filter((v) => v !== o.value) : [...value, o.value])}
          >
            <span>{o.label}</span>
            {checked && <CheckOutlined aria-hidden />}
          </button>
        );
      })}
    </div>
  );
}
