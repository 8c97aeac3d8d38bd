/**
 * 测评预测: the expected 实地考察 score of a campaign's active 测评体系 with its 80 % band (a plain CSS range bar over
 * the grade zones), the breakdown by 测评项目 and by site type, and the 对标补短 priority list — each row linking to
 * the open problems of that standard at that site type. The method is explained in 估算方法; thin data says 数据不足.
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { OPEN_STATES } from '@common/problem-workflow';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Popover,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { usePrediction, type Prediction, type PredictionPriority } from '../../api/prediction';
import { ExportButton } from '../../components/export-button';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { CampaignSelect } from '../../components/remote-select';
import { ResponsiveList } from '../../components/responsive-list';

const GRADE_COLORS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
const ROUND_KIND_LABELS: Record<string, string> = {
  routine: '日常督查',
  special: '专项督查',
  covert: '暗访',
  mock: '模拟测评',
  recheck: '回头看',
};

const fmt = (x: number, d = 2) => x.toFixed(d);
const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;

/** The link to the open problems of a (standard, site type). */
export const problemsLink = (p: PredictionPriority) =>
  `/problems?${new URLSearchParams({ standardCode: p.standardCode, siteType: p.siteTypeCode, state: OPEN_STATES.join(',') })}`;

function MethodPopover({ method }: { method: Prediction['method'] }) {
  const content = (
    <div style={{ maxWidth: 420, lineHeight: 1.7 }}>
      <p style={{ margin: 0 }}>
        <b>预计得分</b> = Σ 每条实地考察标准的分值 × 该标准的预计达标率。预计达标率按各类点位被抽中的比例加权（最近 {method.roundsAsked}{' '}
        轮已发布督查中各类点位出现的次数；从未抽到时按各类点位的数量）；负面清单、问卷调查和材料审核不在此列。
      </p>
      <p style={{ margin: '8px 0 0' }}>
        <b>达标率</b>
        取自这些轮次的测评结果（暗访在发布后才计入，回头看不计入），按贝叶斯方法估计：某类点位观测少时，向该标准在各类点位的总体达标率靠拢，再少时向全县总体达标率靠拢（先验相当于{' '}
        {method.priorStrength} 条观测）。
      </p>
      <p style={{ margin: '8px 0 0' }}>
        <b>区间</b>为 {Math.round(method.bandLevel * 100)}% 预测区间：模拟 {method.draws}{' '}
        次，既考虑达标率本身的不确定（全县、各标准、各类点位三层一起抽样），也考虑测评时抽中哪些点位的偶然性。同一点位多条标准同时不达标的情况未单独建模，实际区间可能略宽。
      </p>
      <p style={{ margin: '8px 0 0' }}>
        <b>对标补短</b>：待争取分 = 分值 × 权重 × (1 − 预计达标率)；整改后预计增分 = 分值 × 权重 × min(有未结问题的点位数 ÷ 该类点位总数, 1
        − 预计达标率)，即假设这些点位的问题整改到位后都能达标。
      </p>
      <p style={{ margin: '8px 0 0' }}>
        观测不足 {method.minObservations} 条的标准标注“数据不足”；点位次少于 {method.minObservations}{' '}
        个，或有足够观测的标准分值不足满分一半时，整体预测标注“数据不足”。这是估算，不是正式测评结果。
      </p>
    </div>
  );
  return (
    <Popover title="估算方法" content={content} trigger="click" placement="bottomRight">
      <Button icon={<InfoCircleOutlined aria-hidden />}>估算方法</Button>
    </Popover>
  );
}

/** The score on a bar from 0 to full marks: grade zones, the band and the expected score. */
function ScoreBar({ score }: { score: Prediction['score'] }) {
  const full = score.fullMarks || 1;
  const at = (x: number) => `${Math.max(0, Math.min(100, (x / full) * 100))}%`;
  const zones = [
    { from: 0, to: 60, color: '#fff1f0', label: 'D' },
    { from: 60, to: 75, color: '#fff7e6', label: 'C' },
    { from: 75, to: 90, color: '#e6f4ff', label: 'B' },
    { from: 90, to: 100, color: '#f6ffed', label: 'A' },
  ];
  return (
    <div
      role="img"
      aria-label={`预计得分 ${fmt(score.expected)} 分，80% 区间 ${fmt(score.low)} 至 ${fmt(score.high)} 分，满分 ${fmt(score.fullMarks)} 分`}
      style={{ margin: '8px 0 4px' }}
    >
      <div style={{ position: 'relative', height: 36, borderRadius: 6, overflow: 'hidden', border: '1px solid #d9d9d9' }}>
        {zones.map((z) => (
          <div
            key={z.label}
            style={{
              position: 'absolute',
              left: `${z.from}%`,
              width: `${z.to - z.from}%`,
              top: 0,
              bottom: 0,
              background: z.color,
              borderRight: z.to < 100 ? '1px dashed #bfbfbf' : undefined,
            }}
          >
            <span style={{ position: 'absolute', right: 4, top: 2, fontSize: 11, color: '#8c8c8c' }}>{z.label}</span>
          </div>
        ))}
        <div
          style={{
            position: 'absolute',
            left: at(score.low),
            width: `calc(${at(score.high)} - ${at(score.low)})`,
            top: 8,
            bottom: 8,
            background: 'rgba(22, 119, 255, 0.35)',
            borderRadius: 3,
          }}
        />
        <div
          style={{ position: 'absolute', left: at(score.expected), top: 2, bottom: 2, width: 3, marginLeft: -1, background: '#0958d9' }}
        />
      </div>
      <div style={{ position: 'relative', height: 18, fontSize: 12, color: '#8c8c8c' }}>
        <span style={{ position: 'absolute', left: 0 }}>0</span>
        <span style={{ position: 'absolute', left: '60%', transform: 'translateX(-50%)' }}>60%</span>
        <span style={{ position: 'absolute', left: '75%', transform: 'translateX(-50%)' }}>75%</span>
        <span style={{ position: 'absolute', left: '90%', transform: 'translateX(-50%)' }}>90%</span>
      </div>
    </div>
  );
}

function ScoreCard({ p }: { p: Prediction }) {
  const s = p.score;
  return (
    <Card>
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} md={8}>
          <Statistic
            title="预计实地考察得分"
            value={s.expected}
            precision={2}
            suffix={<span style={{ fontSize: 16, color: '#8c8c8c' }}>/ {fmt(s.fullMarks)}</span>}
            valueStyle={{ fontSize: 40, fontWeight: 600 }}
          />
          <Space wrap style={{ marginTop: 4 }}>
            <Tag color={GRADE_COLORS[s.grade]}>{s.grade} 级</Tag>
            <span>得分率 {fmt(s.percent, 1)}%</span>
            {s.insufficient && <Tag color="warning">数据不足</Tag>}
          </Space>
        </Col>
        <Col xs={24} md={16}>
          <Typography.Text>
            80% 区间：{fmt(s.low)} – {fmt(s.high)} 分（
            {s.lowGrade === s.highGrade ? `${s.lowGrade} 级` : `${s.lowGrade} 级至 ${s.highGrade} 级`}）
          </Typography.Text>
          <ScoreBar score={s} />
          <Typography.Text type="secondary">
            依据 {p.rounds.length} 轮已发布督查、{s.visits} 个点位次、{s.observations} 条观测；有足够观测（≥ {p.method.minObservations}{' '}
            条）的标准占满分 {pct(s.coverage, 0)}。测评体系：{p.version?.name ?? '—'}
          </Typography.Text>
        </Col>
      </Row>
      {s.insufficient && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          message="数据不足，预测仅供参考"
          description={`${
            s.visits < p.method.minObservations
              ? `最近的已发布督查只测评了 ${s.visits} 个点位次（少于 ${p.method.minObservations} 个）`
              : `有足够观测（≥ ${p.method.minObservations} 条）的标准只占满分的 ${pct(s.coverage, 0)}（不足一半），多数标准的达标率靠全县或同类标准推算`
          }，区间较宽。多组织几轮覆盖各类点位的督查或模拟测评后再看。`}
        />
      )}
    </Card>
  );
}

function Breakdowns({ p }: { p: Prediction }) {
  const rate = (e: number, f: number) =>
    f > 0 ? <Progress percent={Math.round((e / f) * 1000) / 10} size="small" style={{ minWidth: 100 }} /> : '—';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title="按测评项目" size="small">
          <Table
            rowKey="name"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.byItem}
            locale={{ emptyText: '测评体系中没有实地考察标准' }}
            columns={[
              { title: '测评项目', dataIndex: 'name' },
              { title: '标准数', dataIndex: 'standards', align: 'right' },
              { title: '满分', dataIndex: 'fullMarks', align: 'right', render: (x: number) => fmt(x) },
              { title: '预计得分', dataIndex: 'expected', align: 'right', render: (x: number) => fmt(x) },
              { title: '得分率', key: 'rate', render: (_: unknown, r) => rate(r.expected, r.fullMarks) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="按点位类型" size="small">
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.bySiteType.filter((t) => t.fullMarks > 0)}
            locale={{ emptyText: '没有可测评的点位类型' }}
            columns={[
              { title: '点位类型', dataIndex: 'name' },
              { title: '抽中点位次', dataIndex: 'sampled', align: 'right' },
              { title: '点位数', dataIndex: 'registered', align: 'right' },
              { title: '观测', dataIndex: 'observations', align: 'right' },
              { title: '对应满分', dataIndex: 'fullMarks', align: 'right', render: (x: number) => fmt(x) },
              { title: '预计得分', dataIndex: 'expected', align: 'right', render: (x: number) => fmt(x) },
              { title: '得分率', key: 'rate', render: (_: unknown, r) => rate(r.expected, r.fullMarks) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

type SortKey = 'expectedGain' | 'atStake' | 'passRate' | 'openProblems';

function PriorityList({ p }: { p: Prediction }) {
  const [sort, setSort] = useState<{ key: SortKey; order: SortOrder }>({ key: 'expectedGain', order: 'descend' });
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const rows = [...p.priorities].map((r, i) => ({ ...r, rank: i + 1, key: `${r.standardId}|${r.siteTypeCode}` }));
  type Row = (typeof rows)[number];
  if (sort.order)
    rows.sort((a, b) => {
      // Ties keep the priority order whichever way the column is sorted.
      const d = a[sort.key] - b[sort.key];
      return (sort.order === 'ascend' ? d : -d) || a.rank - b.rank;
    });
  const sortable = (key: SortKey) => ({ key, sorter: true, sortOrder: sort.key === key ? sort.order : null });
  const problems = (r: Row) =>
    r.openProblems ? (
      <span>
        {r.openProblems} 件（{r.problemSites} 个点位）
        {r.overdueProblems > 0 && (
          <Tag color="red" style={{ marginInlineStart: 4 }}>
            超期 {r.overdueProblems}
          </Tag>
        )}
      </span>
    ) : (
      <Typography.Text type="secondary">无</Typography.Text>
    );
  return (
    <ResponsiveList<Row>
      rowKey="key"
      size="middle"
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description="没有需要补短的测评标准（或还没有测评数据）" /> }}
      pagination={{ ...page, total: rows.length, showSizeChanger: true, showTotal: (n) => `共 ${n} 项` }}
      onChange={(pg, _f, sorter) => {
        setPage({ current: pg.current ?? 1, pageSize: pg.pageSize ?? 10 });
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        if (s?.columnKey) setSort({ key: s.columnKey as SortKey, order: s.order ?? null });
      }}
      cardHref={(r) => problemsLink(r)}
      cardLabel={(r) => `查看 ${r.standardCode} 在${r.siteTypeName}的未结问题`}
      card={(r) => (
        <div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <b>
              {r.rank}. {r.standardCode}
            </b>
            <span>
              增分 <b>{fmt(r.expectedGain)}</b> / 待争取 {fmt(r.atStake)}
            </span>
          </div>
          <div style={{ color: '#595959', overflowWrap: 'anywhere' }}>{r.standardText}</div>
          <Space wrap size={[8, 0]} style={{ fontSize: 13 }}>
            <span>{r.siteTypeName}</span>
            <span>分值 {fmt(r.points)}</span>
            <span>达标率 {pct(r.passRate, 0)}</span>
            {r.insufficient && <Tag color="warning">数据不足</Tag>}
          </Space>
          <div style={{ fontSize: 13 }}>未结问题：{problems(r)}</div>
        </div>
      )}
      columns={[
        { title: '序号', dataIndex: 'rank', width: 60 },
        {
          title: '测评标准',
          key: 'standard',
          render: (_: unknown, r) => (
            <div style={{ maxWidth: 360 }}>
              <b>{r.standardCode}</b> <Typography.Text type="secondary">{r.itemName}</Typography.Text>
              <div style={{ whiteSpace: 'normal' }}>{r.standardText}</div>
            </div>
          ),
        },
        { title: '点位类型', dataIndex: 'siteTypeName' },
        { title: '分值', dataIndex: 'points', align: 'right', render: (x: number) => fmt(x) },
        { title: '权重', dataIndex: 'weight', align: 'right', render: (x: number) => pct(x, 0) },
        {
          title: '预计达标率',
          ...sortable('passRate'),
          align: 'right',
          render: (_: unknown, r) => (
            <span>
              {pct(r.passRate, 0)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                （{r.passed}/{r.passed + r.failed}）
              </Typography.Text>
              {r.insufficient && (
                <div>
                  <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                    数据不足
                  </Tag>
                </div>
              )}
            </span>
          ),
        },
        { title: '待争取分', ...sortable('atStake'), align: 'right', render: (_: unknown, r) => fmt(r.atStake) },
        { title: '整改后预计增分', ...sortable('expectedGain'), align: 'right', render: (_: unknown, r) => <b>{fmt(r.expectedGain)}</b> },
        {
          title: '未结问题',
          ...sortable('openProblems'),
          render: (_: unknown, r) => (
            <div>
              {problems(r)}
              {r.oldestOpenAt && <div style={{ fontSize: 12, color: '#8c8c8c' }}>最早 {formatTime(r.oldestOpenAt).slice(0, 10)}</div>}
            </div>
          ),
        },
        { title: '操作', key: 'link', render: (_: unknown, r) => <Link to={problemsLink(r)}>查看问题</Link> },
      ]}
    />
  );
}

export default function PredictionPage() {
  const [search, setSearch] = useSearchParams();
  const campaignId = search.get('campaignId') ?? undefined;
  const rounds = Number(search.get('rounds')) || 3;
  const q = usePrediction({ campaignId, rounds });
  const p = q.data;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setSearch(next, { replace: true });
  };
  const notFound = q.error instanceof ApiError && q.error.status === 404;
  return (
    <div>
      <PageTitle
        title="测评预测"
        subTitle="按最近已发布督查的测评结果，估算实地考察得分和对标补短的重点"
        extra={
          <>
            <CampaignSelect
              aria-label="选择创建项目"
              value={campaignId ?? p?.campaign.id}
              initialOptions={p ? [{ id: p.campaign.id, name: p.campaign.name }] : []}
              onChange={(v) => set({ campaignId: v === undefined ? undefined : String(v) })}
              style={{ width: 260, maxWidth: '100%' }}
            />
            <Select
              aria-label="依据的督查轮数"
              value={rounds}
              onChange={(v: number) => set({ rounds: String(v) })}
              options={[1, 2, 3, 4, 6, 12].map((n) => ({ value: n, label: `最近 ${n} 轮` }))}
              style={{ width: 120 }}
            />
            {p && <MethodPopover method={p.method} />}
            {p && (
              <ExportButton
                path="/api/prediction/priorities.xlsx"
                params={{ campaignId: p.campaign.id, rounds }}
                fileName={`${p.campaign.name}对标补短清单.xlsx`}
              />
            )}
          </>
        }
      />
      {q.isLoading && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {notFound && <Result status="info" title="没有可预测的创建项目" subTitle="请选择您负责的创建项目" />}
      {q.error && !notFound && <Alert type="error" showIcon message="预测加载失败" description={q.error.message} />}
      {p && !p.version && <Empty description="该创建项目还没有测评体系，无法预测" />}
      {p && p.version && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <ScoreCard p={p} />
          <Breakdowns p={p} />
          <Card
            title="对标补短清单"
            extra={<Typography.Text type="secondary">按整改后预计增分排序</Typography.Text>}
            styles={{ body: { paddingTop: 12 } }}
          >
            <PriorityList p={p} />
          </Card>
          <Card title="依据的督查轮次" size="small">
            {p.rounds.length ? (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={p.rounds}
                columns={[
                  { title: '轮次', dataIndex: 'name', render: (name: string, r) => <Link to={`/inspections/${r.id}`}>{name}</Link> },
                  { title: '类型', dataIndex: 'kind', render: (k: string) => ROUND_KIND_LABELS[k] ?? k },
                  { title: '时间', key: 'dates', render: (_: unknown, r) => `${r.startDate} 至 ${r.endDate}` },
                  { title: '抽取点位', dataIndex: 'sites', align: 'right' },
                  { title: '已测评', dataIndex: 'visits', align: 'right' },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">还没有已发布的督查测评结果（暗访需发布后计入）。</Typography.Text>
            )}
          </Card>
        </Space>
      )}
    </div>
  );
}
