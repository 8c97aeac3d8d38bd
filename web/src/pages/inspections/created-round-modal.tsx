/** After 新建轮次: the sites the round holds and, for a sample, the seed that reproduces it. */
import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Modal, Skeleton, Space, Table, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useRound, type RoundSite } from '../../api/inspections';

interface Props {
  created: { id: string; seed: string | null; count: number } | null;
  onClose: () => void;
}

/** Result dialog. */
export function CreatedRoundModal({ created, onClose }: Props) {
  const navigate = useNavigate();
  const round = useRound(created?.id);
  return (
    <Modal
      open={!!created}
      title={
        <Space>
          <CheckCircleFilled aria-hidden style={{ color: '#52c41a' }} />
          督查轮次已创建
        </Space>
      }
      width={680}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          <Button
            type="primary"
            onClick={() => {
              onClose();
              if (created) navigate(`/inspections/${created.id}`);
            }}
          >
            查看轮次
          </Button>
        </Space>
      }
    >
      {created?.seed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              随机种子：
              <Typography.Text
                code
                copyable={{ text: created.seed, tooltips: ['复制种子', '已复制'] }}
                aria-label={`随机种子 ${created.seed}`}
              >
                {created.seed}
              </Typography.Text>
            </span>
          }
          description="用相同的种子、点位类型、数量和区域再次抽样，会得到相同的点位（点位库不变时）。"
        />
      )}
      <Typography.Paragraph>
        本轮共 <Typography.Text strong>{created?.count ?? 0}</Typography.Text> 个点位：
      </Typography.Paragraph>
      {round.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Table<RoundSite>
          size="small"
          rowKey="id"
          aria-label="本轮点位"
          dataSource={round.data?.sites ?? []}
          pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
          columns={[
            { title: '点位名称', dataIndex: 'name' },
            { title: '点位类型', dataIndex: 'siteTypeName' },
            { title: '所属区域', dataIndex: 'regionName' },
          ]}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Modal>
  );
}
