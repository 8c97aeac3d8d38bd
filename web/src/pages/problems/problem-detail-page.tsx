/**
 * 问题详情: header with actions, facts, 整改前/整改后 photos, the timeline and 督办单. After the unit's 退回 the problem is
 * no longer the unit's to read: the page keeps what was sent back and says what happens next instead of 无权查看.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useProblem, type ProblemDetail } from '../../api/problems';
import { formatTime, orDash } from '../../components/format';
import { ProposeExposureButton } from '../exposure/propose-exposure-button';
import { PhotoCompare } from './photo-compare';
import { ProblemFacts, ProblemHeader } from './problem-facts';
import { ProblemTimeline, SupervisionNotices } from './problem-timeline';

/** Detail page. */
export default function ProblemDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useProblem(id);
  const problem = query.data;
  const [returned, setReturned] = useState<{ problem: ProblemDetail; reason: string } | null>(null);

  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined aria-hidden />}
      style={{ paddingInline: 0, marginBottom: 8 }}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/problems'))}
    >
      返回
    </Button>
  );

  if (returned && returned.problem.id === id) return <ReturnedResult problem={returned.problem} reason={returned.reason} />;
  if (query.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (query.isError || !problem) {
    const notFound = query.error?.status === 404 || query.error?.status === 400;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '问题不存在或无权查看' : '加载失败'}
        subTitle={notFound ? undefined : query.error?.message}
        extra={
          notFound ? (
            <Button type="primary" onClick={() => navigate('/')}>
              返回首页
            </Button>
          ) : (
            <Button type="primary" onClick={() => query.refetch()}>
              重新加载
            </Button>
          )
        }
      />
    );
  }

  return (
    <div style={{ maxWidth: 1280, margin: '0 auto' }}>
      {back}
      <ProposeExposureButton problemId={problem.id} />
      <ProblemHeader
        problem={problem}
        onDone={(r, action, payload) => {
          if (r.relapseProblemId) navigate(`/problems/${r.relapseProblemId}`);
          // Sent back: the unit may no longer read it (the office re-dispatches); keep what it sent back on screen.
          if (action === 'dispute' && !r.unitId) setReturned({ problem, reason: String(payload.reason ?? '') });
        }}
      />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <PhotoCompare problem={problem} />
          <ProblemFacts problem={problem} />
        </Col>
        <Col xs={24} lg={10}>
          <SupervisionNotices notices={problem.supervisionNotices} />
          <ProblemTimeline problem={problem} />
        </Col>
      </Row>
    </div>
  );
}

/** What the unit sees after its 退回: what it sent back, why, and what happens next. */
function ReturnedResult({ problem: p, reason }: { problem: ProblemDetail; reason: string }) {
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <Result
        status="success"
        title={`已退回问题 ${p.code}`}
        subTitle="问题已交回创建办重新派遣，本单位不再办理。如再次派遣给本单位，会重新出现在“本单位问题”中。"
        extra={[
          <Button key="inbox" type="primary" onClick={() => navigate('/problems/inbox')}>
            返回本单位问题
          </Button>,
          <Button key="home" onClick={() => navigate('/')}>
            返回首页
          </Button>,
        ]}
      />
      <Card variant="borderless" title="退回的问题">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'reason', label: '退回理由', children: reason || '—' },
            { key: 'description', label: '问题描述', children: p.description },
            { key: 'category', label: '问题类别', children: p.categoryName },
            { key: 'address', label: '地址', children: orDash(p.address ?? p.regionName) },
            { key: 'deadline', label: '原整改时限', children: formatTime(p.deadline) },
          ]}
        />
      </Card>
    </div>
  );
}
