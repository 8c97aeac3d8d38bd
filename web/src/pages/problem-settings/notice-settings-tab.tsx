/**
 * 提醒与督办 (read-only): the deadline sweep's reminder lead time and escalation delay, and which channels carry each
 * notice kind, as they apply in the caller's region, with where each value comes from. Set by the office through
 * PUT /api/notifications/settings/regions/:regionId/thresholds; channels are data (ARCHITECTURE.md).
 */
import { ROLE_LABELS } from '@common/labels';
import { Descriptions, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useNoticeSettings, type NoticeSettings } from '../../api/notice-settings';
import { hoursAsDays } from './deadline-format';

const CHANNEL_LABELS: Record<string, string> = { in_app: '站内通知', sms: '短信', webhook: '外部推送' };

type Channel = NoticeSettings['channels'][number];

const source = (inherited: boolean, regionId: string | null) =>
  regionId === null ? <Tag>平台默认</Tag> : inherited ? <Tag color="blue">继承上级</Tag> : <Tag color="green">本级设置</Tag>;

/** The tab body. */
export function NoticeSettingsTab() {
  const { data, isLoading } = useNoticeSettings();
  const columns: TableColumnsType<Channel> = [
    { title: '通知类型', dataIndex: 'kindLabel' },
    { title: '渠道', dataIndex: 'channel', render: (c: string) => CHANNEL_LABELS[c] ?? c },
    { title: '状态', dataIndex: 'enabled', render: (on: boolean) => (on ? <Tag color="green">开启</Tag> : <Tag>关闭</Tag>) },
    {
      title: '仅发给',
      dataIndex: 'roles',
      render: (roles: string[] | null) =>
        roles?.length ? roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r).join('、') : '全部收件人',
    },
    { title: '来源', key: 'source', render: (_: unknown, c: Channel) => source(c.inherited, c.regionId) },
  ];
  const t = data?.thresholds;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {data?.region ? `当前区域：${data.region.name}。` : ''}
        到期前提醒责任单位，超期发督办单，督办后仍未整改则升级督办至结对领导。通知在业务提交成功后发出，事务失败不发任何通知。
      </Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={
          t
            ? [
                {
                  key: 'remind',
                  label: '到期前提醒',
                  children: (
                    <>
                      {hoursAsDays(t.remindBeforeHours)} {source(t.inherited, t.regionId)}
                    </>
                  ),
                },
                {
                  key: 'escalate',
                  label: '督办后升级',
                  children: (
                    <>
                      {hoursAsDays(t.escalateAfterHours)} {source(t.inherited, t.regionId)}
                    </>
                  ),
                },
              ]
            : []
        }
      />
      <Table<Channel>
        style={{ marginTop: 16 }}
        size="small"
        rowKey={(c) => `${c.kind}:${c.channel}`}
        loading={isLoading}
        columns={columns}
        dataSource={data?.channels ?? []}
        pagination={false}
      />
    </>
  );
}
