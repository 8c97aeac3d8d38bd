/**
 * A project's milestones, 立项 → 设计 → 开工 → 主体完工 → 验收 → 交账: a step bar on top, then a timeline with each
 * milestone's planned and actual dates (late ones marked 逾期), its note and its photos by stage (施工前 / 施工中 /
 * 完工后, one preview group for the whole project), with 记录节点完成 and 上传照片 where the caller may.
 */
import { CameraOutlined, CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { MILESTONE_KIND_LABELS, PHOTO_STAGES, PHOTO_STAGE_LABELS } from '@common/tasks';
import { Button, DatePicker, Form, Grid, Image, Input, Modal, Steps, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useDeleteProjectPhoto, useUpdateMilestone, type Milestone, type ProjectDetail, type ProjectPhoto } from '../../api/projects';
import { ConfirmDelete } from '../../components/confirm-delete';
import { notifySuccess } from '../../components/notify';

const DAY = 'YYYY-MM-DD';

/** done · late (planned passed, not reached) · next (the first not reached) · later. */
function stateOf(m: Milestone, next: Milestone | undefined): 'done' | 'late' | 'next' | 'later' {
  if (m.actualDate) return 'done';
  if (m.late) return 'late';
  return m === next ? 'next' : 'later';
}

const DOT = {
  done: <CheckCircleOutlined aria-hidden style={{ fontSize: 18, color: '#52c41a' }} />,
  late: <ExclamationCircleOutlined aria-hidden style={{ fontSize: 18, color: '#f5222d' }} />,
  next: <ClockCircleOutlined aria-hidden style={{ fontSize: 18, color: '#1677ff' }} />,
  later: <ClockCircleOutlined aria-hidden style={{ fontSize: 18, color: '#bfbfbf' }} />,
};

/** Days between two dates, said in words (提前 / 推迟). */
function drift(m: Milestone): string | null {
  if (!m.actualDate) return null;
  const d = dayjs(m.actualDate).diff(dayjs(m.plannedDate), 'day');
  if (d === 0) return '按期';
  return d < 0 ? `提前 ${-d} 天` : `推迟 ${d} 天`;
}

function PhotoGrid({ photos, project }: { photos: ProjectPhoto[]; project: ProjectDetail }) {
  const remove = useDeleteProjectPhoto();
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 8 }}>
      {photos.map((p, i) => (
        <figure key={p.id} style={{ margin: 0, minWidth: 0 }}>
          <Image
            src={p.thumbUrl}
            alt={p.caption || `${PHOTO_STAGE_LABELS[p.stage]}照片 ${i + 1}`}
            preview={{ src: p.url }}
            style={{ width: '100%', aspectRatio: '4 / 3', objectFit: 'cover', borderRadius: 6 }}
            rootClassName="cc-project-photo"
          />
          <figcaption style={{ display: 'flex', alignItems: 'flex-start', gap: 2, fontSize: 12, color: 'rgba(0,0,0,.55)' }}>
            <span style={{ flex: 1, minWidth: 0, wordBreak: 'break-all', lineHeight: '18px', paddingTop: 2 }}>
              {p.caption || dayjs(p.createdAt).format('MM-DD HH:mm')}
            </span>
            {project.abilities.addPhotos && (
              <ConfirmDelete
                subject={`照片${p.caption ? `「${p.caption}」` : ''}`}
                description="删除后不可恢复，确定吗？"
                onConfirm={() => remove.mutateAsync({ projectId: project.id, photoId: p.id }).then(() => notifySuccess('照片已删除'))}
              />
            )}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

/** A milestone's (or the project's unassigned) photos, by stage. */
function StagePhotos({ photos, project }: { photos: ProjectPhoto[]; project: ProjectDetail }) {
  if (!photos.length) return null;
  return (
    <div style={{ display: 'grid', gap: 8, marginTop: 8 }}>
      {PHOTO_STAGES.map((stage) => {
        const of = photos.filter((p) => p.stage === stage);
        if (!of.length) return null;
        return (
          <section key={stage} aria-label={PHOTO_STAGE_LABELS[stage]}>
            <Typography.Text strong style={{ fontSize: 13 }}>
              {PHOTO_STAGE_LABELS[stage]}
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginInlineStart: 4 }}>
                {of.length} 张
              </Typography.Text>
            </Typography.Text>
            <PhotoGrid photos={of} project={project} />
          </section>
        );
      })}
    </div>
  );
}

interface Props {
  project: ProjectDetail;
  onRecord: (m: Milestone) => void;
  onUpload: (m: Milestone | null) => void;
}

export function MilestoneTimeline({ project, onRecord, onUpload }: Props) {
  const screens = Grid.useBreakpoint();
  const next = project.milestones.find((m) => !m.actualDate);
  const loose = project.photos.filter((p) => !p.milestoneId || !project.milestones.some((m) => m.id === p.milestoneId));
  const stepStatus = { done: 'finish', late: 'error', next: 'process', later: 'wait' } as const;

  return (
    <Image.PreviewGroup>
      {/* The step bar is the desktop's overview; on a phone the timeline below says the same. */}
      {screens.md && (
        <Steps
          size="small"
          titlePlacement="vertical"
          style={{ marginBottom: 24 }}
          items={project.milestones.map((m) => {
            const s = stateOf(m, next);
            return {
              title: MILESTONE_KIND_LABELS[m.kind],
              status: stepStatus[s],
              content: s === 'done' ? m.actualDate : s === 'late' ? `逾期 · 计划 ${m.plannedDate}` : `计划 ${m.plannedDate}`,
            };
          })}
        />
      )}
      <Timeline
        items={project.milestones.map((m) => {
          const s = stateOf(m, next);
          const photos = project.photos.filter((p) => p.milestoneId === m.id);
          const d = drift(m);
          return {
            key: m.id,
            icon: DOT[s],
            content: (
              <section
                aria-label={`节点${MILESTONE_KIND_LABELS[m.kind]}`}
                className="cc-milestone"
                data-kind={m.kind}
                style={{ minWidth: 0 }}
              >
                <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 }}>
                  <Typography.Text strong style={{ fontSize: 15 }}>
                    {MILESTONE_KIND_LABELS[m.kind]}
                  </Typography.Text>
                  {s === 'done' && <Tag color="success">已完成</Tag>}
                  {s === 'late' && <Tag color="error">逾期未完成</Tag>}
                  {s === 'next' && <Tag color="processing">进行中</Tag>}
                  {d && d !== '按期' && <Tag color={d.startsWith('推迟') ? 'warning' : 'default'}>{d}</Tag>}
                </div>
                <div style={{ fontSize: 13, color: 'rgba(0,0,0,.65)', marginTop: 2 }}>
                  计划 {m.plannedDate}
                  {m.actualDate ? ` · 实际 ${m.actualDate}` : ''}
                </div>
                {m.note && <Typography.Paragraph style={{ margin: '4px 0 0', fontSize: 13 }}>{m.note}</Typography.Paragraph>}
                <StagePhotos photos={photos} project={project} />
                {(project.abilities.updateMilestones || project.abilities.addPhotos) && (
                  <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}>
                    {project.abilities.updateMilestones && (
                      <Button size="small" type={s === 'next' || s === 'late' ? 'primary' : 'default'} onClick={() => onRecord(m)}>
                        {m.actualDate ? '修改节点记录' : '记录节点完成'}
                      </Button>
                    )}
                    {project.abilities.addPhotos && (
                      <Button size="small" icon={<CameraOutlined aria-hidden />} onClick={() => onUpload(m)}>
                        上传照片
                      </Button>
                    )}
                  </div>
                )}
              </section>
            ),
          };
        })}
      />
      {loose.length > 0 && (
        <section aria-label="其他照片">
          <Typography.Title level={5}>其他照片</Typography.Title>
          <StagePhotos photos={loose} project={project} />
        </section>
      )}
    </Image.PreviewGroup>
  );
}

interface MilestoneValues {
  actualDate?: Dayjs | null;
  plannedDate?: Dayjs | null;
  note?: string;
}

/** 记录节点完成: the actual date (today by default) and a note; the office may also re-plan the date. */
export function MilestoneModal(props: { project: ProjectDetail; milestone: Milestone | null; onClose: () => void }) {
  const { project, milestone, onClose } = props;
  const [form] = Form.useForm<MilestoneValues>();
  const save = useUpdateMilestone();
  const canReplan = project.abilities.edit;

  useEffect(() => {
    if (!milestone) return;
    form.resetFields();
    form.setFieldsValue({
      actualDate: milestone.actualDate ? dayjs(milestone.actualDate) : dayjs(),
      plannedDate: dayjs(milestone.plannedDate),
      note: milestone.note ?? undefined,
    });
  }, [milestone, form]);

  const handleFinish = (v: MilestoneValues) => {
    if (!milestone) return;
    const note = v.note?.trim() ? v.note.trim() : null;
    save.mutate(
      {
        projectId: project.id,
        milestoneId: milestone.id,
        version: milestone.version,
        actualDate: v.actualDate ? v.actualDate.format(DAY) : null,
        note,
        ...(canReplan && v.plannedDate ? { plannedDate: v.plannedDate.format(DAY) } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(v.actualDate ? `已记录「${MILESTONE_KIND_LABELS[milestone.kind]}」完成` : '节点已保存');
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={!!milestone}
      title={milestone ? `记录节点：${MILESTONE_KIND_LABELS[milestone.kind]}` : ''}
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      forceRender
    >
      <Form name="milestone" form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item
          label="实际完成日期"
          name="actualDate"
          extra="清空则表示该节点尚未完成"
          rules={[
            {
              validator: (_: unknown, value: Dayjs | null | undefined) =>
                value && value.isAfter(dayjs(), 'day') ? Promise.reject(new Error('实际完成日期不能晚于今天')) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} placeholder="选择日期" inputReadOnly allowClear />
        </Form.Item>
        {canReplan && (
          <Form.Item label="计划日期" name="plannedDate" rules={[{ required: true, message: '请选择计划日期' }]}>
            <DatePicker style={{ width: '100%' }} placeholder="选择日期" inputReadOnly allowClear={false} />
          </Form.Item>
        )}
        <Form.Item label="说明" name="note" rules={[{ max: 500, message: '说明最多 500 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如 主体结构已封顶，监理单位已确认" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
