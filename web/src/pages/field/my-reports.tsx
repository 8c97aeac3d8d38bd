/** 我的上报: the user's latest reports from the server, each leading to its detail page. */
import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useProblems } from '../../api/problems';
import { formatTime } from '../../components/format';
import { ProblemStateTag } from '../../components/problem-tags';

/** The last ten reports. */
export function MyReports() {
  const mine = useProblems({ mine: 'true', page: 1, pageSize: 10, sort: 'createdAt', order: 'desc' });
  const items = mine.data?.items ?? [];
  return (
    <Card
      variant="borderless"
      title="我的上报"
      extra={mine.data ? <Typography.Text type="secondary">共 {mine.data.total} 条</Typography.Text> : null}
    >
      {mine.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={mine.isError ? '暂时无法加载，联网后自动刷新' : '还没有上报过问题'} />
      ) : (
        <ul aria-label="我的上报" style={{ margin: 0, padding: 0 }}>
          {items.map((p) => (
            <li key={p.id} style={{ listStyle: 'none', borderBottom: '1px solid #f5f5f5' }}>
              <Link
                to={`/problems/${p.id}`}
                aria-label={`${p.code} ${p.categoryName}`}
                style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '10px 0', color: 'inherit' }}
              >
                <span style={{ flex: 1, minWidth: 0 }}>
                  <span style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
                    <Typography.Text strong>{p.categoryName}</Typography.Text>
                    <ProblemStateTag state={p.state} />
                  </span>
                  <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                    {p.code} · {formatTime(p.createdAt)} · {p.address || p.regionName}
                  </Typography.Text>
                </span>
                <RightOutlined aria-hidden style={{ color: 'rgba(0,0,0,.3)', fontSize: 12 }} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
