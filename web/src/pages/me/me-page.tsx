/** 个人中心: profile, change password, personal API tokens. */
import { Card, Col, Row } from 'antd';
import { useSession } from '../../api/auth';
import { ChangePasswordForm } from '../../components/change-password-form';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { ApiTokensCard } from './api-tokens-card';
import { ProfileCard } from './profile-card';

/** Personal centre. */
export default function MePage() {
  const { data: session } = useSession();
  if (!session) return null;
  return (
    <>
      <PageTitle title="个人中心" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ProfileCard session={session} />
        </Col>
        <Col xs={24} xl={12}>
          <Card title="修改密码" variant="borderless">
            <ChangePasswordForm username={session.user.username} onDone={() => notifySuccess('密码已修改')} />
          </Card>
        </Col>
        <Col span={24}>
          <ApiTokensCard />
        </Col>
      </Row>
    </>
  );
}
