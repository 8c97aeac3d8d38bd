/**
 * 调查进度 (/surveys/waves/:id): the wave's state and its 开始调查 / 结束调查 (as the server allows), progress per quota cell
 * (town × group, × gender when split) refreshed every 10 s while 调查中, interviewers' progress, the public link per
 * town with its QR code, flagged interviews to review, and the way to results and exports.
 */
import { BarChartOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { GENDER_LABELS, WAVE_STATE_LABELS, type WaveState } from '@common/surveys';
import { Alert, App, Button, Card, Popconfirm, Progress, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { notifyError } from '../../components/notify';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { useWave, useWaveTransition, type Wave } from '../../api/surveys';
import { downloadAnswers, type QuotaCell } from './wave-api';
import { WaveFlagged } from './wave-flagged';
import { WavePublicLinks } from './wave-public-links';

export const WAVE_STATE_COLORS: Record<WaveState, string> = { draft: 'default', open: 'processing', closed: 'success' };

const ACTIONS = {
  open: { label: '开始调查', confirm: '开始调查后配额、人口和访问员不再修改，访问员即可开始访问。确定开始吗？' },
  close: { label: '结束调查', confirm: '结束后访问员和公众链接不再能提交答卷。确定结束吗？' },
} as const;

function CellBar({ cell }: { cell: QuotaCell }) {
  const full = cell.target > 0 && cell.done >= cell.target;
  const gender = cell.gender ? (GENDER_LABELS[cell.gender as 'male' | 'female'] ?? cell.gender) : '';
  const name = `${cell.townName}${cell.groupLabel}${gender}`;
  return (
    <div data-testid={`cell-${cell.townName}-${cell.groupCode}${cell.gender ? `-${cell.gender}` : ''}`} style={{ minWidth: 0 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4, fontSize: 13 }}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {cell.groupLabel}
          {gender && ` · ${gender}`}
        </span>
        <span>
          {cell.done}/{cell.target}
          {full && (
            <Tag color="green" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>
              已满
            </Tag>
          )}
        </span>
      </div>
      <Progress
        percent={cell.target ? Math.min(100, Math.round((cell.done / cell.target) * 100)) : 0}
        showInfo={false}
        size="small"
        status={full ? 'success' : 'active'}
        aria-label={`${name}已完成${cell.done}份，配额${cell.target}份`}
      />
      {cell.publicDone > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          公众 {cell.publicDone} 份
        </Typography.Text>
      )}
    </div>
  );
}

function ProgressGrid({ wave }: { wave: Wave }) {
  const towns = useMemo(() => {
    const byTown = new Map<string, { id: string; name: string; cells: QuotaCell[] }>();
    for (const c of wave.quotas) {
      const key = String(c.townId);
      if (!byTown.has(key)) byTown.set(key, { id: key, name: c.townName, cells: [] });
      byTown.get(key)!.cells.push(c);
    }
    return [...byTown.values()];
  }, [wave.quotas]);
  if (towns.length === 0) return <Typography.Text type="secondary">没有配额（请编辑调查填写人口）。</Typography.Text>;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: 12 }} data-testid="progress-grid">
      {towns.map((t) => {
        const done = t.cells.reduce((a, c) => a + c.done, 0);
        const target = t.cells.reduce((a, c) => a + c.target, 0);
        return (
          <Card key={t.id} size="small" title={t.name} extra={<span>{`${done}/${target}`}</span>}>
            <div style={{ display: 'grid', gap: 8 }}>
              {t.cells.map((c) => (
                <CellBar key={`${c.groupCode}|${c.gender}`} cell={c} />
              ))}
            </div>
          </Card>
        );
      })}
    </div>
  );
}

export default function WavePage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const wave = useWave(id, { live: true });
  const transition = useWaveTransition();
  const [exporting, setExporting] = useState(false);
  const w = wave.data;
  const towns = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of w?.population ?? []) seen.set(String(p.townId), p.townName);
    return [...seen].map(([tid, name]) => ({ id: tid, name }));
  }, [w?.population]);

  if (wave.isLoading) return <PageLoading />;
  if (!w) return <Alert type="error" showIcon title="调查不存在或无权查看" />;

  const act = async (action: 'open' | 'close') => {
    await transition.mutateAsync({ id: String(w.id), action, version: w.version });
    message.success(action === 'open' ? '调查已开始' : '调查已结束');
  };
  const exportAnswers = async () => {
    setExporting(true);
    try {
      await downloadAnswers(String(w.id), w.name);
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(false);
    }
  };
  const interviewDone = w.quotas.reduce((a, c) => a + Math.min(c.done, c.target), 0);
  const percent = w.targetSize ? Math.round((interviewDone / w.targetSize) * 100) : 0;

  return (
    <div>
      <PageTitle
        title={
          <Space wrap size={8}>
            <span>{w.name}</span>
            <Tag color={WAVE_STATE_COLORS[w.state]} data-testid="wave-state">
              {WAVE_STATE_LABELS[w.state]}
            </Tag>
          </Space>
        }
        subTitle={`${w.regionName} · ${w.questionnaire.name}（第 ${w.questionnaire.version} 版）· ${w.startsOn} 至 ${w.endsOn}`}
        extra={
          <>
            {w.allowedActions.map((a) => (
              <Popconfirm
                key={a}
                title={ACTIONS[a].label}
                description={ACTIONS[a].confirm}
                okText={ACTIONS[a].label}
                cancelText="取消"
                onConfirm={() => act(a).catch(() => undefined)}
              >
                <Button type={a === 'open' ? 'primary' : 'default'} danger={a === 'close'} loading={transition.isPending}>
                  {ACTIONS[a].label}
                </Button>
              </Popconfirm>
            ))}
            {w.state === 'draft' && w.abilities?.update && (
              <Link to={`/surveys/waves/${w.id}/edit`}>
                <Button icon={<EditOutlined aria-hidden />}>编辑</Button>
              </Link>
            )}
            {w.abilities?.results !== false && (
              <Link to={`/surveys/waves/${w.id}/results`}>
                <Button icon={<BarChartOutlined aria-hidden />}>查看结果</Button>
              </Link>
            )}
            <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void exportAnswers()}>
              导出答卷
            </Button>
          </>
        }
      />

      <Card size="small" style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'center' }}>
          <Progress type="circle" percent={percent} size={72} aria-label={`完成${percent}%`} />
          <Statistic title="访问完成" value={w.done} suffix={`/ ${w.targetSize}`} />
          <Statistic title="公众答卷" value={w.publicDone} />
          <Statistic title="可疑访问" value={w.flagged} valueStyle={w.flagged ? { color: '#d46b08' } : undefined} />
          <Typography.Text type="secondary">
            最短用时 {w.minDurationSeconds} 秒{w.quotaByGender ? ' · 按性别分配' : ''}
            {w.state === 'open' ? ' · 每10秒自动刷新' : ''}
          </Typography.Text>
        </div>
      </Card>

      <Card size="small" title="配额进度（乡镇 × 人群）" style={{ marginBottom: 16 }}>
        <ProgressGrid wave={w} />
      </Card>

      <Card size="small" title="访问员" style={{ marginBottom: 16 }}>
        {w.interviewers.length === 0 ? (
          <Typography.Text type="secondary">未指派访问员。</Typography.Text>
        ) : (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 8 }} data-testid="interviewers">
            {w.interviewers.map((i) => (
              <div key={String(i.userId)} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                  <strong>{i.name}</strong>
                  <span>{i.done} 份</span>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.townIds.map((t) => towns.find((x) => x.id === String(t))?.name ?? '').join('、')}
                </Typography.Text>
              </div>
            ))}
          </div>
        )}
      </Card>

      {w.publicToken && (
        <Card size="small" title="公众链接" style={{ marginBottom: 16 }}>
          <WavePublicLinks token={w.publicToken} towns={towns} open={w.state === 'open'} />
        </Card>
      )}

      <Card size="small" title={`可疑访问（${w.flagged}）`}>
        <WaveFlagged waveId={String(w.id)} />
      </Card>
    </div>
  );
}
