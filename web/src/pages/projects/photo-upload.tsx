/**
 * 上传照片 for a project: the milestone, the stage (施工前 / 施工中 / 完工后) and a caption, then photos taken with the
 * phone's camera or picked from the album. Each photo goes through POST /api/files (type by content, EXIF stripped,
 * watermarked; the project's place stands in when the photo has no GPS), then is attached to the project.
 */
import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { MILESTONE_KIND_LABELS, PHOTO_STAGES, PHOTO_STAGE_LABELS, type PhotoStage } from '@common/tasks';
import { Button, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useId, useMemo, useState } from 'react';
import { uploadPhoto } from '../../api/files';
import { useAddProjectPhotos, type Milestone, type ProjectDetail } from '../../api/projects';
import { notifyError, notifySuccess } from '../../components/notify';

const MAX = 9;

interface Values {
  milestoneId?: string;
  stage: PhotoStage;
  caption?: string;
}

/** The stage a milestone's photos usually are: before 开工 施工前, after 主体完工 完工后. */
function defaultStage(m: Milestone | null): PhotoStage {
  if (!m) return 'during';
  if (m.kind === 'approval' || m.kind === 'design') return 'before';
  if (m.kind === 'start') return m.actualDate ? 'during' : 'before';
  if (m.kind === 'structure') return 'during';
  return 'after';
}

/** `target`: the milestone to file the photos under (null: the project itself); undefined when closed. */
export function PhotoUploadModal(props: { project: ProjectDetail; target: Milestone | null | undefined; onClose: () => void }) {
  const { project, target, onClose } = props;
  const open = target !== undefined;
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const add = useAddProjectPhotos();
  const cameraId = useId();
  const albumId = useId();
  const previews = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ milestoneId: target?.id, stage: defaultStage(target ?? null) });
    setFiles([]);
    setMissing(false);
  }, [open, target, form]);

  const pick = (list: FileList | null) => {
    const picked = Array.from(list ?? []).filter((f) => f.type.startsWith('image/') || f.type === '');
    if (picked.length) {
      setFiles((prev) => [...prev, ...picked].slice(0, MAX));
      setMissing(false);
    }
  };

  const handleFinish = async (v: Values) => {
    if (!files.length) {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      const place =
        project.lat !== null && project.lng !== null
          ? { lat: project.lat, lng: project.lng, address: project.address ?? project.name }
          : { address: project.address ?? project.name };
      const fileIds: string[] = [];
      for (const f of files) fileIds.push((await uploadPhoto(f, f.name, place)).id);
      await add.mutateAsync({
        projectId: project.id,
        fileIds,
        milestoneId: v.milestoneId ?? null,
        stage: v.stage,
        caption: v.caption?.trim() ? v.caption.trim() : null,
      });
      notifySuccess(`已上传 ${fileIds.length} 张照片`);
      onClose();
    } catch (error) {
      // An upload's failure is told here (the same message shown twice is one toast).
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const hidden: React.CSSProperties = { position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)' };
  const tile: React.CSSProperties = {
    flex: '1 1 120px',
    height: 72,
    border: '2px dashed #91caff',
    borderRadius: 10,
    background: '#f0f7ff',
    color: '#1677ff',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 6,
    cursor: 'pointer',
    fontWeight: 500,
  };

  return (
    <Modal
      open={open}
      title="上传照片"
      okText="上传"
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={() => !busy && onClose()}
      forceRender
    >
      <Form name="project-photo" form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label="所属节点" name="milestoneId">
          <Select
            allowClear
            placeholder="不属于某个节点"
            options={project.milestones.map((m) => ({ value: m.id, label: MILESTONE_KIND_LABELS[m.kind] }))}
          />
        </Form.Item>
        <Form.Item label="阶段" name="stage" rules={[{ required: true, message: '请选择阶段' }]}>
          <Radio.Group optionType="button" options={PHOTO_STAGES.map((s) => ({ value: s, label: PHOTO_STAGE_LABELS[s] }))} />
        </Form.Item>
        <Form.Item label="说明" name="caption" rules={[{ max: 100, message: '说明最多 100 个字' }]}>
          <Input maxLength={100} placeholder="如 东入口花田整地" />
        </Form.Item>
        <div role="group" aria-label="照片" style={{ marginBottom: 8 }}>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <label htmlFor={cameraId} style={tile}>
              <CameraOutlined aria-hidden style={{ fontSize: 22 }} />
              拍照
            </label>
            <label htmlFor={albumId} style={tile}>
              <PictureOutlined aria-hidden style={{ fontSize: 22 }} />
              从相册选择
            </label>
          </div>
          <input
            id={cameraId}
            type="file"
            accept="image/*"
            capture="environment"
            aria-label="拍照"
            style={hidden}
            onChange={(e) => {
              pick(e.target.files);
              e.target.value = '';
            }}
          />
          <input
            id={albumId}
            type="file"
            accept="image/*"
            multiple
            aria-label="从相册选择照片"
            style={hidden}
            onChange={(e) => {
              pick(e.target.files);
              e.target.value = '';
            }}
          />
          {files.length > 0 && (
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(72px, 1fr))', gap: 6, marginTop: 8 }}>
              {files.map((f, i) => (
                <div key={previews[i]} style={{ position: 'relative' }}>
                  <img
                    src={previews[i]}
                    alt={`待上传照片 ${i + 1}`}
                    style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6, display: 'block' }}
                  />
                  <Button
                    size="small"
                    type="text"
                    aria-label={`移除照片 ${i + 1}`}
                    onClick={() => setFiles((prev) => prev.filter((x) => x !== f))}
                    style={{ position: 'absolute', top: 0, right: 0, background: 'rgba(255,255,255,.85)', minWidth: 24, padding: 0 }}
                  >
                    ×
                  </Button>
                </div>
              ))}
            </div>
          )}
          <Typography.Text type={missing ? 'danger' : 'secondary'} style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
            {missing ? '请先拍照或选择照片' : files.length ? `已选 ${files.length} 张，最多 ${MAX} 张` : '照片会加上时间和地点水印'}
          </Typography.Text>
        </div>
      </Form>
    </Modal>
  );
}
