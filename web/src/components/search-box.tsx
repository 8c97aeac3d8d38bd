/** A search input whose text follows the URL filter (so 重置 clears it) and applies on Enter or the button. */
import { Input } from 'antd';
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  placeholder: string;
  value?: string;
  onSearch: (value: string | undefined) => void;
  width?: number;
}

/** Search box for list pages. */
export function SearchBox({ label, placeholder, value, onSearch, width = 240 }: Props) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      aria-label={label}
      placeholder={placeholder}
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onSearch(v.trim() || undefined)}
      style={{ width, maxWidth: '100%' }}
    />
  );
}
