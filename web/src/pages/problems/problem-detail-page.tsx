/** 问题详情: header with actions, facts, 整改前/整改后 photos, the timeline and 督办单. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Result, Row, Skeleton } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useProblem } from '../../api/problems';
import { PhotoCompare } from './photo-compare';
import { ProblemFacts, ProblemHeader } from './problem-facts';
import { ProblemTimeline, SupervisionNotices } from './problem-timeline';

/** Detail page. */
export default function ProblemDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useProblem(id);
  const problem = query.data;

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
      <ProblemHeader
        problem={problem}
        onDone={(r) => {
          if (r.relapseProblemId) navigate(`/problems/${r.relapseProblemId}`);
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
