/** One round: its facts, team, sites with visit status and score, 发布暗访结果, and the way to its report. */
import { ArrowLeftOutlined, BarChartOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useRound, type RoundDetail } from '../../api/inspections';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { ReleaseButton } from './release-button';
import { RoundSitesTable } from './round-sites-table';
import { pct, RoundKindTag } from './round-tags';
import { useSiteTypeNames } from './use-site-type-names';

function SampleText({ round }: { round: RoundDetail }) {
  const typeName = useSiteTypeNames();
  const s = round.sample;
  if (!s) return <>手动选择</>;
  if (s.recheckDays) return <>回头看：最近 {s.recheckDays} 天内已结案问题所在点位</>;
  return (
    <span>
      随机抽样：{(s.siteTypeCodes ?? []).map(typeName).join('、')}，每类 {s.perType} 个
      {s.seed && (
        <>
          ，种子{' '}
          <Typography.Text code copyable={{ text: s.seed, tooltips: ['复制种子', '已复制'] }}>
            {s.seed}
          </Typography.Text>
        </>
      )}
    </span>
  );
}

/** Round detail page. */
export default function RoundDetailPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const query = useRound(id);
  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/inspections')}>
      返回列表
    </Button>
  );
  if (query.isPending)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (query.isError || !query.data) {
    const missing = query.error?.status === 404 || query.error?.status === 400;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '督查轮次不存在或无权查看' : '加载失败'}
        subTitle={missing ? undefined : query.error?.message}
        extra={back}
      />
    );
  }
  const r = query.data;
  const visited = r.sites.filter((s) => s.visitId).length;
  const canReport = hasPermission(session, 'inspections.report');

  return (
    <>
      <PageTitle
        title={r.name}
        subTitle={<RoundKindTag kind={r.kind} released={!!r.releasedAt} />}
        extra={
          <Space wrap>
            {back}
            {r.abilities.release && <ReleaseButton round={r} />}
            {canReport && (
              <Button type="primary" icon={<BarChartOutlined aria-hidden />} onClick={() => navigate(`/inspections/${r.id}/report`)}>
                测评报告
              </Button>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card variant="borderless" title="轮次信息">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'kind', label: '督查类型', children: <RoundKindTag kind={r.kind} released={!!r.releasedAt} /> },
              { key: 'campaign', label: '创建项目', children: r.campaignName },
              { key: 'region', label: '督查范围', children: r.regionName },
              { key: 'dates', label: '督查日期', children: `${r.startDate} 至 ${r.endDate}` },
              { key: 'threshold', label: '达标线', children: `得分率 ≥ ${pct(r.passThreshold, 0)}` },
              { key: 'progress', label: '测评进度', children: `已测评 ${visited} / ${r.sites.length} 个点位` },
              ...(r.isCovert
                ? [
                    {
                      key: 'release',
                      label: '发布状态',
                      children: r.releasedAt ? `已于 ${formatTime(r.releasedAt)} 发布` : '未发布（被督查单位不可见）',
                    },
                  ]
                : []),
              { key: 'sample', label: '选点方式', children: <SampleText round={r} />, span: 'filled' as const },
            ]}
          />
        </Card>
        <Card variant="borderless" title={r.teamLabel ? '督查人员' : `督查人员（${r.inspectors.length}）`}>
          {r.teamLabel ? (
            // The covert team stays anonymous to the inspected, after release too.
            <Tag color="default">{r.teamLabel}</Tag>
          ) : r.inspectors.length ? (
            <Space wrap size={[4, 8]} aria-label="督查人员">
              {r.inspectors.map((u) => (
                <Tag key={u.id} color="blue">
                  {u.name}
                </Tag>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">未指定督查人员</Typography.Text>
          )}
        </Card>
        <Card variant="borderless" title={`点位（${r.sites.length}）`}>
          <RoundSitesTable round={r} />
        </Card>
      </Space>
    </>
  );
}
