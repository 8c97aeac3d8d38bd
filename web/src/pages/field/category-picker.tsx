/**
 * The category: first a row of chips with the most used ones — this person's most reported over the last 90 days,
 * then their area's (GET /api/problem-categories/frequent), topped up with the ones used last on this phone (which is
 * all there is with no signal) — then search (AutoComplete over the minor categories).
 */
import { StarOutlined } from '@ant-design/icons';
import { AutoComplete, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useFrequentCategories, type ProblemCategory } from '../../api/problems';

const RECENT_KEY = 'cc.recentCategories';
const RECENT_MAX = 5;
/** How many chips: one or two rows on a phone. */
const CHIPS_MAX = 6;

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
  const frequent = useFrequentCategories();
  // recentVersion: re-read localStorage after each submit. Server's order first (mine, then the area's), then this
  // phone's recent ones; only categories usable here (the list above is this region's active tree).
  const chips = useMemo(() => {
    const codes = [...(frequent.data?.items.map((c) => c.code) ?? []), ...(recentVersion >= 0 ? readRecent() : [])];
    return [...new Set(codes)]
      .map((c) => byCode.get(c))
      .filter((c): c is ProblemCategory => !!c)
      .slice(0, CHIPS_MAX);
  }, [byCode, frequent.data, recentVersion]);

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
      {chips.length > 0 && (
        <div
          role="group"
          aria-label="常用类别"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8, alignItems: 'center' }}
        >
          <StarOutlined aria-hidden style={{ color: 'rgba(0,0,0,.45)' }} />
          {chips.map((c) => (
            <Tag.CheckableTag
              key={c.code}
              checked={value?.code === c.code}
              onChange={() => choose(value?.code === c.code ? null : c)}
              style={{
                minHeight: 44,
                display: 'inline-flex',
                alignItems: 'center',
                padding: '0 14px',
                fontSize: 15,
                border: '1px solid #d9d9d9',
                borderRadius: 22,
                marginInlineEnd: 0,
              }}
            >
              {c.name}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
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
        placeholder={chips.length ? '或搜索类别，如：占道、垃圾、井盖' : '搜索类别，如：占道、垃圾、井盖'}
        allowClear
        onClear={() => choose(null)}
        size="large"
        style={{ width: '100%' }}
        popupMatchSelectWidth
      />
    </div>
  );
}
