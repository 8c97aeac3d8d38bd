/** One check-in: time, 点长, result, photos (thumbnails open the watermarked evidence copy), note, place, the problem filed. */
import { EnvironmentOutlined } from '@ant-design/icons';
import { PATROL_RESULT_LABELS } from '@common/contracts/patrols';
import { PROBLEM_STATE_LABELS } from '@common/problem-workflow';
import { Alert, Descriptions, Drawer, Grid, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { usePatrol } from '../../api/patrols';
import { formatDistance } from '../inspect/geo';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** The drawer; `id` null closes it. */
export function PatrolDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const patrol = usePatrol(id);
  const p = patrol.data;
  return (
    <Drawer open={!!id} title={p ? `${p.siteName} · ${p.day} 巡查打卡` : '巡查打卡'} size={screens.md ? 520 : '100%'} onClose={onClose}>
      {patrol.isLoading && <Skeleton active />}
      {patrol.isError && <Alert type="error" showIcon title="打卡记录不存在或无权查看" />}
      {p && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="打卡时间">{when(p.checkedAt)}</Descriptions.Item>
            <Descriptions.Item label="点长">{p.leadName}</Descriptions.Item>
            <Descriptions.Item label="巡查结果">
              <Tag color={p.result === 'ok' ? 'success' : 'error'}>{PATROL_RESULT_LABELS[p.result]}</Tag>
              {p.problem && (
                <Link to={`/problems/${p.problem.id}`}>
                  {p.problem.code}（{PROBLEM_STATE_LABELS[p.problem.state]}）
                </Link>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="位置">
              {p.location ? (
                <>
                  <EnvironmentOutlined aria-hidden /> {p.location.lat.toFixed(5)}, {p.location.lng.toFixed(5)}
                  {p.locationSource === 'photo' ? '（照片定位）' : ''}
                  {p.distanceM !== null && (
                    <Typography.Text type={p.far ? 'warning' : 'secondary'} style={{ display: 'block' }}>
                      距点位 {formatDistance(p.distanceM)}
                      {p.far ? '，距离较远' : ''}
                    </Typography.Text>
                  )}
                </>
              ) : (
                <Typography.Text type="secondary">未获取定位</Typography.Text>
              )}
            </Descriptions.Item>
            {p.note && <Descriptions.Item label="备注">{p.note}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            现场照片
          </Typography.Title>
          {p.photos.length === 0 && <Typography.Text type="secondary">无照片（演示数据）</Typography.Text>}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {p.photos.map((ph, i) => (
              <a key={ph.fileId} href={ph.evidenceUrl} target="_blank" rel="noreferrer" aria-label={`照片 ${i + 1}（带水印取证图）`}>
                <img
                  src={ph.thumbnailUrl}
                  alt={`现场照片 ${i + 1}`}
                  style={{ width: 140, height: 105, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0' }}
                />
              </a>
            ))}
          </div>
        </>
      )}
    </Drawer>
  );
}
