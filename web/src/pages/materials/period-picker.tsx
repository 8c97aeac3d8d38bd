/** Pick a 期次: granularity (月度/季度/半年/年度) and the period itself; value is the server's code. */
import { DatePicker, Select, Space } from 'antd';
import { PERIOD_KIND_LABELS, PERIOD_KINDS, periodLabel } from '@common/period';
import { currentMonth, periodKind, periodOf, periodStart, type PeriodKind } from './period';

const KINDS = PERIOD_KINDS.map((value) => ({ value, label: PERIOD_KIND_LABELS[value] }));
const FORMATS: Record<Exclude<PeriodKind, 'half'>, string> = { month: 'YYYY年M月', quarter: 'YYYY年第Q季度', year: 'YYYY年' };

interface Props {
  value?: string;
  onChange?: (period: string) => void;
  /** Prefix of the accessible names (期次 → 期次类型, 期次). */
  label?: string;
  id?: string;
}

/** Period picker (works as a Form.Item control). */
export function PeriodPicker({ value, onChange, label = '期次', id }: Props) {
  const period = value ?? currentMonth();
  const kind = periodKind(period);
  const start = periodStart(period);
  return (
    <Space.Compact>
      <Select
        aria-label={`${label}类型`}
        value={kind}
        onChange={(k: PeriodKind) => onChange?.(periodOf(k, start))}
        options={KINDS}
        style={{ width: 84 }}
      />
      {kind === 'half' ? (
        <Select
          id={id}
          aria-label={label}
          value={period}
          onChange={(v: string) => onChange?.(v)}
          options={[start.year() - 1, start.year(), start.year() + 1].flatMap((y) => [
            { value: `${y}-H1`, label: periodLabel(`${y}-H1`) },
            { value: `${y}-H2`, label: periodLabel(`${y}-H2`) },
          ])}
          style={{ width: 140 }}
        />
      ) : (
        <DatePicker
          id={id}
          aria-label={label}
          picker={kind}
          value={start}
          format={FORMATS[kind]}
          allowClear={false}
          onChange={(d) => d && onChange?.(periodOf(kind, d))}
          style={{ width: 140 }}
        />
      )}
    </Space.Compact>
  );
}
