/**
 * 一次评选: its kind, level, schedule and phase; tabs for the office (推荐对象, 待审核, 投票监测, 评审结果, 发布) or, for a
 * unit, its own nominations; 推荐 while nominations are open; 修改 for the office before publication.
 */
import { LEVEL_LABELS, SELECTION_KIND_LABELS } from '@common/honours';
import { Alert, Badge, Button, Descriptions, Space, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useHonourCategories, useSelection } from '../../api/honours';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { dayRange, PhaseTag, quotaList } from './honours-format';
import { SelectionFormDrawer } from './selection-form';
import { FlagsTab, NominationsTab, PublishTab, ResultsTab } from './selection-tabs';

export default function SelectionPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const q = useSelection(id);
  const [edit, setEdit] = useState(false);
  const categories = useHonourCategories();
  if (q.isLoading) return <PageLoading />;
  if (q.error || !q.data) return <Alert type="error" showIcon title={q.error?.message ?? '评选不存在或无权查看'} />;
  const s = q.data;
  const quotas = quotaList(s.categoryQuotas, categories.data?.items);
  const overseer = s.abilities.verify || s.counts.nominations > 0 || s.counts.votes > 0 || s.abilities.publish;
  const tab = search.get('tab') ?? 'nominations';
  const tabs = [
    { key: 'nominations', label: overseer ? '推荐对象' : '我的推荐', children: <NominationsTab selection={s} /> },
    ...(s.abilities.verify || overseer
      ? [
          {
            key: 'queue',
            label: (
              <Badge count={s.counts.pending} size="small" offset={[8, 0]}>
                待审核
              </Badge>
            ),
            children: <NominationsTab selection={s} queue />,
          },
          {
            key: 'votes',
            label: (
              <Badge count={s.counts.flagged} size="small" offset={[8, 0]}>
                投票监测
              </Badge>
            ),
            children: <FlagsTab selection={s} />,
          },
          { key: 'results', label: '评审结果', children: <ResultsTab selection={s} /> },
          { key: 'publish', label: '发布', children: <PublishTab selection={s} /> },
        ]
      : []),
  ];
  return (
    <>
      <PageTitle
        title={s.title}
        subTitle={<PhaseTag phase={s.phase} />}
        extra={
          <Space wrap>
            {s.abilities.nominate && (
              <Button type="primary" onClick={() => navigate(`/honours/selections/${s.id}/nominate`)}>
                推荐
              </Button>
            )}
            {s.abilities.update && <Button onClick={() => setEdit(true)}>修改</Button>}
            {(s.phase === 'voting' || s.phase === 'reviewing' || s.phase === 'published') && (
              <a href={`/p/honours/${s.id}`} target="_blank" rel="noreferrer">
                公开页面
              </a>
            )}
          </Space>
        }
      />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="类型">{SELECTION_KIND_LABELS[s.kind]}</Descriptions.Item>
        <Descriptions.Item label="范围">
          {s.regionName}（{LEVEL_LABELS[s.level] ?? s.level}）
        </Descriptions.Item>
        <Descriptions.Item label="评选期">{s.period}</Descriptions.Item>
        <Descriptions.Item label="推荐">{dayRange(s.nominationStartsOn, s.nominationEndsOn)}</Descriptions.Item>
        <Descriptions.Item label="公示投票">{dayRange(s.votingStartsOn, s.votingEndsOn)}</Descriptions.Item>
        <Descriptions.Item label="发布">{s.publishOn}</Descriptions.Item>
        <Descriptions.Item label="名额">
          {s.winnersCount} 名{quotas && `（${quotas}）`}
        </Descriptions.Item>
        <Descriptions.Item label="权重">
          投票 {s.voteWeight} / 评审 {s.reviewWeight}
        </Descriptions.Item>
        {overseer && (
          <Descriptions.Item label="统计">
            推荐 {s.counts.nominations}，候选 {s.counts.candidates}，有效票 {s.counts.votes}
          </Descriptions.Item>
        )}
      </Descriptions>
      {s.description && <Alert type="info" title={s.description} style={{ marginBottom: 12 }} />}
      <Tabs activeKey={tab} onChange={(k) => setSearch({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
      <SelectionFormDrawer selection={edit ? s : null} onClose={() => setEdit(false)} onSaved={() => undefined} />
      <div style={{ marginTop: 16 }}>
        <Link to="/honours">返回评选列表</Link>
      </div>
    </>
  );
}
