/** 链校验: asks the server to walk the audit hash chain and shows the verdict. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useAuditVerify } from '../../api/audit';

/** Verify button. */
export function VerifyChainButton() {
  const verify = useAuditVerify();
  const { modal } = App.useApp();

  const handleClick = async () => {
    const { data } = await verify.refetch();
    if (!data) return;
    if (data.ok) {
      modal.success({
        title: '链校验通过',
        content: `已校验 ${data.checked} 条审计记录，哈希链完整，未发现篡改或删除。`,
        okText: '知道了',
      });
    } else {
      modal.error({
        title: '链校验未通过',
        content: (
          <>
            <p>{data.reason ?? '哈希链不完整'}</p>
            <p>
              首个异常记录序号：{data.firstBadId ?? '—'}；此前已校验 {data.checked} 条。
            </p>
          </>
        ),
        okText: '知道了',
      });
    }
  };

  return (
    <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={verify.isFetching} onClick={handleClick}>
      链校验
    </Button>
  );
}
