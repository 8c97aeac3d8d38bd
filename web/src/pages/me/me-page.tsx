/** 个人中心: profile, change password, SMS notices, personal API tokens; for the 三员, the 三员变更审批 list. */
import { Card, Col, Row } from 'antd';
import { hasPermission, useSession } from '../../api/auth';
import { ChangePasswordForm } from '../../components/change-password-form';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { PendingChangesCard } from '../users/pending-changes-card';
import { ApiTokensCard } from './api-tokens-card';
import { ProfileCard } from './profile-card';
import { SmsNoticesCard } from './sms-notices-card';

/** Personal centre. */
export default function MePage() {
  const { data: session } = useSession();
  if (!session) return null;
  return (
    <>
      <PageTitle title="个人中心" />
      <Row gutter={[16, 16]}>
        {/* The 系统管理员 and 审计管理员 approve 三员 account changes here (they have no users page). */}
        {hasPermission(session, 'users.reviewPrivileged') && !hasPermission(session, 'users.list') && (
          <Col span={24}>
            <PendingChangesCard />
          </Col>
        )}
        <Col xs={24} xl={12}>
          <ProfileCard session={session} />
        </Col>
        <Col xs={24} xl={12}>
          <Card title="修改密码" variant="borderless">
            <ChangePasswordForm username={session.user.username} onDone={() => notifySuccess('密码已修改')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <SmsNoticesCard />
        </Col>
        <Col span={24}>
          <ApiTokensCard />
        </Col>
      </Row>
    </>
  );
}
