/**
 * 季度/年度汇总 (年度目标绩效考核): a scheme's published months over a quarter, half-year or year, combined by the
 * scheme's rule (各月平均 or 各月累计), plus — for a year — the 年度加减分事项 the office enters with the reason; ranked
 * per group, exported as .xlsx. Months not yet published are named, not silently counted.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useSchemes } from '../../api/evaluation';
import {
  useAnnualItems,
  useCreateAnnualItem,
  useRemoveAnnualItem,
  useRollup,
  type Rollup,
  type RollupItem,
} from '../../api/evaluation-standings';
import { ConfirmDelete } from '../../components/confirm-delete';
import { ExportButton } from '../../components/export-button';
import { formatTime } from '../../components/format';
import { notifyError } from '../../components/notify';
import { ResponsiveList } from '../../components/responsive-list';
import { fmt } from './ranking-group';
import { beijingNow } from '../../components/beijing-time';

type Kind = 'year' | 'half' | 'quarter';

function periodCode(kind: Kind, year: number, index: number): string {
  if (kind === 'year') return String(year);
  return kind === 'half' ? `${year}-H${index}` : `${year}-Q${index}`;
}

function AnnualItems({ schemeId, year, rollup }: { schemeId: string; year: number; rollup: Rollup | undefined }) {
  const items = useAnnualItems(schemeId, year);
  const create = useCreateAnnualItem();
  const remove = useRemoveAnnualItem();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ subject: string; points: number; reason: string }>();
  const { message } = App.useApp();
  const subjects = useMemo(
    () =>
      (rollup?.groups ?? []).flatMap((g) =>
        g.items.map((i) => ({ value: `${g.subjectType}|${i.subjectId}`, label: `${i.subjectName}（${g.name}）` })),
      ),
    [rollup],
  );
  return (
    <Card
      size="small"
      variant="outlined"
      title={`${year}年度加减分事项`}
      style={{ marginTop: 16 }}
      extra={
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} disabled={!subjects.length}>
          添加加减分事项
        </Button>
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={items.isFetching}
        dataSource={items.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无年度加减分事项（如获省级以上表彰加分、被上级通报批评减分）' }}
        columns={[
          { title: '考核对象', dataIndex: 'subjectName' },
          {
            title: '加减分',
            dataIndex: 'points',
            render: (p: number) => <Typography.Text type={p < 0 ? 'danger' : 'success'}>{p > 0 ? `+${fmt(p)}` : fmt(p)}</Typography.Text>,
          },
          { title: '理由', dataIndex: 'reason' },
          { title: '录入人', dataIndex: 'enteredByName' },
          { title: '录入时间', dataIndex: 'enteredAt', render: formatTime },
          {
            title: '操作',
            key: 'ops',
            render: (_: unknown, i) => (
              <ConfirmDelete
                subject={`「${i.subjectName} ${i.points > 0 ? '+' : ''}${i.points} 分」`}
                onConfirm={() =>
                  remove.mutateAsync(i.id).then(
                    () => message.success('已删除'),
                    (e) => notifyError(e),
                  )
                }
              />
            ),
          },
        ]}
      />
      <Modal
        title="添加年度加减分事项"
        open={adding}
        okText="保存"
        cancelText="取消"
        confirmLoading={create.isPending}
        destroyOnHidden
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = await form.validateFields();
          const [subjectType, subjectId] = v.subject.split('|');
          try {
            await create.mutateAsync({
              schemeId,
              year,
              subjectType: subjectType as 'unit',
              subjectId,
              points: v.points,
              reason: v.reason,
            });
            message.success('已添加，年度汇总已更新');
            setAdding(false);
          } catch (e) {
            notifyError(e);
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="subject" label="考核对象" rules={[{ required: true, message: '请选择考核对象' }]}>
            <Select showSearch optionFilterProp="label" options={subjects} placeholder="选择单位或乡镇" />
          </Form.Item>
          <Form.Item
            name="points"
            label="加减分（减分填负数）"
            rules={[
              { required: true, message: '请填写分值' },
              { validator: (_, v) => (v === 0 ? Promise.reject(new Error('加减分不能为 0')) : Promise.resolve()) },
            ]}
          >
            <InputNumber min={-100} max={100} step={0.5} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={[{ required: true, min: 2, message: '请填写加减分理由' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder="如：获评省级文明单位，按方案加 2 分" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function RollupTab() {
  const { data: session } = useSession();
  const manage = hasPermission(session, 'evaluation.manage');
  const schemes = useSchemes({ pageSize: 100 });
  const [schemeId, setSchemeId] = useState<string>();
  const [kind, setKind] = useState<Kind>('year');
  const [year, setYear] = useState(beijingNow().year());
  const [index, setIndex] = useState(1);
  const chosen = schemeId ?? schemes.data?.items[0]?.id;
  const period = periodCode(kind, year, index);
  const rollup = useRollup(chosen, period);
  const r = rollup.data;
  const year4 = kind === 'year';
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="考核方案"
          placeholder="考核方案"
          style={{ width: 280, maxWidth: '100%' }}
          value={chosen}
          onChange={setSchemeId}
          loading={schemes.isFetching}
          options={schemes.data?.items.map((s) => ({ value: s.id, label: `${s.name}（${s.campaignName}）` }))}
          notFoundContent="暂无方案"
        />
        <Select<Kind>
          aria-label="汇总周期"
          value={kind}
          onChange={(k) => {
            setKind(k);
            setIndex(1);
          }}
          style={{ width: 100 }}
          options={[
            { value: 'year', label: '年度' },
            { value: 'half', label: '半年' },
            { value: 'quarter', label: '季度' },
          ]}
        />
        <DatePicker
          picker="year"
          aria-label="年度"
          allowClear={false}
          value={dayjs(`${year}-01-01`)}
          onChange={(d: Dayjs | null) => d && setYear(d.year())}
        />
        {kind !== 'year' && (
          <Select
            aria-label={kind === 'half' ? '上下半年' : '季度'}
            value={index}
            onChange={setIndex}
            style={{ width: 110 }}
            options={
              kind === 'half'
                ? [
                    { value: 1, label: '上半年' },
                    { value: 2, label: '下半年' },
                  ]
                : [1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))
            }
          />
        )}
        {chosen && (
          <ExportButton
            path={`/api/evaluation/schemes/${chosen}/rollup.xlsx`}
            params={{ period }}
            fileName={`${r?.periodLabel ?? period}考核汇总.xlsx`}
          />
        )}
      </Space>
      {!chosen && <Empty description="还没有考核方案" />}
      {r && (
        <Alert
          type={r.publishedMonths.length < r.monthsInPeriod ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={`${r.periodLabel}：汇总方式为${r.methodLabel}，已发布 ${r.publishedMonths.length} / ${r.monthsInPeriod} 个月${
            r.publishedMonths.length < r.monthsInPeriod ? '（未发布的月份不计入）' : ''
          }`}
        />
      )}
      {r && r.groups.length === 0 && <Empty description="该期间还没有已发布的月度考核" />}
      {r?.groups.map((g) => (
        <Card key={g.name} size="small" variant="outlined" title={g.name} style={{ marginBottom: 16 }}>
          <ResponsiveList<RollupItem>
            rowKey="subjectId"
            size="small"
            dataSource={g.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            card={(i) => (
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <strong>
                  第 {i.rank} 名 · {i.subjectName}
                </strong>
                <span>{fmt(i.total)} 分</span>
              </div>
            )}
            cardHref={(i) => `/evaluation/subjects/${i.subjectId}`}
            cardLabel={(i) => `查看${i.subjectName}的考核档案`}
            columns={[
              { title: '排名', dataIndex: 'rank', sorter: (a, b) => a.rank - b.rank, defaultSortOrder: 'ascend', width: 70 },
              {
                title: '考核对象',
                dataIndex: 'subjectName',
                render: (n: string, i) => <Link to={`/evaluation/subjects/${i.subjectId}`}>{n}</Link>,
              },
              ...r.publishedMonths.map((m) => ({
                title: `${Number(m.slice(5))}月`,
                key: m,
                render: (_: unknown, i: RollupItem) => fmt(i.months.find((x) => x.period === m)?.score),
              })),
              { title: r.methodLabel, dataIndex: 'combined', render: (x: number) => fmt(x) },
              ...(year4 ? [{ title: '年度加减分', dataIndex: 'annualPoints', render: (x: number) => (x ? fmt(x) : '—') }] : []),
              { title: '总分', dataIndex: 'total', sorter: (a, b) => a.total - b.total, render: (x: number) => <strong>{fmt(x)}</strong> },
              { title: '红榜', dataIndex: 'redMonths', render: (n: number) => (n ? `${n} 个月` : '—') },
              { title: '黑榜', dataIndex: 'blackMonths', render: (n: number) => (n ? `${n} 个月` : '—') },
            ]}
          />
        </Card>
      ))}
      {manage && chosen && year4 && <AnnualItems schemeId={chosen} year={year} rollup={r} />}
    </>
  );
}
