/** Shows a secret (initial password, API token) exactly once, with a copy button. */
import { Alert, Modal, Typography } from 'antd';

interface Props {
  open: boolean;
  title: string;
  secret: string | null;
  description: string;
  onClose: () => void;
}

/** Modal with the secret and a warning that it will not be shown again. */
export function OneTimeSecretModal({ open, title, secret, description, onClose }: Props) {
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={onClose}
      okText="我已妥善保存"
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={description} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: secret ?? '', tooltips: ['复制', '已复制'] }}
        code
        style={{ fontSize: 16, wordBreak: 'break-all' }}
        aria-label="一次性密文"
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
