/** 审计锚点: the newest signed chain head kept outside the database, and whether the database still matches it. */
import { Tag, Tooltip, Typography } from 'antd';
import { useAuditAnchor } from '../../api/audit';

/** One line under the page title: 最新锚点 第 N 条 · time · 一致/不符. */
export function AnchorStatusLine() {
  const { data } = useAuditAnchor();
  if (!data) return null;
  if (!data.anchor) return <Typography.Text type="secondary">审计锚点：{data.reason}</Typography.Text>;
  const time = new Date(data.anchor.anchoredAt).toLocaleString('zh-CN', { hour12: false });
  return (
    <Typography.Text type="secondary">
      最新审计锚点：第 {data.anchor.seq} 条，{time}，
      <Tooltip title={`${data.file ?? ''} · 哈希 ${data.anchor.hash}`}>
        <Typography.Text code>{data.anchor.hash.slice(0, 12)}…</Typography.Text>
      </Tooltip>{' '}
      {data.ok ? <Tag color="success">与数据库一致</Tag> : <Tag color="error">{data.reason ?? '与数据库不符'}</Tag>}
    </Typography.Text>
  );
}
