/**
 * 常住人口: the resident population of each town of a county for a year — the denominator of 注册志愿者占常住人口比例
 * (registered volunteers per 1 000 residents). A small editable table; 保存 sends the filled rows.
 */
import { Alert, Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useRegionTree, type RegionNode } from '../../api/regions';
import { usePopulation, useSavePopulation } from '../../api/volunteers';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { beijingNow } from '../../components/beijing-time';

function countiesOf(nodes: RegionNode[]): RegionNode[] {
  return nodes.flatMap((n) => (n.level === 'county' ? [n] : countiesOf((n.children ?? []) as RegionNode[])));
}

export default function PopulationPage() {
  const tree = useRegionTree();
  const counties = useMemo(() => countiesOf(tree.data?.items ?? []), [tree.data]);
  const [countyId, setCountyId] = useState<string | undefined>();
  const thisYear = beijingNow().year();
  const [year, setYear] = useState(thisYear);
  useEffect(() => {
    if (!countyId && counties[0]) setCountyId(String(counties[0].id));
  }, [counties, countyId]);
  const population = usePopulation(countyId, year);
  const save = useSavePopulation();
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  useEffect(() => {
    setDraft(Object.fromEntries((population.data?.items ?? []).map((i) => [String(i.regionId), i.population])));
  }, [population.data]);
  const rows = population.data?.items ?? [];
  const dirty = rows.some((r) => draft[String(r.regionId)] !== r.population);
  const total = Object.values(draft).reduce<number>((s, v) => s + (v ?? 0), 0);

  const submit = async () => {
    const items = rows.flatMap((r) => {
      const v = draft[String(r.regionId)];
      return typeof v === 'number' ? [{ regionId: String(r.regionId), population: v }] : [];
    });
    if (items.length === 0) return notifyError(new Error('请至少填写一个乡镇的常住人口'));
    try {
      await save.mutateAsync({ year, items });
      notifySuccess(`${year} 年常住人口已保存`);
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <div style={{ maxWidth: 720 }}>
      <PageTitle title="常住人口" subTitle="各乡镇（街道）年度常住人口，用于计算注册志愿者占比" />
      <Space wrap style={{ marginBottom: 12 }}>
        {counties.length > 1 && (
          <Select
            aria-label="区县"
            style={{ width: 180 }}
            value={countyId}
            onChange={setCountyId}
            options={counties.map((c) => ({ value: String(c.id), label: c.name }))}
          />
        )}
        <Select
          aria-label="年度"
          style={{ width: 120 }}
          value={year}
          onChange={setYear}
          options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({ value: y, label: `${y} 年` }))}
        />
      </Space>
      {population.error && <Alert type="error" showIcon title={population.error.message} style={{ marginBottom: 12 }} />}
      <Card size="small">
        <Table
          rowKey="regionId"
          size="small"
          loading={population.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: '该区县没有乡镇' }}
          columns={[
            { key: 'name', title: '乡镇（街道）', dataIndex: 'regionName' },
            {
              key: 'population',
              title: '常住人口（人）',
              width: 220,
              render: (_, r) => (
                <InputNumber
                  aria-label={`${r.regionName}常住人口`}
                  min={0}
                  max={50_000_000}
                  precision={0}
                  style={{ width: 180 }}
                  value={draft[String(r.regionId)] ?? null}
                  onChange={(v) => setDraft((d) => ({ ...d, [String(r.regionId)]: typeof v === 'number' ? v : null }))}
                  placeholder="未填写"
                />
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>
                <Typography.Text strong>{total.toLocaleString('zh-CN')} 人</Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        <div style={{ marginTop: 12, textAlign: 'right' }}>
          <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={submit}>
            保存
          </Button>
        </div>
      </Card>
    </div>
  );
}
