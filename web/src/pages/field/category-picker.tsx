/** Category by search (AutoComplete over the minor categories) with the last five used as quick chips. */
import { HistoryOutlined } from '@ant-design/icons';
import { AutoComplete, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ProblemCategory } from '../../api/problems';

const RECENT_KEY = 'cc.recentCategories';
const RECENT_MAX = 5;

/** Codes of the categories used last, newest first. */
export function readRecent(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** Put a category first in the recent list. */
export function rememberCategory(code: string): void {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify([code, ...readRecent().filter((c) => c !== code)].slice(0, RECENT_MAX)));
  } catch {
    // No storage: the chips just do not appear.
  }
}

interface Props {
  categories: ProblemCategory[];
  value: ProblemCategory | null;
  onChange: (category: ProblemCategory | null) => void;
  /** Bumped after a submit so the chips re-read the recent list. */
  recentVersion: number;
}

/** The picker. */
export function CategoryPicker({ categories, value, onChange, recentVersion }: Props) {
  const [text, setText] = useState('');
  const majors = useMemo(() => new Map(categories.filter((c) => !c.parentCode).map((c) => [c.code, c.name])), [categories]);
  const minors = useMemo(() => categories.filter((c) => c.parentCode), [categories]);
  const byCode = useMemo(() => new Map(minors.map((c) => [c.code, c])), [minors]);
  // recentVersion: re-read localStorage after each submit.
  const recent = useMemo(
    () => (recentVersion >= 0 ? readRecent() : []).map((c) => byCode.get(c)).filter((c): c is ProblemCategory => !!c),
    [byCode, recentVersion],
  );

  const query = text.trim();
  const options = useMemo(() => {
    const matches = query
      ? minors.filter(
          (c) =>
            c.name.includes(query) ||
            c.code.toLowerCase().includes(query.toLowerCase()) ||
            (majors.get(c.parentCode!) ?? '').includes(query),
        )
      : minors;
    return matches.slice(0, 50).map((c) => ({
      value: c.code,
      label: (
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <span>{c.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {majors.get(c.parentCode!)}
          </Typography.Text>
        </div>
      ),
    }));
  }, [query, minors, majors]);

  const choose = (c: ProblemCategory | null) => {
    onChange(c);
    setText('');
  };

  return (
    <div>
      <AutoComplete
        id="field_category"
        aria-label="问题类别"
        value={value ? value.name : text}
        options={options}
        onSearch={(t) => {
          setText(t);
          if (value) onChange(null);
        }}
        onChange={(t) => {
          if (!byCode.has(t)) setText(t);
        }}
        onSelect={(code) => choose(byCode.get(String(code)) ?? null)}
        placeholder="搜索类别，如：占道、垃圾、井盖"
        allowClear
        onClear={() => choose(null)}
        size="large"
        style={{ width: '100%' }}
        popupMatchSelectWidth
      />
      {recent.length > 0 && (
        <div
          role="group"
          aria-label="最近使用的类别"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 8, alignItems: 'center' }}
        >
          <HistoryOutlined aria-hidden style={{ color: 'rgba(0,0,0,.45)' }} />
          {recent.map((c) => (
            <Tag.CheckableTag
              key={c.code}
              checked={value?.code === c.code}
              onChange={() => choose(value?.code === c.code ? null : c)}
              style={{ padding: '4px 10px', fontSize: 14, border: '1px solid #d9d9d9' }}
            >
              {c.name}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
    </div>
  );
}
