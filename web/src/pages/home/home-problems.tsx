/** A short list of problems on the home page: each row opens the problem; the card links to the full list. */
import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { HomeProblem } from '../../api/home';
import { deadlineStatus, OverdueTag, ProblemStateTag, useNow } from '../../components/problem-tags';

const TONE = { danger: '#cf1322', warning: '#d46b08' } as const;

/** 剩余 2天3小时 / 已超期 5小时 in the line's own size; 待派遣 before dispatch. */
function Clock({ problem: p }: { problem: HomeProblem }) {
  const now = useNow();
  const status = deadlineStatus(p.deadline, p.state, now);
  if (!p.deadline) return <>待派遣</>;
  if (!status) return <>时限 {dayjs(p.deadline).format('M月D日 HH:mm')}</>;
  return (
    <span style={{ color: status.tone ? TONE[status.tone] : undefined, fontWeight: status.overdue ? 600 : undefined }}>{status.text}</span>
  );
}

/** What the row's second line names besides the clock: the unit, the site (and unit), nothing, or the report time. */
type Show = 'unit' | 'site' | 'deadline' | 'created';

/** One problem as a tappable row: code, state, what it is, where and its clock. */
export function HomeProblemRow({ problem: p, show }: { problem: HomeProblem; show: Show }) {
  const where = show === 'unit' ? p.unitName : show === 'site' ? [p.siteName, p.unitName].filter(Boolean).join(' · ') : null;
  return (
    <li style={{ listStyle: 'none', borderTop: '1px solid #f5f5f5' }}>
      <Link
        to={`/problems/${p.id}`}
        aria-label={`问题 ${p.code}`}
        style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '10px 16px', minHeight: 56, color: 'inherit' }}
      >
        <span style={{ flex: 1, minWidth: 0 }}>
          <Space size={6} wrap style={{ rowGap: 2 }}>
            <Typography.Text strong style={{ fontSize: 13 }}>
              {p.code}
            </Typography.Text>
            <ProblemStateTag state={p.state} />
            {p.overdue && <OverdueTag />}
          </Space>
          <Typography.Text style={{ display: 'block' }} ellipsis>
            {p.description}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
            {where && <>{where} · </>}
            {show === 'created' ? `上报于 ${dayjs(p.createdAt).format('M月D日 HH:mm')}` : <Clock problem={p} />}
          </Typography.Text>
        </span>
        <RightOutlined aria-hidden style={{ color: 'rgba(0,0,0,.3)', fontSize: 12 }} />
      </Link>
    </li>
  );
}

interface Props {
  title: ReactNode;
  list: { total: number; items: HomeProblem[] };
  show: Show;
  /** Where 查看全部 leads. */
  more?: string;
  empty: string;
  extra?: ReactNode;
}

/** The list in a card, with 查看全部 when there are more than shown. */
export function HomeProblems({ title, list, show, more, empty, extra }: Props) {
  const navigate = useNavigate();
  return (
    <Card
      variant="borderless"
      title={title}
      extra={
        extra ??
        (more && list.total > 0 ? (
          <Button type="link" size="small" onClick={() => navigate(more)} style={{ paddingInline: 0 }}>
            查看全部（{list.total}）
          </Button>
        ) : undefined)
      }
      styles={{ body: { padding: list.items.length ? '0 0 4px' : 16 } }}
    >
      {list.items.length ? (
        <ul aria-label={typeof title === 'string' ? title : undefined} style={{ margin: 0, padding: 0 }}>
          {list.items.map((p) => (
            <HomeProblemRow key={p.id} problem={p} show={show} />
          ))}
        </ul>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ margin: '8px 0' }} />
      )}
    </Card>
  );
}
