/** 点位详情: facts, a small map, 得分趋势 (visits) and the open problems at the site. */
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, List, Result, Row, Skeleton, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSite, useSiteMap, type Site } from '../../api/sites';
import { can } from '../../api/types';
import { formatTime, orDash } from '../../components/format';
import { ProblemStateTag } from '../../components/problem-tags';
import type { LocatedSite } from '../../components/site-map';
import { SiteFormDrawer } from './site-form-drawer';
import { SiteLead } from './sites-table';
import { SiteTrend } from './site-trend';
import { useSiteTypeStyle } from './site-type-colors';

const SiteMap = lazy(() => import('../../components/site-map'));

/** Detail page. */
export default function SiteDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useSite(id);
  const site = query.data;
  const neighbours = useSiteMap({});
  const style = useSiteTypeStyle();
  const [editing, setEditing] = useState<Site | null>(null);
  const located = useMemo(() => {
    const list = (neighbours.data?.items ?? []).filter((s): s is LocatedSite => !!s.location);
    return site?.location && !list.some((s) => String(s.id) === String(site.id)) ? [...list, site as LocatedSite] : list;
  }, [neighbours.data, site]);

  if (query.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (!site) {
    const notFound = query.error?.status === 404 || query.error?.status === 400;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '点位不存在或无权查看' : '加载失败'}
        subTitle={notFound ? undefined : query.error?.message}
        extra={
          <Button type="primary" onClick={() => navigate('/sites')}>
            返回点位列表
          </Button>
        }
      />
    );
  }

  const latest = site.visits[0];
  return (
    <div style={{ maxWidth: 1280, margin: '0 auto' }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined aria-hidden />}
        style={{ paddingInline: 0, marginBottom: 8 }}
        onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/sites'))}
      >
        返回
      </Button>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start' }}>
          <div style={{ minWidth: 0 }}>
            <Space wrap size={8} align="center">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {site.name}
              </Typography.Title>
              <Tag color={style.colorOf(site.siteTypeCode)}>{site.siteTypeName}</Tag>
              {site.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {site.regionName}
              {latest?.scoreRate != null &&
                ` · 最近得分率 ${Math.round(latest.scoreRate * 1000) / 10}%（${formatTime(latest.visitedAt).slice(0, 10)}）`}
              {` · 在办问题 ${site.openProblems.length} 个`}
            </Typography.Text>
          </div>
          {can(site, 'update') && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(site)}>
              编辑点位
            </Button>
          )}
        </div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" title="点位信息" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'type', label: '点位类型', children: site.siteTypeName },
                { key: 'region', label: '所属区域', children: site.regionName },
                { key: 'unit', label: '包保单位', children: orDash(site.unitName) },
                { key: 'lead', label: '点长', children: <SiteLead name={site.leadName} phone={site.leadPhone} /> },
                { key: 'address', label: '地址', children: orDash(site.address), span: { xs: 1, sm: 2 } },
                {
                  key: 'location',
                  label: '坐标（WGS-84）',
                  children: site.location ? `${site.location.lat.toFixed(5)}, ${site.location.lng.toFixed(5)}` : '未填写',
                  span: { xs: 1, sm: 2 },
                },
              ]}
            />
          </Card>
          <Card variant="borderless" title="得分趋势" style={{ marginBottom: 16 }}>
            <SiteTrend visits={site.visits} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title="位置" style={{ marginBottom: 16 }} styles={{ body: { padding: 8 } }}>
            {site.location ? (
              <Suspense
                fallback={
                  <div style={{ height: 260, display: 'grid', placeItems: 'center' }}>
                    <Spin aria-label="地图加载中" />
                  </div>
                }
              >
                <SiteMap
                  sites={located}
                  highlightId={site.id}
                  colorOf={style.colorOf}
                  onOpen={(sid) => navigate(`/sites/${sid}`)}
                  height={260}
                  label="点位位置地图"
                />
              </Suspense>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未填写坐标" />
            )}
          </Card>
          <Card variant="borderless" title={`在办问题（${site.openProblems.length}）`} style={{ marginBottom: 16 }}>
            <List
              dataSource={site.openProblems}
              locale={{ emptyText: '该点位没有在办问题' }}
              renderItem={(p) => (
                <List.Item>
                  <div style={{ minWidth: 0, width: '100%' }}>
                    <Space size={8} wrap>
                      <Link to={`/problems/${p.id}`} aria-label={`查看问题 ${p.code}`}>
                        {p.code}
                      </Link>
                      <ProblemStateTag state={p.state} />
                      {p.deadline && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          时限 {formatTime(p.deadline)}
                        </Typography.Text>
                      )}
                    </Space>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
                      {p.description}
                    </Typography.Paragraph>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <SiteFormDrawer site={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
