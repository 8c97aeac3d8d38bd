/**
 * 填报本月进度: percent (slider and number), 本月完成情况, 存在问题 and evidence — photos (POST /api/files: type by
 * content, EXIF stripped, watermarked; on a phone the picker offers the camera) and documents (POST
 * /api/tasks/:id/evidence: PDF, Word, Excel or a scan, type by content, 20 MB each). After 退回补充 the form opens with
 * the returned report and its evidence and the office's comment on top, and 重新提交 sends it again.
 */
import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Input, InputNumber, Row, Slider, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { progressBody } from '@common/contracts/tasks';
import { uploadPhoto, type UploadedFile } from '../../api/files';
import { EVIDENCE_ACCEPT, MAX_EVIDENCE_MB, uploadTaskEvidence, type TaskEvidence } from '../../api/task-evidence';
import { useReportProgress, type Progress, type Task } from '../../api/plans';
import { notifyError, notifySuccess } from '../../components/notify';
import { fieldRule } from '../../components/zod-rule';
import { periodTitle } from './period';
import { documentIcon } from './progress-files';

interface Values {
  percent: number;
  summary: string;
  difficulties?: string;
}

interface Props {
  task: Task;
  period: string;
  /** This month's report already in (returned or waiting): the form starts from it. */
  previous?: Progress | null;
  onDone?: () => void;
}

const percentRule = fieldRule(progressBody.shape.percent);
const summaryRule = fieldRule(progressBody.shape.summary);
const difficultiesRule = fieldRule(progressBody.shape.difficulties);

export function ProgressForm({ task, period, previous, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const report = useReportProgress();
  const [files, setFiles] = useState<UploadFile<{ id: string }>[]>(() =>
    (previous?.files ?? [])
      .filter((f) => f.kind === 'photo')
      .map((f) => ({
        uid: f.id,
        name: f.name,
        status: 'done',
        response: { id: f.id },
        thumbUrl: `/api/files/${f.id}/thumbnail`,
      })),
  );
  const [docs, setDocs] = useState<UploadFile<{ id: string }>[]>(() =>
    (previous?.files ?? [])
      .filter((f) => f.kind === 'document')
      .map((f) => ({ uid: f.id, name: f.name, status: 'done', response: { id: f.id }, url: f.url, type: f.mime })),
  );
  const uploading = [...files, ...docs].some((f) => f.status === 'uploading');
  const resubmit = previous?.state === 'returned';
  const room = 20 - files.length - docs.length;

  const submit = (values: Values) => {
    const fileIds = [...files, ...docs].filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);
    report.mutate(
      {
        taskId: task.id,
        period,
        percent: values.percent,
        summary: values.summary.trim(),
        difficulties: values.difficulties?.trim() || null,
        fileIds,
      },
      {
        onSuccess: () => {
          notifySuccess(resubmit ? '已重新提交，等待审核' : '本月进度已提交，等待审核');
          onDone?.();
        },
        onError: notifyError,
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        percent: previous?.percent ?? task.percent,
        summary: previous?.summary ?? '',
        difficulties: previous?.difficulties ?? '',
      }}
      aria-label="填报本月进度"
    >
      {resubmit && previous?.reviewComment && (
        <Alert type="warning" showIcon title="退回补充" description={`审核意见：${previous.reviewComment}`} style={{ marginBottom: 16 }} />
      )}
      <Form.Item label={`${periodTitle(period)}完成进度（%）`} required>
        <Row gutter={12} align="middle">
          <Col flex="auto">
            <Form.Item name="percent" noStyle>
              <Slider min={0} max={100} step={5} tooltip={{ formatter: (v) => `${v}%` }} aria-label="完成进度滑块" />
            </Form.Item>
          </Col>
          <Col flex="96px">
            <Form.Item name="percent" noStyle validateFirst rules={[{ required: true, message: '请填写完成进度' }, percentRule]}>
              <InputNumber min={0} max={100} precision={0} suffix="%" aria-label="完成进度" style={{ width: 96 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form.Item>
      <Form.Item name="summary" label="本月完成情况" validateFirst rules={[{ required: true, message: '请填写本月完成情况' }, summaryRule]}>
        <Input.TextArea rows={4} maxLength={4000} showCount placeholder="本月做了什么、完成了哪些节点（至少 5 个字）" />
      </Form.Item>
      <Form.Item name="difficulties" label="存在问题" rules={[difficultiesRule]}>
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="遇到的困难、需要协调的事项（选填）" />
      </Form.Item>
      <Form.Item label="现场照片" extra="可拍照或从相册选择；照片自动加水印。照片和文件合计最多 20 个">
        <Upload<UploadedFile | { id: string }>
          accept="image/*"
          multiple
          listType="picture-card"
          fileList={files}
          maxCount={20}
          onChange={({ fileList }) =>
            setFiles(
              fileList.map((f) => {
                const r = f.response as UploadedFile | undefined;
                return r && 'thumbnailUrl' in r ? { ...f, thumbUrl: r.thumbnailUrl } : f;
              }) as UploadFile<{ id: string }>[],
            )
          }
          customRequest={async ({ file, onSuccess, onError }) => {
            try {
              const f = file as File;
              onSuccess?.(await uploadPhoto(f, f.name));
            } catch (error) {
              notifyError(error);
              onError?.(error as Error);
            }
          }}
        >
          {room > 0 && (
            <button type="button" aria-label="上传佐证照片" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
              <CameraOutlined aria-hidden style={{ fontSize: 20 }} />
              <div style={{ marginTop: 6 }}>拍照/上传</div>
            </button>
          )}
        </Upload>
      </Form.Item>
      <Form.Item label="文件材料" extra={`工作台账、情况汇报等：PDF、Word、Excel 或扫描件，每个不超过 ${MAX_EVIDENCE_MB} MB`}>
        <Upload<TaskEvidence | { id: string }>
          accept={EVIDENCE_ACCEPT}
          multiple
          listType="text"
          fileList={docs}
          iconRender={(f) => documentIcon(f.type ?? '')}
          beforeUpload={(file) => {
            if (file.size > MAX_EVIDENCE_MB * 1024 * 1024) {
              notifyError(new Error(`“${file.name}”超过 ${MAX_EVIDENCE_MB} MB，请压缩后重新上传`));
              return Upload.LIST_IGNORE;
            }
            if (room <= 0) {
              notifyError(new Error('照片和文件合计最多 20 个'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          onChange={({ fileList }) =>
            setDocs(
              // A refused file is named in the error message and leaves the list (it was never stored).
              fileList
                .filter((f) => f.status !== 'error')
                .map((f) => {
                  const r = f.response as TaskEvidence | undefined;
                  return r && 'url' in r ? { ...f, url: r.url, type: r.mime, name: r.name } : f;
                }) as UploadFile<{ id: string }>[],
            )
          }
          customRequest={async ({ file, onSuccess, onError }) => {
            try {
              onSuccess?.(await uploadTaskEvidence(task.id, file as File));
            } catch (error) {
              notifyError(error);
              onError?.(error as Error);
            }
          }}
        >
          {room > 0 && (
            <Button icon={<PaperClipOutlined />} aria-label="上传佐证文件">
              上传文件（PDF、Word、Excel）
            </Button>
          )}
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={report.isPending} disabled={uploading}>
        {uploading ? '材料上传中…' : resubmit ? '重新提交' : '提交本月进度'}
      </Button>
    </Form>
  );
}
