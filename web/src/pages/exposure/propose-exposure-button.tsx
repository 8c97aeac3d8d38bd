/** 提出曝光 on a problem's page: for the office (exposure.manage), when the server says the problem may be proposed. */
import { Alert, App, Button } from 'antd';
import { Link, useNavigate } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useExposureEligibility, useProposeExposure } from '../../api/exposure';

/** The button (or a link to the item already on the board). */
export function ProposeExposureButton({ problemId }: { problemId: string }) {
  const session = useSession();
  const allowed = hasPermission(session.data, 'exposure.manage');
  const eligibility = useExposureEligibility(problemId, allowed);
  const propose = useProposeExposure();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!allowed || !eligibility.data) return null;
  const { canPropose, reason, exposureId } = eligibility.data;
  if (exposureId)
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={
          <>
            该问题已在曝光台：<Link to={`/exposure/${exposureId}`}>查看曝光</Link>
          </>
        }
      />
    );
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 12, flexWrap: 'wrap' }}>
      <Button
        disabled={!canPropose}
        loading={propose.isPending}
        onClick={async () => {
          try {
            const e = await propose.mutateAsync(problemId);
            message.success('已提出曝光，请打码并编辑公开文字');
            navigate(`/exposure/${e.id}`);
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        提出曝光
      </Button>
      {!canPropose && reason && <span style={{ color: '#999' }}>{reason}</span>}
    </div>
  );
}
