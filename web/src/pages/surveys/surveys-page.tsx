/**
 * 问卷调查 (/surveys): 调查批次 — every wave with its state, dates and progress (interviews done of the target), each
 * opening its progress page; 问卷 — the questionnaires (versioned) the waves are built on.
 */
import { PlusOutlined } from '@ant-design/icons';
import { WAVE_STATE_LABELS, WAVE_STATES, type WaveState } from '@common/surveys';
import { Button, Card, Progress, Select, Space, Tabs, Tag } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useWaves, type WaveSummary } from '../../api/surveys';
import { PageTitle } from '../../components/page-title';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { ResponsiveList } from '../../components/responsive-list';
import { useTableState } from '../../components/use-table-state';
import { QuestionnaireList } from './questionnaire-list';

const STATE_COLORS: Record<WaveState, string> = { draft: 'default', open: 'processing', closed: 'success' };
const WAVE_FILTERS = ['state', 'regionId'] as const;

function StateTag({ state }: { state: WaveState }) {
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {WAVE_STATE_LABELS[state]}
    </Tag>
  );
}

function Done({ wave }: { wave: WaveSummary }) {
  const percent = wave.targetSize ? Math.min(100, Math.round((wave.done / wave.targetSize) * 100)) : 0;
  return (
    <div style={{ minWidth: 150 }}>
      <Progress percent={percent} size="small" status={wave.state === 'open' ? 'active' : 'normal'} showInfo={false} />
      <span>
        {wave.done}/{wave.targetSize}
        {wave.publicDone ? <span style={{ color: '#888' }}> · 公众 {wave.publicDone}</span> : null}
        {wave.flagged ? <span style={{ color: '#d46b08' }}> · 待核 {wave.flagged}</span> : null}
      </span>
    </div>
  );
}

function WaveList({ manage }: { manage: boolean }) {
  const table = useTableState(WAVE_FILTERS);
  const { filters, params } = table;
  const waves = useWaves({
    state: filters.state as WaveState | undefined,
    regionId: filters.regionId,
    page: params.page,
    pageSize: params.pageSize,
  });
  const navigate = useNavigate();
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Select
          aria-label="筛选状态"
          placeholder="状态"
          allowClear
          value={filters.state}
          onChange={(state?: string) => table.setFilters({ state })}
          options={WAVE_STATES.map((s) => ({ value: s, label: WAVE_STATE_LABELS[s] }))}
          style={{ width: 110 }}
        />
        <RegionTreeSelect
          aria-label="筛选区划"
          placeholder="区划"
          value={filters.regionId}
          onChange={(v) => table.setFilters({ regionId: v === undefined ? undefined : String(v) })}
          style={{ width: 180, maxWidth: '100%' }}
        />
        {manage && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            style={{ marginInlineStart: 'auto' }}
            onClick={() => navigate('/surveys/waves/new')}
          >
            新建调查
          </Button>
        )}
      </div>
      <ResponsiveList<WaveSummary>
        rowKey="id"
        size="middle"
        loading={waves.isFetching}
        dataSource={waves.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: manage ? '暂无调查：先在“问卷”中准备问卷，再点“新建调查”' : '暂无调查' }}
        onChange={table.onChange}
        pagination={table.pagination(waves.data?.total)}
        cardHref={(w) => `/surveys/waves/${w.id}`}
        cardLabel={(w) => `打开调查${w.name}`}
        card={(w) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{w.name}</strong>
              <StateTag state={w.state} />
            </div>
            <div style={{ color: '#666' }}>
              {w.startsOn} 至 {w.endsOn} · {w.regionName}
            </div>
            <div style={{ color: '#666', overflowWrap: 'anywhere' }}>
              {w.questionnaire.name}（v{w.questionnaire.version}）
            </div>
            <Done wave={w} />
          </div>
        )}
        columns={[
          { title: '调查名称', dataIndex: 'name', render: (name: string, w) => <Link to={`/surveys/waves/${w.id}`}>{name}</Link> },
          { title: '状态', dataIndex: 'state', render: (s: WaveState) => <StateTag state={s} /> },
          { title: '调查时间', key: 'dates', render: (_: unknown, w) => `${w.startsOn} 至 ${w.endsOn}` },
          { title: '进度（完成/样本量）', key: 'done', render: (_: unknown, w) => <Done wave={w} /> },
          {
            title: '问卷',
            key: 'questionnaire',
            render: (_: unknown, w) => (
              <Link to={`/surveys/questionnaires/${w.questionnaire.id}`}>
                {w.questionnaire.name}（v{w.questionnaire.version}）
              </Link>
            ),
          },
          { title: '区划', dataIndex: 'regionName' },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, w) => (
              <Space size={8} wrap>
                <Link to={`/surveys/waves/${w.id}`}>进度</Link>
                {w.abilities.results && w.state !== 'draft' && <Link to={`/surveys/waves/${w.id}/results`}>结果</Link>}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

export default function SurveysPage() {
  const { data: session } = useSession();
  const manage = hasPermission(session, 'surveys.manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'questionnaires' ? 'questionnaires' : 'waves';
  return (
    <>
      <PageTitle title="问卷调查" subTitle="群众知晓率、支持率、参与率、满意度调查：问卷、抽样配额、入户访问和公众链接" />
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearchParams(key === 'waves' ? {} : { tab: key }, { replace: true })}
          items={[
            { key: 'waves', label: '调查批次', children: <WaveList manage={manage} /> },
            { key: 'questionnaires', label: '问卷', children: <QuestionnaireList manage={manage} /> },
          ]}
        />
      </Card>
    </>
  );
}
