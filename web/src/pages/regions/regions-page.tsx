/** 区域管理: the region tree on the left, the selected region's children on the right. */
import { Col, Row } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { useRegionTree, type RegionNode } from '../../api/regions';
import { ExportButton } from '../../components/export-button';
import { ImportButton } from '../../components/import-dialog';
import { PageTitle } from '../../components/page-title';
import { RegionChildren } from './region-children';
import { RegionTreePanel } from './region-tree-panel';

/** The chain of nodes from a root to the node with the id (empty when not found). */
export function pathTo(nodes: RegionNode[], id: string | undefined): RegionNode[] {
  if (!id) return [];
  for (const node of nodes) {
    if (String(node.id) === id) return [node];
    const below = pathTo(node.children ?? [], id);
    if (below.length) return [node, ...below];
  }
  return [];
}

/** Regions page. */
export default function RegionsPage() {
  const { data: session } = useSession();
  const tree = useRegionTree();
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = searchParams.get('region') ?? undefined;
  const trail = useMemo(() => pathTo(tree.data?.items ?? [], selectedId), [tree.data, selectedId]);

  const select = (id: string | undefined) => setSearchParams(id ? { region: id } : {}, { replace: false });

  return (
    <>
      <PageTitle
        title="区域管理"
        subTitle="市 → 县(区) → 乡镇(街道) → 村(社区) → 网格"
        extra={
          <>
            {hasPermission(session, 'regions.import') && <ImportButton kind="regions" title="区划" />}
            {hasPermission(session, 'regions.export') && <ExportButton path="/api/regions/export" params={{}} fileName="区划.xlsx" />}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={7}>
          <RegionTreePanel nodes={tree.data?.items ?? []} loading={tree.isLoading} selectedId={selectedId} onSelect={select} />
        </Col>
        <Col xs={24} lg={16} xl={17}>
          <RegionChildren
            trail={trail}
            selectedId={selectedId}
            onOpen={(id) => select(String(id))}
            canCreate={hasPermission(session, 'regions.create')}
          />
        </Col>
      </Row>
    </>
  );
}
