/**
 * One 志愿活动: what, when, where (the place and its check-in range on the map), who organises it, places left;
 * 报名 / 取消报名 with a confirmation (a full activity puts the volunteer on the waiting list and says their place);
 * the volunteer's own attendance (签到 / 签退 times, minutes, certified hours); for the organiser the way to the
 * check-in screen (签到码 and roster), 编辑 and 取消活动.
 */
import { EditOutlined, QrcodeOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Result, Skeleton, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { can } from '../../api/types';
import { useActivity, useCancelActivity, useCancelSignup, useSignUp, type Activity } from '../../api/volunteers';
import { formatTime } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { ActivityFormDrawer } from './activity-form';
import { activityPhase, activityTime, AttendanceTag, hoursText, SignupTag } from './volunteer-format';

const VolunteerMap = lazy(() => import('./volunteer-map'));

export default function ActivityPage() {
  const { id } = useParams();
  const activity = useActivity(id);
  const [editing, setEditing] = useState<Activity | null>(null);
  if (activity.isLoading) return <Skeleton active />;
  if (activity.error || !activity.data)
    return (
      <Result
        status={activity.error instanceof ApiError && activity.error.status === 404 ? '404' : 'error'}
        title={activity.error?.message ?? '活动不存在'}
        extra={<Link to="/volunteers/activities">返回志愿活动</Link>}
      />
    );
  const a = activity.data;
  const phase = activityPhase(a);
  const organiser = can(a, 'showCode', 'certify');
  return (
    <>
      <PageTitle
        title={a.title}
        subTitle={
          <Space size={4} wrap>
            <Tag color={phase.color}>{phase.label}</Tag>
            {a.teamName ?? a.stationName}
          </Space>
        }
        extra={
          <>
            {organiser && (
              <Link to={`/volunteers/activities/${a.id}/organise`}>
                <Button type="primary" icon={<QrcodeOutlined aria-hidden />}>
                  签到管理
                </Button>
              </Link>
            )}
            {can(a, 'update') && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(a)}>
                编辑
              </Button>
            )}
            {can(a, 'cancel') && <CancelActivity activity={a} />}
          </>
        }
      />
      {a.state === 'cancelled' && (
        <Alert type="warning" showIcon title={`活动已取消：${a.cancelReason ?? ''}`} style={{ marginBottom: 12 }} />
      )}
      <MySignup activity={a} />
      <Card size="small" title="活动信息" style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="时间">{activityTime(a)}</Descriptions.Item>
          <Descriptions.Item label="地点">{a.place}</Descriptions.Item>
          <Descriptions.Item label="招募">
            已报名 {a.signedCount}/{a.capacity}
            {a.waitlistCount > 0 && `，候补 ${a.waitlistCount} 人`}
          </Descriptions.Item>
          <Descriptions.Item label="签到范围">活动地点 {a.geofenceM} 米内</Descriptions.Item>
          <Descriptions.Item label="组织者">{a.organiserName}</Descriptions.Item>
          {a.stationName && <Descriptions.Item label="服务阵地">{a.stationName}</Descriptions.Item>}
          {a.skills.length > 0 && (
            <Descriptions.Item label="所需技能">
              {a.skills.map((s) => (
                <Tag key={s}>{s}</Tag>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
        {a.description && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>{a.description}</Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title="活动地点与签到范围">
        <Suspense fallback={<Spin aria-label="地图加载中" style={{ display: 'block', padding: 40 }} />}>
          <VolunteerMap
            height={260}
            label="活动地点地图"
            places={[{ id: a.id, name: a.place, lat: a.location.lat, lng: a.location.lng, radiusM: a.geofenceM, color: '#1677ff' }]}
          />
        </Suspense>
      </Card>
      <ActivityFormDrawer activity={editing} onClose={() => setEditing(null)} />
    </>
  );
}

/** The volunteer's sign-up and attendance, with 报名 / 取消报名 / 扫码签到. */
function MySignup({ activity: a }: { activity: Activity }) {
  const { modal } = App.useApp();
  const signUp = useSignUp();
  const cancel = useCancelSignup();
  const [position, setPosition] = useState<number | null>(null);
  const att = a.myAttendance;
  const full = a.signedCount >= a.capacity;
  const phase = activityPhase(a);
  if (!a.mySignup && !att && !can(a, 'signUp')) return null;

  const handleSignUp = () =>
    modal.confirm({
      title: full ? '名额已满，加入候补？' : '确认报名这个活动？',
      content: full ? '有人取消时按候补顺序递补，递补后会通知您。' : `${activityTime(a)}，${a.place}。请准时到场扫码签到。`,
      okText: full ? '加入候补' : '确认报名',
      cancelText: '再想想',
      onOk: async () => {
        try {
          const r = await signUp.mutateAsync(a.id);
          setPosition(r.state === 'waitlisted' ? r.position : null);
          notifySuccess(r.state === 'waitlisted' ? `已加入候补${r.position ? `（第 ${r.position} 位）` : ''}` : '报名成功');
        } catch (e) {
          notifyError(e);
        }
      },
    });
  const handleCancel = () =>
    modal.confirm({
      title: '确认取消报名？',
      content: a.mySignup === 'signed' ? '取消后名额会让给候补的志愿者。' : '取消后不再候补这个活动。',
      okText: '取消报名',
      okButtonProps: { danger: true },
      cancelText: '不取消',
      onOk: async () => {
        try {
          await cancel.mutateAsync(a.id);
          setPosition(null);
          notifySuccess('已取消报名');
        } catch (e) {
          notifyError(e);
        }
      },
    });

  return (
    <Card size="small" title="我的报名" style={{ marginBottom: 12 }} data-testid="my-signup">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>
          <SignupTag state={a.mySignup} />
          {a.mySignup === 'waitlisted' && (
            <Typography.Text>{position ? `候补第 ${position} 位` : '候补中，有空位时按顺序递补'}</Typography.Text>
          )}
        </div>
        {att && (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="签到状态">
              <AttendanceTag state={att.state} outside={att.outside} />
            </Descriptions.Item>
            <Descriptions.Item label="签到时间">{formatTime(att.checkInAt as string)}</Descriptions.Item>
            <Descriptions.Item label="签退时间">{formatTime(att.checkOutAt as string | null)}</Descriptions.Item>
            <Descriptions.Item label="服务时长">{hoursText(att.minutes)}</Descriptions.Item>
            <Descriptions.Item label="认证时长">
              {att.certifiedMinutes === null ? '待组织者认证' : hoursText(att.certifiedMinutes)}
            </Descriptions.Item>
          </Descriptions>
        )}
        <Space wrap>
          {can(a, 'signUp') && !a.mySignup && (
            <Button type="primary" size="large" loading={signUp.isPending} onClick={handleSignUp}>
              {full ? '加入候补' : '我要报名'}
            </Button>
          )}
          {a.mySignup === 'cancelled' && can(a, 'signUp') && (
            <Button type="primary" size="large" loading={signUp.isPending} onClick={handleSignUp}>
              重新报名
            </Button>
          )}
          {a.mySignup === 'signed' && phase.label === '进行中' && att?.state !== 'checked_out' && att?.state !== 'certified' && (
            <Link to={`/volunteers/checkin?activity=${a.id}`}>
              <Button type="primary" size="large" icon={<ScanOutlined aria-hidden />}>
                {att ? '扫码签退' : '扫码签到'}
              </Button>
            </Link>
          )}
          {can(a, 'cancelSignup') && (
            <Button size="large" loading={cancel.isPending} onClick={handleCancel}>
              取消报名
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}

function CancelActivity({ activity: a }: { activity: Activity }) {
  const { modal } = App.useApp();
  const cancel = useCancelActivity();
  const handle = () => {
    let reason = '';
    modal.confirm({
      title: `取消活动「${a.title}」？`,
      content: (
        <Input.TextArea
          rows={3}
          aria-label="取消原因"
          placeholder="请填写取消原因（会告知已报名的志愿者）"
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      okText: '取消活动',
      okButtonProps: { danger: true },
      cancelText: '不取消',
      onOk: async () => {
        if (reason.trim().length < 2) {
          notifyError(new Error('请填写取消原因'));
          throw new Error('reason');
        }
        await cancel.mutateAsync({ id: a.id, version: a.version, reason: reason.trim() });
        notifySuccess('活动已取消');
      },
    });
  };
  return (
    <Button danger onClick={handle}>
      取消活动
    </Button>
  );
}
