/** 上报问题 (phone-first): photo → category → 提交; reports wait on the phone when offline and send themselves later. */
import { DisconnectOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useSession } from '../../api/auth';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { MyReports } from './my-reports';
import { OutboxList } from './outbox-list';
import { ReportForm } from './report-form';
import { useOnline, useOutbox } from './use-device';

/** Field page. */
export default function FieldPage() {
  const { data: session } = useSession();
  const online = useOnline();
  const userId = session ? String(session.user.id) : null;
  const outbox = useOutbox(userId);
  if (!session || !userId) return <PageLoading />;

  return (
    // overflowAnchor none: the 待发送 list appears above the form while the page scrolls back to the top after a
    // submit; with scroll anchoring Chrome would shift the scroll to keep the form in place and stop short of the top.
    <div style={{ maxWidth: 600, margin: '0 auto', overflowAnchor: 'none' }}>
      {!online && (
        <Alert
          type="warning"
          showIcon
          icon={<DisconnectOutlined aria-hidden />}
          role="status"
          style={{ marginBottom: 12 }}
          title="网络已断开"
          description="可以继续上报，问题会先保存在本机，联网后自动发送。"
        />
      )}
      {outbox.storageError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title="本机存储不可用，离线上报无法保存，请检查浏览器设置" />
      )}
      {/* Waiting and failed reports first: after 提交 the page returns to the top and shows them here. */}
      <OutboxList reports={outbox.reports} sending={outbox.sending} online={online} userId={userId} />
      <PageTitle title="上报问题" subTitle="拍照、选类别、提交，三步完成" />
      <ReportForm session={session} online={online} />
      <MyReports />
    </div>
  );
}
