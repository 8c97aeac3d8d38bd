/** 整改前 / 整改后 side by side: thumbnails open the watermarked evidence copy in a preview. */
import { CameraOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Image, Row, Typography } from 'antd';
import type { ProblemDetail, ProblemPhoto } from '../../api/problems';

function PhotoSide({ title, photos, empty }: { title: string; photos: ProblemPhoto[]; empty: string }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginInlineStart: 6 }}>
          {photos.length ? `${photos.length} 张` : ''}
        </Typography.Text>
      </Typography.Title>
      {photos.length === 0 ? (
        <div style={{ background: '#fafafa', borderRadius: 8, padding: '24px 8px', textAlign: 'center' }}>
          <CameraOutlined aria-hidden style={{ fontSize: 28, color: '#bfbfbf' }} />
          <div style={{ color: 'rgba(0,0,0,.45)', marginTop: 4, fontSize: 13 }}>{empty}</div>
        </div>
      ) : (
        <Image.PreviewGroup>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: 8 }}>
            {photos.map((p, i) => (
              <Image
                key={p.fileId}
                src={p.thumbnailUrl}
                alt={`${title}照片 ${i + 1}`}
                preview={{ src: p.url }}
                style={{ width: '100%', aspectRatio: '4 / 3', objectFit: 'cover', borderRadius: 6 }}
                rootClassName="cc-photo"
              />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
    </section>
  );
}

/** The latest rectification round's photos (earlier rounds stay in the timeline). */
function latestRectification(problem: ProblemDetail): ProblemPhoto[] {
  const all = problem.photos.filter((p) => p.stage === 'rectification');
  const last = [...problem.timeline].reverse().find((e) => e.action === 'submit_rectification');
  const ids = Array.isArray(last?.payload?.photoIds) ? (last.payload.photoIds as string[]) : null;
  const round = ids ? all.filter((p) => ids.includes(p.fileId)) : [];
  return round.length ? round : all;
}

/** Before/after photo card; verification photos follow when there are any. */
export function PhotoCompare({ problem }: { problem: ProblemDetail }) {
  const before = problem.photos.filter((p) => p.stage === 'report');
  const after = latestRectification(problem);
  const checks = problem.photos.filter((p) => p.stage === 'verification');
  return (
    <Card variant="borderless" title="现场照片" style={{ marginBottom: 16 }}>
      {problem.photos.length === 0 ? (
        <Empty description="暂无照片" />
      ) : (
        <>
          <Row gutter={12}>
            <Col span={12}>
              <PhotoSide title="整改前" photos={before} empty="上报时未附照片" />
            </Col>
            <Col span={12} style={{ borderInlineStart: '1px dashed #e5e5e5' }}>
              <PhotoSide title="整改后" photos={after} empty="尚未提交整改照片" />
            </Col>
          </Row>
          {checks.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <PhotoSide title="核查" photos={checks} empty="" />
            </div>
          )}
        </>
      )}
    </Card>
  );
}
