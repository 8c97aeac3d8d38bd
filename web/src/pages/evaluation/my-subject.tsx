/** /evaluation/mine: a unit's head or liaison goes straight to their own unit's 考核档案. */
import { Alert } from 'antd';
import { Navigate } from 'react-router';
import { useSession } from '../../api/auth';
import { PageLoading } from '../../components/page-loading';

export default function MySubject() {
  const { data: session } = useSession();
  if (!session) return <PageLoading />;
  if (!session.user.unitId) return <Alert type="info" showIcon title="您的账号未关联单位，没有本单位考核档案" />;
  return <Navigate to={`/evaluation/subjects/${session.user.unitId}`} replace />;
}
