/** One campaign: its facts, the leading group (领导小组) with 结对联创 units, and the task force (创建专班). */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { CAMPAIGN_LEVEL_LABELS, CAMPAIGN_TITLE_LABELS, labelOf } from '@common/labels';
import { Button, Card, Descriptions, Result, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns';
import { can } from '../../api/types';
import { PageTitle } from '../../components/page-title';
import { CampaignFormModal } from './campaign-form-modal';
import { CampaignStatusTag } from './campaign-status-tag';
import { LeadingGroupCard } from './leading-group-card';
import { TaskforceCard } from './taskforce-card';

/** Campaign detail page. */
export default function CampaignDetailPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const campaign = useCampaign(id);
  const [editing, setEditing] = useState(false);
  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate('/org/campaigns')}>
      返回列表
    </Button>
  );

  if (campaign.isPending)
    return (
      <Card variant="borderless">
        <Skeleton active />
      </Card>
    );
  if (campaign.isError || !campaign.data) {
    return <Result status="404" title="项目不存在或无权查看" subTitle={campaign.error?.message} extra={back} />;
  }
  const c = campaign.data;

  return (
    <>
      <PageTitle
        title={c.name}
        subTitle={labelOf(CAMPAIGN_TITLE_LABELS, c.titleType)}
        extra={
          <Space wrap>
            {back}
            {can(c, 'update') && (
              <Button type="primary" onClick={() => setEditing(true)}>
                编辑项目
              </Button>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card variant="borderless" title="项目信息">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'title', label: '创建类型', children: labelOf(CAMPAIGN_TITLE_LABELS, c.titleType) },
              { key: 'level', label: '级别', children: labelOf(CAMPAIGN_LEVEL_LABELS, c.level) },
              { key: 'region', label: '区域', children: c.regionName ?? '—' },
              { key: 'cycle', label: '创建周期', children: c.cycleStartYear ? `${c.cycleStartYear}–${c.cycleEndYear ?? ''} 年` : '—' },
              { key: 'status', label: '状态', children: <CampaignStatusTag status={c.status} /> },
              { key: 'desc', label: '说明', children: c.description || '—', span: 'filled' },
            ]}
          />
        </Card>
        <LeadingGroupCard campaign={c} />
        <TaskforceCard members={c.taskforce} />
      </Space>
      <CampaignFormModal campaign={editing ? c : null} onClose={() => setEditing(false)} />
    </>
  );
}
