/**
 * One 曝光台 item: the redaction editor (draw boxes on each photo; the server's blurred public copy beside it), the
 * public title and text, and the actions the server allows this person now — 保存 and 提交审批 (office), 批准曝光 or
 * 退回 with a reason (leader), 撤下 with a reason (after a confirmation).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { RedactionBox } from '@common/exposure-workflow';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { originalUrl, previewUrl, useExposure, useExposureTransition, type Exposure } from '../../api/exposure';
import { formatTime } from '../../components/format';
import { EXPOSURE_STATE_COLORS } from './exposure-page';
import { RedactionEditor } from './redaction-editor';

type ReasonAction = 'return' | 'take_down';
const REASON_TITLES: Record<ReasonAction, string> = { return: '退回修改', take_down: '撤下曝光' };

/** The item page. */
export default function ExposureDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useExposure(id);
  const e = query.data;
  if (query.isPending)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (query.isError || !e)
    return (
      <Result
        status="404"
        title="曝光不存在或无权查看"
        extra={
          <Button type="primary" onClick={() => navigate('/exposure')}>
            返回曝光台
          </Button>
        }
      />
    );
  return <Detail key={`${e.id}-${e.version}`} e={e} />;
}

function Detail({ e }: { e: Exposure }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const transition = useExposureTransition();
  const editable = e.allowedActions.includes('edit');
  const [title, setTitle] = useState(e.title);
  const [description, setDescription] = useState(e.description);
  const [boxes, setBoxes] = useState<Record<string, RedactionBox[]>>(() => Object.fromEntries(e.photos.map((p) => [p.id, p.boxes])));
  const [afterBoxes, setAfterBoxes] = useState<Record<string, RedactionBox[]>>({});
  const [reasonFor, setReasonFor] = useState<ReasonAction | null>(null);
  const [reason, setReason] = useState('');
  const dirty =
    title !== e.title || description !== e.description || e.photos.some((p) => JSON.stringify(boxes[p.id]) !== JSON.stringify(p.boxes));
  useEffect(() => setReason(''), [reasonFor]);

  const run = async (action: Parameters<typeof transition.mutateAsync>[0]['action'], extra: Record<string, unknown> = {}, done = '') => {
    try {
      await transition.mutateAsync({ id: e.id, action, version: e.version, ...extra });
      if (done) message.success(done);
      return true;
    } catch (err) {
      message.error((err as Error).message);
      return false;
    }
  };
  const save = () =>
    run(
      'edit',
      { title, description, photos: e.photos.map((p) => ({ id: p.id, boxes: boxes[p.id] ?? [] })) },
      '已保存，右侧为打码后的公开图',
    );

  const daysText = e.daysTaken !== null ? `${e.daysTaken} 天` : '尚未整改完成';
  return (
    <div style={{ maxWidth: 1280, margin: '0 auto' }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined aria-hidden />}
        style={{ paddingInline: 0, marginBottom: 8 }}
        onClick={() => navigate('/exposure')}
      >
        返回曝光台
      </Button>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {e.title}
          </Typography.Title>
          <Tag color={EXPOSURE_STATE_COLORS[e.state]}>{e.stateLabel}</Tag>
          {e.isCovertFinding && <Tag color="purple">暗访发现（已发布）</Tag>}
        </Space>
        <Space wrap>
          {editable && (
            <Button type="primary" loading={transition.isPending} disabled={!dirty} onClick={save}>
              保存打码与文字
            </Button>
          )}
          {e.allowedActions.includes('submit') && (
            <Popconfirm
              title="提交领导审批？提交后不能再修改。"
              okText="提交"
              cancelText="取消"
              onConfirm={() => run('submit', {}, '已提交审批')}
              disabled={dirty}
            >
              <Button disabled={dirty} title={dirty ? '请先保存' : undefined}>
                提交审批
              </Button>
            </Popconfirm>
          )}
          {e.allowedActions.includes('approve') && (
            <Popconfirm
              title="批准后将在公开页面发布，确定批准曝光？"
              okText="批准"
              cancelText="取消"
              onConfirm={() => run('approve', {}, '已批准，已在公开页面发布')}
            >
              <Button type="primary">批准曝光</Button>
            </Popconfirm>
          )}
          {e.allowedActions.includes('return') && <Button onClick={() => setReasonFor('return')}>退回修改</Button>}
          {e.allowedActions.includes('take_down') && (
            <Button danger onClick={() => setReasonFor('take_down')}>
              撤下
            </Button>
          )}
          {e.state === 'published' && (
            <a href={`/p/exposure/${e.id}`} target="_blank" rel="noreferrer">
              查看公开页面
            </a>
          )}
        </Space>
      </div>
      {e.state === 'draft' && e.returnReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`领导退回：${e.returnReason}`} />
      )}
      {e.state === 'taken_down' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`已于 ${formatTime(e.takenDownAt)} 撤下（${e.takenDownByName ?? ''}）：${e.takeDownReason ?? ''}`}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card variant="borderless" title="照片打码" style={{ marginBottom: 16 }}>
            {editable && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message="在左侧原图上按住拖动，框出人脸、车牌、门牌等；保存后右侧显示打码后的公开图（不含拍摄信息）。"
              />
            )}
            {!e.photos.length && <Typography.Text type="secondary">该问题没有照片。</Typography.Text>}
            {e.photos.map((p, i) => (
              <Row key={p.id} gutter={12} style={{ marginBottom: 16 }}>
                <Col xs={24} md={12}>
                  <div style={{ marginBottom: 4 }}>
                    {p.stage === 'before' ? '整改前' : '整改后'}照片 {i + 1}（原图，{(boxes[p.id] ?? []).length} 处打码）
                  </div>
                  <RedactionEditor
                    src={originalUrl(p.fileId)}
                    label={`照片 ${i + 1}`}
                    boxes={boxes[p.id] ?? []}
                    disabled={!editable}
                    onChange={(b) => setBoxes((all) => ({ ...all, [p.id]: b }))}
                  />
                </Col>
                <Col xs={24} md={12}>
                  <div style={{ marginBottom: 4 }}>公开图（服务器打码结果）</div>
                  {p.rendered ? (
                    <img
                      data-testid="redacted-preview"
                      src={previewUrl(e.id, p.id, e.version)}
                      alt={`照片 ${i + 1} 打码后`}
                      style={{ display: 'block', maxWidth: '100%', maxHeight: 480 }}
                    />
                  ) : (
                    <Typography.Text type="secondary">尚未生成</Typography.Text>
                  )}
                </Col>
              </Row>
            ))}
          </Card>
          {e.allowedActions.includes('add_after') && e.pendingAfterPhotos.length > 0 && (
            <Card variant="borderless" title="整改后照片（待公开）" style={{ marginBottom: 16 }}>
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message="问题已整改完成。框出需要打码的区域后公开，公开页面将在整改前照片旁显示整改后照片。"
              />
              {e.pendingAfterPhotos.map((p, i) => (
                <div key={p.fileId} style={{ marginBottom: 12 }}>
                  <div style={{ marginBottom: 4 }}>整改后照片 {i + 1}</div>
                  <RedactionEditor
                    src={originalUrl(p.fileId)}
                    label={`整改后照片 ${i + 1}`}
                    boxes={afterBoxes[p.fileId] ?? []}
                    onChange={(b) => setAfterBoxes((all) => ({ ...all, [p.fileId]: b }))}
                  />
                </div>
              ))}
              <Popconfirm
                title="打码后的整改后照片将立即公开，确定？"
                okText="公开"
                cancelText="取消"
                onConfirm={() =>
                  run(
                    'add_after',
                    { afterPhotos: e.pendingAfterPhotos.map((p) => ({ fileId: p.fileId, boxes: afterBoxes[p.fileId] ?? [] })) },
                    '整改后照片已公开',
                  )
                }
              >
                <Button type="primary">公开整改后照片</Button>
              </Popconfirm>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Card variant="borderless" title="公开文字" style={{ marginBottom: 16 }}>
            <Form layout="vertical">
              <Form.Item label="公开标题" required>
                <Input
                  aria-label="公开标题"
                  value={title}
                  onChange={(x) => setTitle(x.target.value)}
                  maxLength={60}
                  showCount
                  disabled={!editable}
                />
              </Form.Item>
              <Form.Item label="公开说明" required extra="不写举报人、经办人姓名和内部意见。">
                <Input.TextArea
                  aria-label="公开说明"
                  value={description}
                  onChange={(x) => setDescription(x.target.value)}
                  maxLength={1000}
                  rows={5}
                  disabled={!editable}
                />
              </Form.Item>
            </Form>
            {editable && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                问题原始描述（内部）：{e.problemDescription}
              </Typography.Paragraph>
            )}
          </Card>
          <Card variant="borderless" title="问题信息">
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'code', label: '问题编号', children: <Link to={`/problems/${e.problemId}`}>{e.problemCode}</Link> },
                { key: 'state', label: '问题状态', children: e.problemStateLabel },
                { key: 'unit', label: '责任单位', children: e.unitName ?? '—' },
                { key: 'region', label: '区域', children: e.regionName },
                { key: 'found', label: '发现时间', children: formatTime(e.foundAt) },
                { key: 'deadline', label: '整改时限', children: e.deadline ? formatTime(e.deadline) : '—' },
                { key: 'days', label: '整改用时', children: daysText },
                { key: 'proposed', label: '提出', children: `${e.proposedByName ?? ''} ${formatTime(e.proposedAt)}` },
                {
                  key: 'published',
                  label: '批准发布',
                  children: e.publishedAt ? `${e.approvedByName ?? ''} ${formatTime(e.publishedAt)}` : '—',
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={!!reasonFor}
        title={reasonFor ? REASON_TITLES[reasonFor] : ''}
        okText={reasonFor === 'take_down' ? '确认撤下' : '退回'}
        okButtonProps={{ danger: reasonFor === 'take_down', disabled: reason.trim().length < 2, loading: transition.isPending }}
        cancelText="取消"
        onCancel={() => setReasonFor(null)}
        onOk={async () => {
          if (reasonFor && (await run(reasonFor, { reason }, reasonFor === 'take_down' ? '已撤下，公开页面不再显示' : '已退回')))
            setReasonFor(null);
        }}
      >
        {reasonFor === 'take_down' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="撤下后公开页面、单位记录中都不再显示这条曝光，操作记入审计日志。"
          />
        )}
        <Input.TextArea
          aria-label="理由"
          placeholder={reasonFor === 'take_down' ? '撤下理由（必填）' : '退回理由（必填）'}
          rows={3}
          value={reason}
          onChange={(x) => setReason(x.target.value)}
          maxLength={500}
        />
      </Modal>
    </div>
  );
}
