/**
 * 慈善项目 detail and its ledger: goal, raised, spent, balance and whether the public ledger is complete (every spending
 * with a receipt); every entry in the order written, corrected ones struck through beside their correction. The
 * organisation's admins 记录捐赠 / 记录支出 (receipts uploaded first, JPEG/PNG/PDF) and 更正 an entry with a reason
 * (confirmed — a correction is permanent, like every entry). Linked volunteer activities open the activity pages.
 */
import { LinkOutlined } from '@ant-design/icons';
import { ANONYMOUS_DONOR, CHARITY_DONATION_TYPE_LABELS, CHARITY_ENTRY_KIND_LABELS, formatYuan } from '@common/charity';
import { Alert, Button, Card, Col, Descriptions, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCharityProject, useLinkCharityActivities, type CharityEntry, type CharityProject } from '../../api/charity';
import { can } from '../../api/types';
import { useActivities } from '../../api/volunteers';
import { formatTime } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { CategoryTag, ProjectStatusTag, yuan } from './charity-format';
import { EntryModal } from './entry-modal';
import { ProjectDrawer } from './project-drawer';

export default function CharityProjectPage() {
  const { id } = useParams();
  const project = useCharityProject(id);
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState<'donation' | 'spending' | null>(null);
  const [correcting, setCorrecting] = useState<CharityEntry | null>(null);
  const [linking, setLinking] = useState(false);
  const p = project.data;
  if (project.error) return <Alert type="error" showIcon title={project.error.message} />;
  if (!p) return <Card loading />;
  const byId = new Map(p.entries.map((e) => [e.id, e]));
  return (
    <>
      <PageTitle
        title={p.name}
        subTitle={
          <Space size={4}>
            <CategoryTag category={p.category} />
            <ProjectStatusTag status={p.status} />
          </Space>
        }
        extra={
          <>
            <a href={`/p/charity/projects/${p.id}`} target="_blank" rel="noreferrer">
              <Button icon={<LinkOutlined aria-hidden />}>公开台账</Button>
            </a>
            {can(p, 'update') && <Button onClick={() => setEditing(true)}>编辑项目</Button>}
            {can(p, 'record') && (
              <>
                <Button onClick={() => setRecording('spending')}>记录支出</Button>
                <Button type="primary" onClick={() => setRecording('donation')}>
                  记录捐赠
                </Button>
              </>
            )}
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {(
          [
            ['筹款目标', p.goalFen],
            ['已募集', p.raisedFen],
            ['已支出', p.spentFen],
            ['结余', p.balanceFen],
          ] as const
        ).map(([label, fen]) => (
          <Col key={label} xs={12} md={6}>
            <Card size="small">
              <Statistic title={label} value={formatYuan(fen)} prefix="¥" />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="慈善组织">
            <Link to={`/charity/organisations/${p.orgId}`}>{p.orgName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="实施区域">{p.regionName}</Descriptions.Item>
          <Descriptions.Item label="受益对象">{p.beneficiaries}</Descriptions.Item>
          <Descriptions.Item label="项目期">
            {p.startsOn} 至 {p.endsOn ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="公开台账">
            {p.isLedgerComplete ? <Tag color="green">完整</Tag> : <Tag color="orange">不完整（无条目或有支出未附票据）</Tag>}
          </Descriptions.Item>
        </Descriptions>
        {p.description && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{p.description}</Typography.Paragraph>}
      </Card>

      <Typography.Title level={5}>收支台账（只能追加，更正以新条目记录）</Typography.Title>
      <Table<CharityEntry>
        rowKey="id"
        size="small"
        dataSource={p.entries}
        pagination={p.entries.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 900 }}
        locale={{ emptyText: '台账还没有条目' }}
        rowClassName={(e) => (e.correctedById ? 'cc-charity-corrected' : '')}
        columns={[
          { key: 'no', title: '序号', width: 70, render: (_, e) => e.entryNo },
          { key: 'date', title: '日期', dataIndex: 'occurredOn', width: 110 },
          {
            key: 'kind',
            title: '类型',
            width: 110,
            render: (_, e) => (
              <Tag color={e.kind === 'donation' ? 'green' : 'volcano'}>
                {CHARITY_ENTRY_KIND_LABELS[e.kind]}
                {e.donationType ? `·${CHARITY_DONATION_TYPE_LABELS[e.donationType]}` : ''}
              </Tag>
            ),
          },
          {
            key: 'what',
            title: '捐赠人 / 用途',
            render: (_, e) => (
              <div>
                {e.kind === 'donation' && <Typography.Text strong>{e.donorName ?? ANONYMOUS_DONOR} </Typography.Text>}
                {e.goodsDescription && (
                  <Typography.Text>
                    {e.goodsDescription}
                    {e.goodsQuantity ? ` ${e.goodsQuantity}` : ''}（估值）{' '}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary">{e.purpose}</Typography.Text>
                {e.donorContact && <div style={{ fontSize: 12, color: '#8c8c8c' }}>联系方式（不公开）：{e.donorContact}</div>}
                {e.correctsId && (
                  <div style={{ fontSize: 12 }}>
                    <Tag color="purple">更正第 {byId.get(e.correctsId)?.entryNo ?? '?'} 条</Tag>原因：{e.reason}
                  </div>
                )}
              </div>
            ),
          },
          {
            key: 'amount',
            title: '金额',
            width: 130,
            align: 'right',
            render: (_, e) => (e.correctedById ? <Typography.Text delete>{yuan(e.amountFen)}</Typography.Text> : yuan(e.amountFen)),
          },
          {
            key: 'receipts',
            title: '票据',
            width: 150,
            render: (_, e) =>
              e.receipts.length ? (
                <Space direction="vertical" size={0}>
                  {e.receipts.map((r) => (
                    <a key={r.id} href={r.url} target="_blank" rel="noreferrer">
                      {r.name}
                    </a>
                  ))}
                </Space>
              ) : e.kind === 'spending' ? (
                <Tag color="orange">未附票据</Tag>
              ) : (
                '—'
              ),
          },
          {
            key: 'by',
            title: '记录',
            width: 150,
            render: (_, e) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.recordedByName}
                <br />
                {formatTime(e.createdAt as string)}
              </Typography.Text>
            ),
          },
          {
            key: 'actions',
            title: '操作',
            width: 90,
            render: (_, e) =>
              e.correctedById ? (
                <Tag>已更正</Tag>
              ) : can(e, 'correct') ? (
                <Button size="small" type="link" onClick={() => setCorrecting(e)}>
                  更正
                </Button>
              ) : null,
          },
        ]}
      />
      <style>{'.cc-charity-corrected td { background: #fafafa; color: #8c8c8c; }'}</style>

      <Card
        size="small"
        title="关联志愿活动"
        style={{ marginTop: 16 }}
        extra={
          can(p, 'linkActivities') && (
            <Button size="small" onClick={() => setLinking(true)}>
              关联活动
            </Button>
          )
        }
      >
        {p.activities.length === 0 ? (
          <Typography.Text type="secondary">还没有关联的志愿活动</Typography.Text>
        ) : (
          <Space direction="vertical">
            {p.activities.map((a) => (
              <Link key={a.id} to={`/volunteers/activities/${a.id}`}>
                {a.title}（{formatTime(a.startsAt as string)}，{a.place}）
              </Link>
            ))}
          </Space>
        )}
      </Card>

      <ProjectDrawer open={editing} project={p} onClose={() => setEditing(false)} />
      <EntryModal project={p} kind={recording} onClose={() => setRecording(null)} />
      <EntryModal project={p} kind={correcting?.kind ?? null} correcting={correcting} onClose={() => setCorrecting(null)} />
      <LinkActivitiesModal project={linking ? p : null} onClose={() => setLinking(false)} />
    </>
  );
}

function LinkActivitiesModal({ project, onClose }: { project: CharityProject | null; onClose: () => void }) {
  const [ids, setIds] = useState<string[] | null>(null);
  const activities = useActivities({ when: 'all', pageSize: 100, page: 1 });
  const save = useLinkCharityActivities();
  const value = ids ?? project?.activities.map((a) => a.id) ?? [];
  const options = [
    ...(project?.activities ?? []).map((a) => ({ value: a.id, label: a.title })),
    ...(activities.data?.items ?? [])
      .filter((a) => !project?.activities.some((x) => x.id === a.id))
      .map((a) => ({ value: a.id, label: `${a.title}（${formatTime(a.startsAt as string)}）` })),
  ];
  return (
    <Modal
      open={!!project}
      title="关联志愿活动"
      okText="保存"
      confirmLoading={save.isPending}
      onCancel={() => {
        setIds(null);
        onClose();
      }}
      onOk={async () => {
        await save.mutateAsync({ id: project!.id, activityIds: value });
        notifySuccess('关联的志愿活动已保存');
        setIds(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">选择为本项目开展的志愿活动（本区县您可查看的活动）。</Typography.Paragraph>
      <Select
        mode="multiple"
        aria-label="志愿活动"
        style={{ width: '100%' }}
        loading={activities.isLoading}
        value={value}
        onChange={setIds}
        options={options}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="搜索活动名称"
      />
    </Modal>
  );
}
