/** 测评报告: headline cards with the comparison to the previous round, tables by type, town and site, .xlsx and 通报. */
import { ArrowLeftOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { downloadRoundFile, useRoundReport } from '../../api/inspections';
import { notifyError } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { ReportCards } from './report-cards';
import { GroupTable, SiteTable } from './report-tables';
import { RoundKindTag } from './round-tags';

/** Report page. */
export default function RoundReportPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const query = useRoundReport(id);
  const [busy, setBusy] = useState<'export' | 'bulletin' | null>(null);
  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(`/inspections/${id}`)}>
      返回轮次
    </Button>
  );
  if (query.isPending)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  if (query.isError || !query.data) {
    const missing = query.error?.status === 404 || query.error?.status === 400;
    return (
      <Result
        status={missing ? '404' : query.error?.status === 403 ? '403' : 'error'}
        title={missing ? '督查轮次不存在或无权查看' : '无法加载测评报告'}
        subTitle={missing ? undefined : query.error?.message}
        extra={back}
      />
    );
  }
  const report = query.data;
  const { round } = report;
  const download = async (what: 'export' | 'bulletin') => {
    setBusy(what);
    try {
      await downloadRoundFile(round.id, what, what === 'export' ? `${round.name}测评结果.xlsx` : `关于${round.name}情况的通报.docx`);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageTitle
        title={`${round.name} · 测评报告`}
        subTitle={
          <Space size={8} wrap>
            <RoundKindTag kind={round.kind} released={round.released} />
            <span>
              {round.startDate} 至 {round.endDate}
            </span>
          </Space>
        }
        extra={
          <Space wrap>
            {back}
            <Button icon={<FileExcelOutlined aria-hidden />} loading={busy === 'export'} onClick={() => download('export')}>
              导出 Excel
            </Button>
            {/* Covert secrecy: a 暗访 is reported (情况通报) only once its results are released. */}
            <Tooltip title={round.kind === 'covert' && !round.released ? '暗访结果发布后才能生成情况通报' : undefined}>
              <Button
                type="primary"
                icon={<FileWordOutlined aria-hidden />}
                loading={busy === 'bulletin'}
                disabled={round.kind === 'covert' && !round.released}
                onClick={() => download('bulletin')}
              >
                下载通报
              </Button>
            </Tooltip>
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ReportCards report={report} />
        <Card variant="borderless" title="按点位类型">
          <GroupTable title="点位类型" rows={report.bySiteType} threshold={round.threshold} />
        </Card>
        <Card variant="borderless" title="按乡镇（街道）">
          <GroupTable title="乡镇（街道）" rows={report.byRegion} threshold={round.threshold} />
        </Card>
        <Card variant="borderless" title="按点位（得分由低到高）">
          <SiteTable rows={report.bySite} threshold={round.threshold} />
        </Card>
      </Space>
    </>
  );
}
