/**
 * One project (/projects/:id): the header (type, status, owner unit, region, investment planned and spent with a bar,
 * the hand-over date with a large countdown), its place on a small map, the milestones as steps and a timeline with
 * photos per milestone and stage, 记录节点完成 and 上传照片 for the office or the owner unit, 编辑项目 for the office.
 */
import { ArrowLeftOutlined, CameraOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Progress, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useProject, type Milestone } from '../../api/projects';
import { PageTitle } from '../../components/page-title';
import type { LocatedProject } from './battle-map';
import { MilestoneModal, MilestoneTimeline } from './milestone-timeline';
import { PhotoUploadModal } from './photo-upload';
import { ProjectFormDrawer } from './project-form';
import { countdownOf, currentMilestoneLabel, outlineText, statusColor, statusLabel, typeLabel, wan } from './project-format';

const BattleMap = lazy(() => import('./battle-map'));

export default function ProjectPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { data: project, isPending, error } = useProject(id);
  const [recording, setRecording] = useState<Milestone | null>(null);
  const [uploading, setUploading] = useState<Milestone | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const located = useMemo(() => (project && project.lat !== null && project.lng !== null ? [project as LocatedProject] : []), [project]);

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error || !project) {
    return (
      <Result status="404" title="项目不存在或无权查看" extra={<Button onClick={() => navigate('/projects')}>返回项目作战图</Button>} />
    );
  }

  const c = countdownOf(project);
  const percent = project.investmentPlanned > 0 ? Math.round((project.investmentSpent / project.investmentPlanned) * 100) : 0;
  const nextMilestone = project.milestones.find((m) => !m.actualDate) ?? null;

  return (
    <div style={{ minWidth: 0 }}>
      <PageTitle
        title={project.name}
        subTitle={
          <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginTop: 4 }}>
            <Tag style={{ marginInlineEnd: 0 }}>{typeLabel(project)}</Tag>
            <Tag color={statusColor(project)} style={{ marginInlineEnd: 0 }}>
              {statusLabel(project)}
            </Tag>
            <span>{currentMilestoneLabel(project)}</span>
          </span>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/projects')}>
              作战图
            </Button>
            {project.abilities.addPhotos && (
              <Button icon={<CameraOutlined aria-hidden />} onClick={() => setUploading(nextMilestone)}>
                上传照片
              </Button>
            )}
            {project.abilities.edit && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
                编辑项目
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card variant="borderless" style={{ height: '100%' }}>
            <div aria-label={`交账倒计时：${c.text}`} role="group" style={{ textAlign: 'center', color: c.color }}>
              <div style={{ fontSize: 13, color: 'rgba(0,0,0,.55)' }}>交账日期 {project.handoverDate}</div>
              <div
                className="cc-project-countdown"
                aria-hidden
                style={{ fontSize: c.days === null ? 40 : 64, fontWeight: 700, lineHeight: 1.15, fontVariantNumeric: 'tabular-nums' }}
              >
                {c.days === null ? '已交账' : c.days}
              </div>
              {c.days !== null && (
                <div aria-hidden style={{ fontSize: 16 }}>
                  {c.caption}
                </div>
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card variant="borderless" style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'owner', label: '责任单位', children: project.ownerUnit.name },
                { key: 'region', label: '所在区域', children: project.regionName },
                { key: 'address', label: '地址', children: project.address ?? '—', span: 'filled' },
                { key: 'planned', label: '计划投资', children: wan(project.investmentPlanned) },
                { key: 'spent', label: '已完成投资', children: wan(project.investmentSpent) },
              ]}
            />
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                投资完成
              </Typography.Text>
              <Progress
                percent={Math.min(percent, 100)}
                format={() => `${percent}%`}
                status={percent > 100 ? 'exception' : 'normal'}
                aria-label={`投资完成 ${percent}%`}
              />
            </div>
            {project.description && (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                {project.description}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card variant="borderless" title="节点与照片">
            <MilestoneTimeline project={project} onRecord={setRecording} onUpload={setUploading} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card variant="borderless" title="位置" styles={{ body: { padding: 8 } }}>
            {located.length ? (
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
                <BattleMap projects={located} highlightId={project.id} onOpen={() => undefined} height={260} label="项目位置" />
              </Suspense>
            ) : (
              <Empty description="未标注位置" style={{ padding: '24px 0' }} />
            )}
            <Typography.Text
              type="secondary"
              style={{ display: 'block', fontSize: 13, padding: '6px 4px 0' }}
              data-testid="project-outline"
            >
              项目范围：{project.outline?.length ? outlineText(project.outline) : '未绘制'}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <MilestoneModal project={project} milestone={recording} onClose={() => setRecording(null)} />
      <PhotoUploadModal project={project} target={uploading} onClose={() => setUploading(undefined)} />
      <ProjectFormDrawer project={editing ? project : null} onClose={() => setEditing(false)} around={[]} />
    </div>
  );
}
