/**
 * One ledger action with its confirmation: 审批 (optional comment), 兑现 (the proof, uploaded here, and a note) or 撤销
 * (the reason, required). The rules of each field come from the workflow table's payload schemas.
 */
import { UploadOutlined } from '@ant-design/icons';
import { REWARD_ACTION_LABELS, type RewardAction } from '@common/reward-workflow';
import { App, Alert, Button, Form, Input, Modal, Upload } from 'antd';
import { useState } from 'react';
import { uploadPhoto } from '../../api/files';
import { useRewardTransition, type RewardEntry } from '../../api/rewards';

const HINTS: Record<RewardAction, string> = {
  approve: '审批后即为承诺兑现的奖惩事项，由创建办落实并上传兑现证明。',
  fulfil: '请上传兑现证明（拨付凭证、通报文件或约谈记录的照片或扫描件）。',
  withdraw: '撤销后该奖惩事项不再兑现，撤销理由将记入台账和审计日志。',
};

export function EntryActionModal({ entry, action, onClose }: { entry: RewardEntry; action: RewardAction; onClose: () => void }) {
  const [form] = Form.useForm<{ comment?: string; note?: string; reason?: string }>();
  const [fileId, setFileId] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const transition = useRewardTransition();
  const { message } = App.useApp();
  const label = REWARD_ACTION_LABELS[action];
  return (
    <Modal
      open
      title={`${label}：${entry.subjectName} · ${entry.kindLabel}`}
      okText={`确认${label}`}
      okButtonProps={{ danger: action === 'withdraw', disabled: action === 'fulfil' && !fileId }}
      confirmLoading={transition.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        await transition.mutateAsync({ id: entry.id, action, version: entry.version, ...v, fileId });
        message.success(`已${label}`);
        onClose();
      }}
    >
      <p style={{ color: '#666' }}>
        {entry.periodLabel} · {entry.basis} · {entry.ruleDescription}
      </p>
      {entry.flagged && <Alert type="warning" showIcon title={entry.flagNote} style={{ marginBottom: 12 }} />}
      <Alert type="info" showIcon title={HINTS[action]} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" preserve={false}>
        {action === 'approve' && (
          <Form.Item label="审批意见" name="comment" rules={[{ max: 500, message: '审批意见不超过 500 字' }]}>
            <Input.TextArea rows={2} placeholder="可不填" />
          </Form.Item>
        )}
        {action === 'fulfil' && (
          <>
            <Form.Item label="兑现证明" required>
              <Upload
                accept="image/*"
                maxCount={1}
                customRequest={async ({ file, onSuccess, onError }) => {
                  setUploading(true);
                  try {
                    const stored = await uploadPhoto(file as File, (file as File).name);
                    setFileId(stored.id);
                    onSuccess?.(stored);
                  } catch (e) {
                    onError?.(e as Error);
                  } finally {
                    setUploading(false);
                  }
                }}
                onRemove={() => setFileId(undefined)}
              >
                <Button icon={<UploadOutlined aria-hidden />} loading={uploading} style={{ minHeight: 44 }}>
                  上传证明
                </Button>
              </Upload>
            </Form.Item>
            <Form.Item label="兑现说明" name="note" rules={[{ max: 500, message: '兑现说明不超过 500 字' }]}>
              <Input.TextArea rows={2} placeholder="如：已拨付，凭证号 2026-118" />
            </Form.Item>
          </>
        )}
        {action === 'withdraw' && (
          <Form.Item
            label="撤销理由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写撤销理由' },
              { min: 2, message: '撤销理由至少 2 个字' },
              { max: 500, message: '撤销理由不超过 500 字' },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
