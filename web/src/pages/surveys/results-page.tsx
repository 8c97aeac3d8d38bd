/**
 * 调查结果 (/surveys/waves/:id/results): 知晓率 / 支持率 / 参与率 / 满意度 by town, group, question or overall, from
 * interviews, the public link or both, optionally weighted to the population; each rate with its 95 % Wilson interval,
 * its n and the change against the region's previous wave; rows under the standards' thresholds highlighted; the
 * questions that cost most; a chart of the rate per town with whiskers; interview and public side by side; the .xlsx
 * and .docx exports. Cards on a phone.
 */
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { RESPONSE_MODE_LABELS, SURVEY_RATE_LABELS, SURVEY_RATES, type SurveyRate } from '@common/surveys';
import { Alert, Button, Card, Empty, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSurveyResults, useWave, type ResultsParams, type SurveyResults } from '../../api/surveys';
import { notifyError } from '../../components/notify';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { belowThreshold, change, pct, RATE_THRESHOLDS, rateWithInterval } from './results-format';
import { downloadAnswers, downloadReport, type RateRow } from './wave-api';

const ResultsChart = lazy(() => import('./results-chart'));

const GROUP_BY_OPTIONS = [
  { value: 'town', label: '乡镇' },
  { value: 'group', label: '人群' },
  { value: 'question', label: '题目' },
  { value: 'total', label: '总体' },
] as const;
const SOURCE_OPTIONS = [
  { value: 'interview', label: '访问' },
  { value: 'public', label: '公众链接' },
  { value: 'all', label: '全部' },
] as const;
const GROUP_BY_TITLE = { town: '乡镇（街道）', group: '调查对象', question: '题目', total: '范围' } as const;

type Source = NonNullable<ResultsParams['source']>;
type GroupBy = NonNullable<ResultsParams['groupBy']>;

function RateCell({ row, rate, showChange }: { row: RateRow; rate: SurveyRate; showChange: boolean }) {
  const value = row[rate];
  const low = belowThreshold(rate, value);
  const delta = showChange ? change(value, row.previous?.[rate]) : null;
  return (
    <span style={{ color: low ? '#cf1322' : undefined, fontWeight: low ? 600 : undefined }}>
      {rateWithInterval(value, row.ci[rate])}
      {delta && (
        <span
          style={{
            marginInlineStart: 6,
            fontSize: 12,
            fontWeight: 400,
            color: delta.dir > 0 ? '#389e0d' : delta.dir < 0 ? '#cf1322' : '#8c8c8c',
          }}
          title="与上一轮调查相比"
        >
          {delta.text}
        </span>
      )}
    </span>
  );
}

/** Rates that have a figure somewhere in the answer (a questionnaire need not ask for all four). */
function ratesIn(results: SurveyResults | undefined): SurveyRate[] {
  if (!results) return [];
  const rows = [results.total, ...results.rates];
  const found = SURVEY_RATES.filter((r) => rows.some((row) => row[r] !== null));
  return found.length ? found : [...SURVEY_RATES];
}

function isLow(row: RateRow, rates: SurveyRate[]): boolean {
  return rates.some((r) => belowThreshold(r, row[r]));
}

function Exports({ id, name, source, weighted }: { id: string; name: string; source: Source; weighted: boolean }) {
  const [busy, setBusy] = useState<'xlsx' | 'docx' | null>(null);
  const run = async (kind: 'xlsx' | 'docx') => {
    setBusy(kind);
    try {
      if (kind === 'xlsx') await downloadAnswers(id, name);
      else await downloadReport(id, name, { source, weighted });
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy === 'xlsx'} onClick={() => void run('xlsx')}>
        导出答卷
      </Button>
      <Button icon={<FileWordOutlined aria-hidden />} loading={busy === 'docx'} onClick={() => void run('docx')}>
        导出报告
      </Button>
    </>
  );
}

export default function SurveyResultsPage() {
  const { id } = useParams();
  const wave = useWave(id);
  const [groupBy, setGroupBy] = useState<GroupBy>('town');
  const [source, setSource] = useState<Source>('interview');
  const [weighted, setWeighted] = useState(false);
  const results = useSurveyResults(id, { groupBy, source, weighted });
  // The chart is always by town (shared with the table's query when the table is by town too).
  const byTown = useSurveyResults(id, { groupBy: 'town', source, weighted });
  const r = results.data;
  const rates = useMemo(() => ratesIn(r), [r]);
  const [chartRate, setChartRate] = useState<SurveyRate | null>(null);
  const shownChartRate = chartRate && rates.includes(chartRate) ? chartRate : rates.includes('satisfaction') ? 'satisfaction' : rates[0];

  if (wave.isLoading || (results.isLoading && !r)) return <PageLoading />;
  if (!wave.data) return <Alert type="error" showIcon title="调查不存在或无权查看" />;
  const w = wave.data;
  const showChange = !!r?.previousWave;

  const controls = (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Space wrap size={[16, 8]}>
        <Segmented<GroupBy> aria-label="分组" options={[...GROUP_BY_OPTIONS]} value={groupBy} onChange={setGroupBy} />
        <Segmented<Source> aria-label="来源" options={[...SOURCE_OPTIONS]} value={source} onChange={setSource} />
        <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          <Switch checked={weighted} onChange={setWeighted} aria-label="加权" />
          加权
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            （按各乡镇、人群的人口事后加权）
          </Typography.Text>
        </label>
      </Space>
    </Card>
  );

  const title = (
    <PageTitle
      title={`${w.name} · 调查结果`}
      subTitle={
        <>
          {w.regionName} · {w.questionnaire.name}（第 {w.questionnaire.version} 版）
          {r?.previousWave && ` · 对比上一轮：${r.previousWave.name}`}
        </>
      }
      extra={
        <>
          <Link to={`/surveys/waves/${w.id}`}>
            <Button>调查进度</Button>
          </Link>
          <Exports id={String(w.id)} name={w.name} source={source} weighted={weighted} />
        </>
      }
    />
  );

  if (!r || r.total.n === 0) {
    return (
      <div>
        {title}
        {controls}
        <Card>
          <Empty
            description={
              source === 'public'
                ? '还没有公众答卷'
                : source === 'all'
                  ? '还没有答卷'
                  : '还没有有效访问：访问员提交答卷后，这里按乡镇、人群显示各项比率'
            }
          />
        </Card>
      </div>
    );
  }

  const rows = groupBy === 'total' ? [r.total] : r.rates;
  const thresholdNote = Object.entries(RATE_THRESHOLDS)
    .filter(([k]) => rates.includes(k as SurveyRate))
    .map(([k, v]) => `${SURVEY_RATE_LABELS[k as SurveyRate]}低于${Math.round((v ?? 0) * 100)}%`)
    .join('、');
  const townRows = (byTown.data?.rates ?? []).map((row) => ({
    name: row.name,
    n: row.n,
    rate: shownChartRate ? row[shownChartRate] : null,
    ci: shownChartRate ? row.ci[shownChartRate] : null,
  }));

  return (
    <div>
      {title}
      {controls}

      <div
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: 12, marginBottom: 16 }}
        data-testid="totals"
      >
        {rates.map((rate) => {
          const low = belowThreshold(rate, r.total[rate]);
          const delta = change(r.total[rate], r.total.previous?.[rate]);
          return (
            <Card key={rate} size="small" style={low ? { borderColor: '#ffa39e', background: '#fff1f0' } : undefined}>
              <Typography.Text type="secondary">{SURVEY_RATE_LABELS[rate]}</Typography.Text>
              <div style={{ fontSize: 24, fontWeight: 600, color: low ? '#cf1322' : undefined }}>
                {r.total[rate] === null ? '—' : pct(r.total[rate])}
              </div>
              <div style={{ fontSize: 12 }}>
                {r.total.ci[rate] ? `95%区间 ${rateWithInterval(r.total[rate], r.total.ci[rate]).replace(/^[^（]*/, '')}` : ''}
              </div>
              {delta && (
                <div style={{ fontSize: 12, color: delta.dir > 0 ? '#389e0d' : delta.dir < 0 ? '#cf1322' : '#8c8c8c' }}>
                  较上轮 {delta.text}
                </div>
              )}
            </Card>
          );
        })}
        <Card size="small">
          <Typography.Text type="secondary">样本量{weighted ? '（有效）' : ''}</Typography.Text>
          <div style={{ fontSize: 24, fontWeight: 600 }}>{r.total.n}</div>
        </Card>
      </div>

      <Card size="small" title={`各项比率（按${GROUP_BY_OPTIONS.find((o) => o.value === groupBy)?.label}）`} style={{ marginBottom: 16 }}>
        {thresholdNote && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0, fontSize: 12 }} data-testid="threshold-note">
            <Tag color="red">{thresholdNote}</Tag>的标红（支持率70%：省级推荐底线；满意度90%：国家卫生城市标准）
          </Typography.Paragraph>
        )}
        <ResponsiveList<RateRow>
          rowKey="key"
          size="small"
          pagination={false}
          loading={results.isFetching}
          dataSource={rows}
          data-testid="rates-table"
          rowClassName={(row) => (isLow(row, rates) ? 'cc-rate-low' : '')}
          cardClassName={(row) => (isLow(row, rates) ? 'cc-card-overdue' : '')}
          columns={[
            { title: GROUP_BY_TITLE[groupBy], dataIndex: 'name', key: 'name' },
            { title: '样本', dataIndex: 'n', key: 'n', align: 'right' },
            ...rates.map((rate) => ({
              title: `${SURVEY_RATE_LABELS[rate]}（95%区间）`,
              key: rate,
              render: (_: unknown, row: RateRow) => <RateCell row={row} rate={rate} showChange={showChange} />,
            })),
          ]}
          card={(row) => (
            <div>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <strong>{row.name}</strong>
                <span>样本 {row.n}</span>
              </div>
              {rates.map((rate) => (
                <div key={rate} style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                  <Typography.Text type="secondary">{SURVEY_RATE_LABELS[rate]}</Typography.Text>
                  <RateCell row={row} rate={rate} showChange={showChange} />
                </div>
              ))}
            </div>
          )}
        />
        <style>{'.cc-rate-low > td { background: #fff1f0 !important; }'}</style>
      </Card>

      {shownChartRate && townRows.length > 0 && (
        <Card
          size="small"
          title="各乡镇比较"
          style={{ marginBottom: 16 }}
          extra={
            <Select
              aria-label="图表指标"
              size="small"
              value={shownChartRate}
              onChange={setChartRate}
              options={rates.map((rate) => ({ value: rate, label: SURVEY_RATE_LABELS[rate] }))}
              style={{ width: 100 }}
            />
          }
        >
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <ResultsChart
              rows={townRows}
              rateLabel={SURVEY_RATE_LABELS[shownChartRate]}
              threshold={RATE_THRESHOLDS[shownChartRate] ?? null}
            />
          </Suspense>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            柱为比率，细线为95%置信区间；区间越宽，样本越少、结论越不确定。
          </Typography.Text>
        </Card>
      )}

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: 16 }}>
        <Card size="small" title="失分较多的题目（得分率由低到高）">
          {r.questions.length === 0 ? (
            <Typography.Text type="secondary">问卷中没有计入比率的题目。</Typography.Text>
          ) : (
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="costly-questions">
              {r.questions.slice(0, 10).map((q) => (
                <li key={q.code} style={{ marginBottom: 6 }}>
                  <div style={{ overflowWrap: 'anywhere' }}>{q.text}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {SURVEY_RATE_LABELS[q.rate]} · {rateWithInterval(q.share, q.ci)} · 样本 {q.n}
                  </Typography.Text>
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card size="small" title="访问与公众链接对照">
          <ResponsiveList
            rowKey="source"
            size="small"
            pagination={false}
            dataSource={r.bySource}
            columns={[
              {
                title: '来源',
                dataIndex: 'source',
                key: 'source',
                render: (s: keyof typeof RESPONSE_MODE_LABELS) => RESPONSE_MODE_LABELS[s],
              },
              { title: '样本', dataIndex: 'n', key: 'n', align: 'right' },
              ...rates.map((rate) => ({
                title: SURVEY_RATE_LABELS[rate],
                key: rate,
                render: (_: unknown, row: SurveyResults['bySource'][number]) => (row[rate] === null ? '—' : pct(row[rate])),
              })),
            ]}
            card={(row) => (
              <div>
                <strong>{RESPONSE_MODE_LABELS[row.source]}</strong> · 样本 {row.n}
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 12px' }}>
                  {rates.map((rate) => (
                    <span key={rate}>
                      {SURVEY_RATE_LABELS[rate]} {row[rate] === null ? '—' : pct(row[rate])}
                    </span>
                  ))}
                </div>
              </div>
            )}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            公众链接为自愿填写，不是抽样样本，仅作参考，不计入配额。
          </Typography.Text>
        </Card>
      </div>
    </div>
  );
}
