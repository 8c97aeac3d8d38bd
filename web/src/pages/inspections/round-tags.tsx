/** Round kind tag (暗访 in its own colour with 未发布/已发布), percentages and score colouring. */
import { ROUND_KIND_LABELS, type RoundKind } from '@common/inspections';
import { labelOf } from '@common/labels';
import { Space, Tag } from 'antd';

const KIND_COLORS: Record<RoundKind, string> = {
  routine: 'blue',
  special: 'cyan',
  covert: 'purple',
  mock: 'geekblue',
  recheck: 'orange',
};

/** 50.0% or — (rates are 0..1). */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** The kind, and for 暗访 whether it has been released. */
export function RoundKindTag({ kind, released }: { kind: RoundKind; released?: boolean }) {
  const label = labelOf(ROUND_KIND_LABELS, kind);
  if (kind !== 'covert') return <Tag color={KIND_COLORS[kind]}>{label}</Tag>;
  return (
    <Space size={4} wrap={false}>
      <Tag color={KIND_COLORS.covert} variant="solid" style={{ marginInlineEnd: 0 }}>
        {label}
      </Tag>
      {released ? <Tag color="green">已发布</Tag> : <Tag color="orange">未发布</Tag>}
    </Space>
  );
}

/** A score rate, red when below the round's threshold. */
export function ScoreRate({ value, threshold }: { value: number | null | undefined; threshold: number }) {
  if (value === null || value === undefined) return <span style={{ color: 'rgba(0,0,0,.45)' }}>—</span>;
  const low = value < threshold;
  return <span style={{ color: low ? '#cf1322' : '#389e0d', fontWeight: 500 }}>{pct(value)}</span>;
}

/** 达标 / 未达标 / 未测评. */
export function MeetsTag({ meets }: { meets: boolean | null }) {
  if (meets === null) return <Tag>未测评</Tag>;
  return meets ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>;
}
