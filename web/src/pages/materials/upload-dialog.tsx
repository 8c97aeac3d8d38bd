/** 上传材料: period, note and one or more files for one standard; the server's message (a wrong type names the file) shows inline. */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Form, Input, Modal, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useSubmitMaterial } from '../../api/materials';
import type { Id } from '../../api/types';
import { notifySuccess } from '../../components/notify';
import { periodLabel } from './period';
import { PeriodPicker } from './period-picker';

const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png';
const MAX_FILES = 10;
const MAX_BYTES = 20 * 1024 * 1024;

export interface UploadTarget {
  standardId: Id;
  code: string;
  text: string;
  period: string;
  unitId?: Id;
}

interface Values {
  period: string;
  note?: string;
}

/** The dialog; `target` null when closed. */
export function UploadDialog({ target, onClose }: { target: UploadTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const submit = useSubmitMaterial();

  const reset = () => {
    form.resetFields();
    setFiles([]);
    setFileError(null);
    setServerError(null);
  };

  const handleFinish = (values: Values) => {
    if (!target) return;
    const picked = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
    if (!picked.length) {
      setFileError('请选择至少一个文件');
      return;
    }
    setServerError(null);
    submit.mutate(
      { standardId: target.standardId, unitId: target.unitId, period: values.period, note: values.note, files: picked },
      {
        onSuccess: () => {
          notifySuccess(`已提交 ${picked.length} 个文件，等待审核`);
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status !== 401) setServerError(error.message);
        },
      },
    );
  };

  return (
    <Modal
      title="上传材料"
      open={!!target}
      okText="提交"
      cancelText="取消"
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={reset}
      destroyOnHidden
      width={620}
    >
      {target && (
        <>
          <Typography.Paragraph>
            <Typography.Text strong>{target.code}</Typography.Text> {target.text}
          </Typography.Paragraph>
          <Form name="materialUpload" form={form} layout="vertical" onFinish={handleFinish} initialValues={{ period: target.period }}>
            <Form.Item label="期次" name="period" rules={[{ required: true, message: '请选择期次' }]} extra={<PeriodHint />}>
              <PeriodPicker />
            </Form.Item>
            <Form.Item label="说明" name="note" rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} maxLength={1000} showCount placeholder="如：11 月志愿服务台账及活动照片" />
            </Form.Item>
            <Form.Item
              label="文件"
              required
              validateStatus={fileError ? 'error' : undefined}
              help={fileError ?? 'PDF、Word、Excel、PPT、JPEG、PNG，单个不超过 20 MB，最多 10 个'}
            >
              <Upload.Dragger
                multiple
                accept={ACCEPT}
                fileList={files}
                beforeUpload={(file) => {
                  if (file.size > MAX_BYTES) {
                    setFileError(`“${file.name}”超过 20 MB`);
                    return Upload.LIST_IGNORE;
                  }
                  setFileError(null);
                  setServerError(null);
                  return false;
                }}
                onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_FILES))}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined aria-hidden />
                </p>
                <p className="ant-upload-text">点击或拖拽文件到此处（可多选）</p>
              </Upload.Dragger>
            </Form.Item>
          </Form>
          {serverError && <Alert type="error" showIcon title={serverError} />}
        </>
      )}
    </Modal>
  );
}

function PeriodHint() {
  const period = Form.useWatch<string | undefined>('period');
  return period ? `提交到 ${periodLabel(period)}` : null;
}
