/** 材料审核: units upload evidence per standard and period; the office reviews the queue and watches completeness. */
import { Card, Tabs } from 'antd';
import { hasPermission, useSession } from '../../api/auth';
import { PageTitle } from '../../components/page-title';
import { useTableState } from '../../components/use-table-state';
import { CompletenessMatrix } from './completeness-matrix';
import { ReviewQueue } from './review-queue';
import { UnitMaterials } from './unit-materials';

const KEYS = ['tab'] as const;

/** Materials page; the tab lives in the URL. */
export default function MaterialsPage() {
  const { data: session } = useSession();
  const { filters, setFilters } = useTableState(KEYS);
  const reviewer = hasPermission(session, 'materials.review');
  const ownUnit = hasPermission(session, 'materials.submit') && !!session?.user.unitId;
  const tabs = [
    ...(ownUnit ? [{ key: 'mine', label: '本单位材料', children: <UnitMaterials /> }] : []),
    { key: 'records', label: reviewer ? '审核队列' : '提交记录', children: <ReviewQueue /> },
    ...(reviewer || !ownUnit ? [{ key: 'completeness', label: '完成情况', children: <CompletenessMatrix /> }] : []),
  ];
  const fallback = reviewer ? 'records' : tabs[0].key;
  const active = tabs.some((t) => t.key === filters.tab) ? filters.tab! : fallback;
  if (reviewer && ownUnit) tabs.push(tabs.shift()!);

  return (
    <>
      <PageTitle
        title="材料审核"
        subTitle={reviewer ? '审核各单位按测评标准提交的佐证材料，掌握缺报情况' : '按测评标准和期次上传佐证材料，查看审核结果'}
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={active} destroyOnHidden onChange={(tab) => setFilters({ tab: tab === fallback ? undefined : tab })} items={tabs} />
      </Card>
    </>
  );
}
