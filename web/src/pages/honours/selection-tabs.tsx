/**
 * The tabs of a selection for the office: 推荐对象 (every nomination, filtered), 待审核 (the verification queue with
 * 审核通过 / 不予通过), 投票监测 (flagged votes with the evidence; 剔除 with a reason), 评审结果 (weights, review scores,
 * the ranking) and 发布 (winners chosen from the ranking, with a confirmation; the .docx after).
 */
import {
  NOMINATION_SOURCE_LABELS,
  NOMINATION_SOURCES,
  NOMINATION_STATE_LABELS,
  NOMINATION_STATES,
  SUSPICION_RULE_LABELS,
  SUSPICION_RULES,
} from '@common/honours';
import { Alert, Button, Checkbox, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { defaultWinners, quotaExceeded, type CategoryQuotas } from '@common/honours';
import {
  downloadBulletin,
  useExcludeVotes,
  useFlags,
  useHonourCategories,
  useNominations,
  usePublishSelection,
  useResults,
  useSaveReviewScores,
  type FlaggedVote,
  type Nomination,
  type ResultRow,
  type Selection,
} from '../../api/honours';
import { formatTime } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { ResponsiveList } from '../../components/responsive-list';
import { NominationStateTag, quotaList, SourceTag } from './honours-format';
import { VerifyDialog } from './verify-dialog';

/** 推荐对象 / 待审核: a selection's nominations (a unit sees its own). */
export function NominationsTab({ selection, queue }: { selection: Selection; queue?: boolean }) {
  const navigate = useNavigate();
  const categories = useHonourCategories();
  const [filters, setFilters] = useState<{ state?: string; source?: string; categoryCode?: string; search?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [verify, setVerify] = useState<{ n: Nomination; action: 'approve' | 'reject' } | null>(null);
  const params = { ...filters, ...(queue ? { state: 'submitted' } : {}), ...page, sort: 'created_at', order: 'asc' };
  const list = useNominations(selection.id, params);
  return (
    <>
      {!queue && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder="状态"
            aria-label="推荐状态"
            style={{ width: 120 }}
            value={filters.state}
            onChange={(v) => setFilters({ ...filters, state: v })}
            options={NOMINATION_STATES.map((s) => ({ value: s, label: NOMINATION_STATE_LABELS[s] }))}
          />
          <Select
            allowClear
            placeholder="来源"
            aria-label="推荐来源"
            style={{ width: 120 }}
            value={filters.source}
            onChange={(v) => setFilters({ ...filters, source: v })}
            options={NOMINATION_SOURCES.map((s) => ({ value: s, label: NOMINATION_SOURCE_LABELS[s] }))}
          />
          <Select
            allowClear
            placeholder="类别"
            aria-label="类别"
            style={{ width: 120 }}
            value={filters.categoryCode}
            onChange={(v) => setFilters({ ...filters, categoryCode: v })}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
          <Input.Search
            allowClear
            placeholder="姓名或事迹"
            aria-label="搜索推荐对象"
            onSearch={(v) => setFilters({ ...filters, search: v || undefined })}
            style={{ width: 180 }}
          />
        </Space>
      )}
      <ResponsiveList<Nomination>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        locale={{ emptyText: queue ? '没有待审核的推荐' : '还没有推荐对象' }}
        columns={[
          {
            key: 'name',
            title: '被推荐人',
            render: (_, r) => (
              <>
                <Link to={`/honours/nominations/${r.id}`}>{r.nomineeName}</Link>
                <div>
                  <Typography.Text type="secondary">{r.headline}</Typography.Text>
                </div>
              </>
            ),
          },
          { key: 'cat', title: '类别', width: 100, dataIndex: 'categoryName' },
          {
            key: 'source',
            title: '来源',
            width: 180,
            render: (_, r) => (
              <>
                <SourceTag source={r.source} /> {r.unitName ?? r.recommenderName ?? ''}
              </>
            ),
          },
          { key: 'contact', title: '联系人', width: 170, render: (_, r) => `${r.contactName} ${r.contactPhone}` },
          { key: 'state', title: '状态', width: 90, render: (_, r) => <NominationStateTag state={r.state} isWinner={r.isWinner} /> },
          ...(queue
            ? [
                {
                  key: 'act',
                  title: '审核',
                  width: 190,
                  render: (_: unknown, r: Nomination) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        disabled={!r.abilities.approve}
                        onClick={() => setVerify({ n: r, action: 'approve' })}
                      >
                        审核通过
                      </Button>
                      <Button size="small" danger disabled={!r.abilities.reject} onClick={() => setVerify({ n: r, action: 'reject' })}>
                        不予通过
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
        cardHref={(r) => `/honours/nominations/${r.id}`}
        cardLabel={(r) => `查看推荐 ${r.nomineeName}`}
        card={(r) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              <Typography.Text strong>{r.nomineeName}</Typography.Text>
              <NominationStateTag state={r.state} isWinner={r.isWinner} />
            </div>
            <div>
              {r.categoryName} · {r.headline}
            </div>
            <Typography.Text type="secondary">{r.unitName ?? r.recommenderName ?? NOMINATION_SOURCE_LABELS[r.source]}</Typography.Text>
          </div>
        )}
        cardActions={
          queue
            ? (r) => (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    disabled={!r.abilities.approve}
                    onClick={() => setVerify({ n: r, action: 'approve' })}
                  >
                    审核通过
                  </Button>
                  <Button size="small" danger disabled={!r.abilities.reject} onClick={() => setVerify({ n: r, action: 'reject' })}>
                    不予通过
                  </Button>
                </Space>
              )
            : undefined
        }
        onRow={(r) => ({ onDoubleClick: () => navigate(`/honours/nominations/${r.id}`) })}
      />
      <VerifyDialog nomination={verify?.n ?? null} action={verify?.action ?? 'approve'} onClose={() => setVerify(null)} />
    </>
  );
}

/** 投票监测: flagged votes with their evidence; the office excludes a selection of them with a reason. */
export function FlagsTab({ selection }: { selection: Selection }) {
  const [rule, setRule] = useState<string | undefined>();
  const [showExcluded, setShowExcluded] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const flags = useFlags(selection.id, { rule, excluded: showExcluded ? undefined : 'false', pageSize: 500 });
  const exclude = useExcludeVotes();
  const items = flags.data?.items ?? [];
  const submit = async () => {
    const { reason } = await form.validateFields();
    const r = await exclude.mutateAsync({ selectionId: selection.id, voteIds: selected, reason });
    notifySuccess(`已剔除 ${r.excluded} 票`);
    setSelected([]);
    setOpen(false);
    form.resetFields();
  };
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="可疑投票规则：同一网络地址 10 分钟内 ≥5 票；同一设备类型 5 分钟内为同一候选人 ≥10 票；连续 6 票间隔的变异系数 <0.15（机械规律）。被剔除的投票不计入得分。"
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="规则"
          aria-label="可疑规则"
          style={{ width: 220 }}
          value={rule}
          onChange={setRule}
          options={SUSPICION_RULES.map((r) => ({ value: r, label: SUSPICION_RULE_LABELS[r] }))}
        />
        <Checkbox checked={showExcluded} onChange={(e) => setShowExcluded(e.target.checked)}>
          显示已剔除
        </Checkbox>
        {selection.abilities.exclude && (
          <Button danger disabled={!selected.length} onClick={() => setOpen(true)}>
            剔除所选（{selected.length}）
          </Button>
        )}
        {selection.abilities.exclude && items.some((f) => !f.isExcluded) && (
          <Button onClick={() => setSelected(items.filter((f) => !f.isExcluded).map((f) => f.voteId))}>全选可疑投票</Button>
        )}
      </Space>
      <Table<FlaggedVote>
        rowKey="voteId"
        size="small"
        loading={flags.isLoading}
        dataSource={items}
        pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 票` }}
        locale={{ emptyText: <Empty description="没有发现可疑投票" /> }}
        rowSelection={
          selection.abilities.exclude
            ? {
                selectedRowKeys: selected,
                onChange: (k) => setSelected(k as string[]),
                getCheckboxProps: (r) => ({ disabled: r.isExcluded, 'aria-label': `选择 ${r.candidateName} 的投票` }),
              }
            : undefined
        }
        scroll={{ x: 900 }}
        columns={[
          { key: 'time', title: '投票时间', width: 170, render: (_, r) => formatTime(r.votedAt) },
          { key: 'cand', title: '候选人', width: 100, dataIndex: 'candidateName' },
          {
            key: 'src',
            title: '来源标记',
            width: 170,
            render: (_, r) => <Typography.Text code>{`地址 ${r.addressTag} · ${r.uaFamily}`}</Typography.Text>,
          },
          {
            key: 'rules',
            title: '依据',
            render: (_, r) => (
              <>
                {r.rules.map((x) => (
                  <div key={x.rule}>
                    <Tag color="orange">{SUSPICION_RULE_LABELS[x.rule]}</Tag>
                    <Typography.Text type="secondary">{x.text}</Typography.Text>
                  </div>
                ))}
              </>
            ),
          },
          {
            key: 'ex',
            title: '处理',
            width: 160,
            render: (_, r) => (r.isExcluded ? <Tag>已剔除：{r.excludedReason}</Tag> : <Tag color="red">待处理</Tag>),
          },
        ]}
      />
      <Modal
        open={open}
        title={`剔除 ${selected.length} 张可疑投票`}
        okText="确认剔除"
        okButtonProps={{ danger: true, loading: exclude.isPending }}
        cancelText="取消"
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>剔除后这些投票不再计入得分，操作记入审计日志，发布前可查看。</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="剔除理由"
            rules={[{ required: true, min: 4, max: 500, message: '请填写剔除理由（至少 4 个字）' }]}
          >
            <Input.TextArea rows={3} placeholder="如：同一网络地址短时集中投票，判定为刷票" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 评审结果: the weights, the review scores (editable by the office) and the ranking. */
export function ResultsTab({ selection }: { selection: Selection }) {
  const results = useResults(selection.id);
  const save = useSaveReviewScores();
  const [scores, setScores] = useState<Record<string, number | null>>({});
  useEffect(() => {
    if (results.data) setScores(Object.fromEntries(results.data.items.map((r) => [r.candidateId, r.reviewScore])));
  }, [results.data]);
  const dirty = results.data?.items.some((r) => (scores[r.candidateId] ?? null) !== r.reviewScore);
  const items = results.data?.items ?? [];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>
          综合得分 = 投票得分 × <b>{selection.voteWeight}</b> + 评审得分 × <b>{selection.reviewWeight}</b>（投票得分 = 100 × 有效票 ÷
          最高有效票）
        </Typography.Text>
        {selection.abilities.score && (
          <Button
            type="primary"
            disabled={!dirty}
            loading={save.isPending}
            onClick={async () => {
              await save.mutateAsync({
                selectionId: selection.id,
                items: items.map((r) => ({ candidateId: r.candidateId, score: scores[r.candidateId] ?? null })),
              });
              notifySuccess('评审分已保存');
            }}
          >
            保存评审分
          </Button>
        )}
      </Space>
      <Table<ResultRow>
        rowKey="candidateId"
        size="small"
        loading={results.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description="还没有候选人" /> }}
        columns={[
          { key: 'rank', title: '名次', width: 60, dataIndex: 'rank' },
          { key: 'name', title: '候选人', render: (_, r) => <Link to={`/honours/nominations/${r.candidateId}`}>{r.nomineeName}</Link> },
          { key: 'cat', title: '类别', width: 90, dataIndex: 'categoryName' },
          { key: 'votes', title: '有效票', width: 80, dataIndex: 'votes' },
          { key: 'ex', title: '剔除票', width: 80, dataIndex: 'excludedVotes' },
          { key: 'vs', title: '投票得分', width: 90, dataIndex: 'voteScore' },
          {
            key: 'rs',
            title: '评审得分',
            width: 120,
            render: (_, r) =>
              selection.abilities.score ? (
                <InputNumber
                  aria-label={`${r.nomineeName}评审得分`}
                  min={0}
                  max={100}
                  value={scores[r.candidateId] ?? null}
                  onChange={(v) => setScores({ ...scores, [r.candidateId]: v ?? null })}
                />
              ) : (
                (r.reviewScore ?? '—')
              ),
          },
          { key: 'fs', title: '综合得分', width: 90, render: (_, r) => <b>{r.finalScore}</b> },
          { key: 'w', title: '', width: 60, render: (_, r) => (r.isWinner ? <Tag color="red">当选</Tag> : null) },
        ]}
      />
    </>
  );
}

/**
 * The chosen winners counted by category, in the ranking's order of categories, with each quota:
 * "：助人为乐 1/1 · 见义勇为 1".
 */
function winnerTally(
  items: { candidateId: string; categoryCode: string; categoryName: string }[],
  winners: string[],
  quotas: CategoryQuotas,
): string {
  const chosen = new Set(winners);
  const counts = new Map<string, { name: string; n: number }>();
  for (const r of items)
    if (chosen.has(r.candidateId)) counts.set(r.categoryCode, { name: r.categoryName, n: (counts.get(r.categoryCode)?.n ?? 0) + 1 });
  return counts.size
    ? `：${[...counts].map(([code, { name, n }]) => `${name} ${n}${quotas[code] !== undefined ? `/${quotas[code]}` : ''}`).join(' · ')}`
    : '';
}

/** 发布: the winners (the categories taking turns down the ranking, by default) and a confirmation; the .docx once published. */
export function PublishTab({ selection }: { selection: Selection }) {
  const results = useResults(selection.id);
  const categories = useHonourCategories();
  const publish = usePublishSelection();
  const items = useMemo(() => results.data?.items ?? [], [results.data]);
  const [winners, setWinners] = useState<string[]>([]);
  useEffect(() => {
    setWinners(
      items
        .filter((r) => r.isWinner)
        .map((r) => r.candidateId)
        .concat(selection.state === 'open' ? defaultWinners(items, selection.winnersCount, selection.categoryQuotas) : []),
    );
  }, [items, selection.state, selection.winnersCount, selection.categoryQuotas]);
  if (selection.state === 'published')
    return (
      <Space orientation="vertical">
        <Alert
          type="success"
          showIcon
          title={`结果已于 ${formatTime(selection.publishedAt)} 发布，当选 ${items.filter((r) => r.isWinner).length} 名`}
        />
        <Button onClick={() => downloadBulletin(selection.id, selection.title)}>下载公告名单（.docx）</Button>
        <a href={`/p/honours/${selection.id}`} target="_blank" rel="noreferrer">
          查看公开页面
        </a>
      </Space>
    );
  const byId = new Map(items.map((r) => [r.candidateId, r]));
  const over = quotaExceeded(
    winners.flatMap((id) => byId.get(id)?.categoryCode ?? []),
    selection.categoryQuotas,
  );
  const overName = over ? (categories.data?.items.find((c) => c.code === over.categoryCode)?.name ?? over.categoryCode) : '';
  const quotas = quotaList(selection.categoryQuotas, categories.data?.items);
  const confirm = () =>
    Modal.confirm({
      title: `确认发布 ${winners.length} 名当选人？`,
      content: '发布后结果在“好人榜”公开，评审分和投票不能再修改。',
      okText: '确认发布',
      cancelText: '取消',
      onOk: async () => {
        await publish.mutateAsync({ id: selection.id, version: selection.version, winnerIds: winners });
        notifySuccess('评选结果已发布');
      },
    });
  return (
    <>
      {!selection.abilities.publish && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`投票截止（${selection.votingEndsOn}）后由本级文明办发布结果`} />
      )}
      <Typography.Paragraph>
        名额 {selection.winnersCount} 名{quotas ? `（其中 ${quotas}）` : ''}
        ，默认由各类别按综合得分轮流勾选（先各类第一名，再各类第二名……{quotas ? '，满额的类别不再勾选' : ''}），可调整。
      </Typography.Paragraph>
      {items.length > 0 && (
        <Typography.Paragraph type={winners.length > selection.winnersCount || over ? 'danger' : 'secondary'} data-testid="winners-tally">
          已选 {winners.length} / {selection.winnersCount} 名{winnerTally(items, winners, selection.categoryQuotas)}
          {over && `（“${overName}”类超过分类名额 ${over.quota} 名）`}
        </Typography.Paragraph>
      )}
      <Checkbox.Group value={winners} onChange={(v) => setWinners(v as string[])} style={{ display: 'grid', gap: 6, marginBottom: 12 }}>
        {items.map((r) => (
          <Checkbox key={r.candidateId} value={r.candidateId} disabled={!selection.abilities.publish}>
            第 {r.rank} 名 {r.nomineeName}（{r.categoryName}，综合 {r.finalScore}）
          </Checkbox>
        ))}
      </Checkbox.Group>
      {!items.length && <Empty description="还没有候选人" />}
      {selection.abilities.publish && (
        <Button type="primary" danger disabled={!winners.length || winners.length > selection.winnersCount || !!over} onClick={confirm}>
          发布结果
        </Button>
      )}
    </>
  );
}
