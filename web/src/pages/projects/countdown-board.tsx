/**
 * 交账倒计时: every project as a row with a big countdown number — red when overdue (or due today), orange within 30
 * days — sorted by days to hand-over (the soonest first; projects already handed over go last). A row opens the
 * project.
 */
import { Empty, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Project } from '../../api/projects';
import { countdownOf, currentMilestoneLabel, statusColor, statusLabel, typeLabel } from './project-format';

/** The board's order: open projects by days to hand-over, then those handed over. */
export function byCountdown(a: Project, b: Project): number {
  const doneA = a.status === 'done' ? 1 : 0;
  const doneB = b.status === 'done' ? 1 : 0;
  return doneA - doneB || a.daysToHandover - b.daysToHandover || a.name.localeCompare(b.name, 'zh-CN');
}

export function CountdownBoard({ projects }: { projects: Project[] }) {
  const sorted = [...projects].sort(byCountdown);
  if (!sorted.length) return <Empty description="暂无项目" style={{ padding: '32px 0' }} />;
  return (
    <ol aria-label="交账倒计时" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
      {sorted.map((p) => {
        const c = countdownOf(p);
        return (
          <li
            key={p.id}
            className="cc-countdown-item"
            data-days={p.status === 'done' ? '' : p.daysToHandover}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              padding: '8px 12px',
              borderRadius: 8,
              background: '#fff',
              border: '1px solid #f0f0f0',
              borderInlineStart: `4px solid ${c.color}`,
              minWidth: 0,
            }}
          >
            <div style={{ width: 72, flex: 'none', textAlign: 'center', color: c.color }} aria-label={c.text}>
              <div
                aria-hidden
                style={{ fontSize: c.days === null ? 18 : 32, fontWeight: 700, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums' }}
              >
                {c.days === null ? '✓' : c.days}
              </div>
              <div aria-hidden style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {c.caption}
              </div>
            </div>
            <div style={{ minWidth: 0, flex: 1 }}>
              <Link to={`/projects/${p.id}`} style={{ fontWeight: 600, fontSize: 15, wordBreak: 'break-all' }}>
                {p.name}
              </Link>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center', marginTop: 2 }}>
                <Tag style={{ marginInlineEnd: 0 }}>{typeLabel(p)}</Tag>
                <Tag color={statusColor(p)} style={{ marginInlineEnd: 0 }}>
                  {statusLabel(p)}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {currentMilestoneLabel(p)}
                </Typography.Text>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} ellipsis>
                {p.ownerUnit.name} · 交账 {p.handoverDate}
              </Typography.Text>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
