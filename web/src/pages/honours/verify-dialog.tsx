/**
 * 审核 a nomination (modal): 审核通过 with the verification note and materials (photos of certificates, statements),
 * or 不予通过 with a reason; the form rules are the workflow table's payload schemas (common/honour-nomination-workflow.ts).
 */
import { NOMINATION_PAYLOADS } from '@common/honour-nomination-workflow';
import { Form, Input, Modal, type UploadFile } from 'antd';
import { useState } from 'react';
import { useVerifyNomination, type Nomination } from '../../api/honours';
import { notifySuccess } from '../../components/notify';
import { fieldRule } from '../../components/zod-rule';
import { PhotoPicker, uploadedIds } from './honours-format';

export function VerifyDialog({
  nomination,
  action,
  onClose,
}: {
  nomination: Nomination | null;
  action: 'approve' | 'reject';
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ note?: string; reason?: string }>();
  const [files, setFiles] = useState<UploadFile<{ id: string }>[]>([]);
  const verify = useVerifyNomination();
  const approve = action === 'approve';
  const submit = async () => {
    const v = await form.validateFields();
    if (!nomination) return;
    await verify.mutateAsync({ id: nomination.id, action, version: nomination.version, ...v, materialIds: uploadedIds(files) });
    notifySuccess(approve ? '已审核通过，列为候选人' : '已不予通过');
    setFiles([]);
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={!!nomination}
      title={`${approve ? '审核通过' : '不予通过'}：${nomination?.nomineeName ?? ''}`}
      okText={approve ? '审核通过' : '不予通过'}
      okButtonProps={{ danger: !approve, loading: verify.isPending }}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {approve ? (
          <Form.Item name="note" label="核实情况" rules={[fieldRule(NOMINATION_PAYLOADS.approve.shape.note)]}>
            <Input.TextArea rows={3} placeholder="如：经社区走访、邻居座谈核实，事迹属实" maxLength={1000} showCount />
          </Form.Item>
        ) : (
          <Form.Item name="reason" label="不予通过的理由" rules={[fieldRule(NOMINATION_PAYLOADS.reject.shape.reason)]}>
            <Input.TextArea rows={3} placeholder="理由会告知推荐单位" maxLength={500} showCount />
          </Form.Item>
        )}
        <Form.Item label="核实材料" extra="证明材料、走访记录等的照片或扫描件（选填）">
          <PhotoPicker files={files} onChange={setFiles} max={10} label="上传材料" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
