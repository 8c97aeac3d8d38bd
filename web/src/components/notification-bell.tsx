/** The header bell: unread count (polled), the latest notices, click → mark read and open the link; 全部已读. */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Dropdown, Empty, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  NOTIFICATION_KINDS,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
  type AppNotification,
  type NotificationKind,
} from '../api/notifications';

/** "刚刚", "5分钟前", "3小时前", else the date. */
function ago(value: string): string {
  const minutes = Math.floor((Date.now() - new Date(value).getTime()) / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}小时前`;
  return dayjs(value).format('M月D日 HH:mm');
}

function KindTag({ kind }: { kind: string }) {
  const def = NOTIFICATION_KINDS[kind as NotificationKind];
  return (
    <Tag color={def?.color} style={{ marginInlineEnd: 0, flexShrink: 0 }}>
      {def?.label ?? kind}
    </Tag>
  );
}

function NoticeRow({ notice, onOpen }: { notice: AppNotification; onOpen: (n: AppNotification) => void }) {
  return (
    <li style={{ listStyle: 'none', borderBottom: '1px solid #f0f0f0' }}>
      <button
        type="button"
        className="cc-notice-row"
        aria-label={`${notice.read ? '' : '未读 '}${notice.title}`}
        onClick={() => onOpen(notice)}
        style={{
          display: 'flex',
          gap: 8,
          width: '100%',
          padding: '10px 14px',
          border: 'none',
          background: notice.read ? 'transparent' : '#f0f7ff',
          textAlign: 'start',
          cursor: 'pointer',
          font: 'inherit',
        }}
      >
        <span
          aria-hidden
          style={{ width: 6, height: 6, marginTop: 8, borderRadius: 3, flexShrink: 0, background: notice.read ? 'transparent' : '#1677ff' }}
        />
        <span style={{ flex: 1, minWidth: 0 }}>
          <span style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
            <KindTag kind={notice.kind} />
            <Typography.Text strong={!notice.read} style={{ flex: 1, minWidth: 0 }}>
              {notice.title}
            </Typography.Text>
          </span>
          {notice.body && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', fontSize: 12 }}>
              {notice.body}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ago(notice.createdAt)}
          </Typography.Text>
        </span>
      </button>
    </li>
  );
}

/** Bell with a badge; `compact` on phones. */
export function NotificationBell({ enabled, compact }: { enabled: boolean; compact: boolean }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount(enabled);
  const list = useNotifications(enabled && open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const count = unread.data ?? 0;
  const items = list.data?.items ?? [];

  const openNotice = (n: AppNotification) => {
    setOpen(false);
    if (!n.read) markRead.mutate(n.id);
    if (n.link) navigate(n.link);
  };

  const title = `通知${count > 0 ? `（${count} 条未读）` : ''}`;
  const readAll = (
    <Button size="small" type="link" disabled={count === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
      全部已读
    </Button>
  );
  const body = list.isPending ? (
    <div style={{ padding: 32, textAlign: 'center' }}>
      <Spin aria-label="加载中" />
    </div>
  ) : items.length === 0 ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" style={{ padding: 16 }} />
  ) : (
    <ul aria-label="通知" style={{ margin: 0, padding: 0 }}>
      {items.map((n) => (
        <NoticeRow key={n.id} notice={n} onOpen={openNotice} />
      ))}
    </ul>
  );
  const trigger = (
    <Button
      type="text"
      aria-label={count > 0 ? `通知，${count} 条未读` : '通知'}
      onClick={compact ? () => setOpen(true) : undefined}
      style={{ color: '#fff', paddingInline: compact ? 6 : 10 }}
    >
      <Badge count={count} size="small" overflowCount={99} offset={[2, -2]}>
        <BellOutlined aria-hidden style={{ color: '#fff', fontSize: 18 }} />
      </Badge>
    </Button>
  );

  // Phones: a drawer from the right fits the screen; desktops: a dropdown under the bell.
  if (compact) {
    return (
      <>
        {trigger}
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="right"
          size="calc(100vw - 40px)"
          title={title}
          extra={readAll}
          styles={{ body: { padding: 0 } }}
        >
          {body}
        </Drawer>
      </>
    );
  }

  const panel = (
    <div
      role="dialog"
      aria-label={title}
      style={{ width: 380, background: '#fff', borderRadius: 8, boxShadow: '0 6px 16px rgba(0,0,0,.12), 0 3px 6px -4px rgba(0,0,0,.12)' }}
    >
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '10px 14px',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Typography.Text strong>{title}</Typography.Text>
        {readAll}
      </div>
      <div style={{ maxHeight: 420, overflow: 'auto' }}>{body}</div>
    </div>
  );

  return (
    <Dropdown trigger={['click']} open={open} onOpenChange={setOpen} popupRender={() => panel} placement="bottomRight">
      {trigger}
    </Dropdown>
  );
}
