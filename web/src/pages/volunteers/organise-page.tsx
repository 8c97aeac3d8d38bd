/**
 * The organiser's check-in screen (on a phone held up to the volunteers): a big QR code of the rotating check-in
 * code, fetched again just before it runs out with a countdown; the roster with each volunteer's check-in state,
 * 确认 for scans made outside the check-in range, 认证时长 for the checked-out attendances and 更正 (with a reason,
 * kept as history) for certified ones.
 */
import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { correctHoursBody } from '@common/contracts/volunteer-activities';
import { hoursOf } from '@common/volunteers';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Progress, Result, Skeleton, Space, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { can } from '../../api/types';
import {
  useActivity,
  useCertify,
  useCheckinCode,
  useConfirmOutside,
  useCorrectHours,
  useRoster,
  type Activity,
  type RosterEntry,
} from '../../api/volunteers';
import { formatTime } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { ResponsiveList } from '../../components/responsive-list';
import { fieldRule } from '../../components/zod-rule';
import { activityPhase, activityTime, AttendanceTag, hoursText, SignupTag } from './volunteer-format';

export default function OrganisePage() {
  const { id } = useParams();
  const activity = useActivity(id);
  if (activity.isLoading) return <Skeleton active />;
  if (activity.error || !activity.data)
    return (
      <Result status="404" title={activity.error?.message ?? '活动不存在'} extra={<Link to="/volunteers/activities">返回志愿活动</Link>} />
    );
  const a = activity.data;
  return (
    <>
      <PageTitle
        title={`签到管理 · ${a.title}`}
        subTitle={`${activityTime(a)} · ${a.place}`}
        extra={<Link to={`/volunteers/activities/${a.id}`}>活动详情</Link>}
      />
      {can(a, 'showCode') && activityPhase(a).label !== '已取消' && <CodePanel activity={a} />}
      <RosterPanel activity={a} />
    </>
  );
}

/** The QR code, its text and the countdown; a new code is fetched when the old one runs out. */
function CodePanel({ activity: a }: { activity: Activity }) {
  const [showing, setShowing] = useState(true);
  const code = useCheckinCode(a.id, showing);
  const [image, setImage] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);

  useEffect(() => {
    if (!code.data) return;
    let live = true;
    QRCode.toDataURL(code.data.code, { errorCorrectionLevel: 'M', margin: 2, width: 640 })
      .then((url) => live && setImage(url))
      .catch(() => live && setImage(null));
    return () => {
      live = false;
    };
  }, [code.data]);

  // Fetch the next code a moment before this one runs out (or at once when the clock says it already has).
  const expiresAt = code.data ? new Date(code.data.expiresAt as string).getTime() : 0;
  const windowMs = (code.data?.windowSeconds ?? 30) * 1000;
  const { refetch } = code;
  useEffect(() => {
    if (!expiresAt) return;
    const wait = Math.min(Math.max(expiresAt - Date.now() - 1000, 500), windowMs);
    const t = setTimeout(() => void refetch(), wait);
    return () => clearTimeout(t);
  }, [expiresAt, windowMs, refetch]);

  // Capped at the window: a phone whose clock is ahead or behind the server's still shows a sensible countdown.
  const left = Math.min(windowMs / 1000, Math.max(0, Math.ceil((expiresAt - now) / 1000)));
  return (
    <Card size="small" style={{ marginBottom: 12, textAlign: 'center' }} title="签到码（签到、签退都扫这个码）">
      {code.error ? (
        <Alert
          type="warning"
          showIcon
          title={code.error.message}
          action={
            <Button size="small" onClick={() => void code.refetch()}>
              重试
            </Button>
          }
        />
      ) : !showing ? (
        <Button type="primary" size="large" onClick={() => setShowing(true)}>
          显示签到码
        </Button>
      ) : (
        <div data-testid="checkin-code" data-code={code.data?.code ?? ''} data-expires-at={code.data?.expiresAt ?? ''}>
          {image ? (
            <img src={image} alt="签到二维码" style={{ width: 'min(100%, 340px)', aspectRatio: '1', imageRendering: 'pixelated' }} />
          ) : (
            <div style={{ width: 'min(100%, 340px)', aspectRatio: '1', margin: '0 auto', background: '#f5f5f5' }} />
          )}
          <div style={{ maxWidth: 340, margin: '8px auto 0' }}>
            <Progress
              percent={Math.round((left * 1000 * 100) / windowMs)}
              showInfo={false}
              size="small"
              strokeColor={left <= 5 ? '#fa8c16' : '#1677ff'}
              aria-label="签到码剩余时间"
            />
            {code.data?.shortCode && (
              <div
                data-testid="checkin-short-code"
                style={{ fontSize: 32, fontWeight: 600, letterSpacing: 8, fontVariantNumeric: 'tabular-nums' }}
              >
                {code.data.shortCode}
              </div>
            )}
            <Typography.Text type="secondary">
              无法扫码的志愿者可在活动页进入“扫码签到”输入上面 6 位数字 · {left > 0 ? `${left} 秒后自动更换` : '正在更换…'} · 已签到{' '}
              {a.checkedInCount} 人
            </Typography.Text>
          </div>
          <Typography.Paragraph
            copyable={{ text: code.data?.code }}
            type="secondary"
            style={{ fontSize: 12, marginTop: 6, wordBreak: 'break-all' }}
          >
            手动签到码：<span data-testid="checkin-code-text">{code.data?.code ?? '…'}</span>
          </Typography.Paragraph>
          <Space>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void code.refetch()}>
              立即更换
            </Button>
            <Button onClick={() => setShowing(false)}>隐藏</Button>
          </Space>
        </div>
      )}
    </Card>
  );
}

function RosterPanel({ activity: a }: { activity: Activity }) {
  const { modal } = App.useApp();
  const roster = useRoster(a.id);
  const certify = useCertify();
  const confirm = useConfirmOutside();
  const [correcting, setCorrecting] = useState<RosterEntry | null>(null);
  const items = roster.data?.items ?? [];
  const waiting = items.filter(
    (r) => r.attendanceState === 'checked_out' && (!(r.checkInOutside || r.checkOutOutside) || r.outsideConfirmed),
  );
  const unconfirmed = items.filter((r) => (r.checkInOutside || r.checkOutOutside) && !r.outsideConfirmed && r.attendanceId);
  const certifyAll = () =>
    modal.confirm({
      title: `认证 ${waiting.length} 人的服务时长？`,
      content: (
        <>
          按签到、签退时间计算（只计活动时间内），共 {hoursOf(waiting.reduce((s, r) => s + (r.minutes ?? 0), 0))} 小时。
          {unconfirmed.length > 0 && ` 另有 ${unconfirmed.length} 人在范围外扫码，确认后才能认证。`}
          认证后如需更改，请用「更正」并填写原因。
        </>
      ),
      okText: '认证时长',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await certify.mutateAsync({ id: a.id });
          notifySuccess(`已认证 ${r.certified} 人${r.skipped ? `，${r.skipped} 人未认证（未签退或待确认）` : ''}`);
        } catch (e) {
          notifyError(e);
        }
      },
    });
  const confirmOutside = (r: RosterEntry) =>
    modal.confirm({
      title: `确认 ${r.name} 的场外签到？`,
      content: `扫码时距活动地点约 ${r.distanceM ?? '?'} 米（签到范围 ${a.geofenceM} 米）。确认后计入服务时长。`,
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          await confirm.mutateAsync({ attendanceId: r.attendanceId!, version: r.version ?? 1 });
          notifySuccess('已确认');
        } catch (e) {
          notifyError(e);
        }
      },
    });

  const actions = (r: RosterEntry) => (
    <Space wrap size={4}>
      {r.attendanceId && (r.checkInOutside || r.checkOutOutside) && !r.outsideConfirmed && (
        <Button size="small" onClick={() => confirmOutside(r)}>
          确认场外签到
        </Button>
      )}
      {r.attendanceState === 'certified' && can(a, 'certify') && (
        <Button size="small" onClick={() => setCorrecting(r)}>
          更正
        </Button>
      )}
    </Space>
  );

  return (
    <Card
      size="small"
      title={`签到名单（${items.filter((r) => r.attendanceState).length}/${items.filter((r) => r.signupState === 'signed').length}）`}
      extra={
        can(a, 'certify') && (
          <Button type="primary" icon={<CheckCircleOutlined aria-hidden />} disabled={waiting.length === 0} onClick={certifyAll}>
            认证时长
          </Button>
        )
      }
    >
      {roster.error && <Alert type="error" showIcon title={roster.error.message} />}
      <ResponsiveList<RosterEntry & { key: string }>
        rowKey="key"
        loading={roster.isLoading}
        dataSource={items.map((r) => ({ ...r, key: r.volunteerId }))}
        pagination={false}
        locale={{ emptyText: '还没有人报名' }}
        columns={[
          { key: 'name', title: '姓名', render: (_, r) => r.name },
          { key: 'phone', title: '手机', dataIndex: 'phone', width: 130 },
          { key: 'signup', title: '报名', render: (_, r) => <SignupTag state={r.signupState} />, width: 90 },
          {
            key: 'state',
            title: '签到',
            render: (_, r) => (
              <AttendanceTag state={r.attendanceState} outside={r.checkInOutside || r.checkOutOutside} confirmed={r.outsideConfirmed} />
            ),
          },
          { key: 'in', title: '签到时间', render: (_, r) => formatTime(r.checkInAt as string | null), width: 150 },
          { key: 'out', title: '签退时间', render: (_, r) => formatTime(r.checkOutAt as string | null), width: 150 },
          {
            key: 'minutes',
            title: '时长',
            width: 130,
            render: (_, r) => (
              <>
                {hoursText(r.certifiedMinutes ?? r.minutes)}
                {r.corrections.length > 0 && (
                  <Tag
                    color="purple"
                    title={r.corrections.map((c) => `${c.by}：${c.oldMinutes ?? '—'} → ${c.newMinutes} 分钟，${c.reason}`).join('\n')}
                  >
                    已更正
                  </Tag>
                )}
              </>
            ),
          },
          { key: 'actions', title: '操作', render: (_, r) => actions(r) },
        ]}
        card={(r) => (
          <div data-testid="roster-card">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong>{r.name}</Typography.Text>
              <span>
                <AttendanceTag state={r.attendanceState} outside={r.checkInOutside || r.checkOutOutside} confirmed={r.outsideConfirmed} />
              </span>
            </div>
            <Typography.Text type="secondary">
              {r.phone} · <SignupTag state={r.signupState} />
            </Typography.Text>
            {r.checkInAt && (
              <div>
                签到 {formatTime(r.checkInAt as string).slice(11)}
                {r.checkOutAt && ` · 签退 ${formatTime(r.checkOutAt as string).slice(11)}`}
                {(r.minutes !== null || r.certifiedMinutes !== null) && ` · ${hoursText(r.certifiedMinutes ?? r.minutes)}`}
              </div>
            )}
            {r.corrections.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                更正：{r.corrections.map((c) => `${c.oldMinutes ?? '—'}→${c.newMinutes} 分钟（${c.reason}）`).join('；')}
              </Typography.Text>
            )}
          </div>
        )}
        cardActions={(r) => actions(r)}
      />
      <CorrectModal entry={correcting} onClose={() => setCorrecting(null)} />
    </Card>
  );
}

/** 更正时长: the new minutes and a reason (required; kept with who and when). */
function CorrectModal({ entry, onClose }: { entry: RosterEntry | null; onClose: () => void }) {
  const [form] = Form.useForm<{ minutes: number; reason: string }>();
  const correct = useCorrectHours();
  useEffect(() => {
    if (entry) form.setFieldsValue({ minutes: entry.certifiedMinutes ?? entry.minutes ?? 0, reason: '' });
  }, [entry, form]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await correct.mutateAsync({
        attendanceId: entry!.attendanceId!,
        version: entry!.version ?? 1,
        minutes: v.minutes,
        reason: v.reason.trim(),
      });
      notifySuccess('时长已更正');
      onClose();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Modal
      open={!!entry}
      title={`更正 ${entry?.name ?? ''} 的服务时长`}
      onCancel={onClose}
      onOk={submit}
      okText="更正"
      confirmLoading={correct.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Typography.Paragraph type="secondary">
          当前认证 {hoursText(entry?.certifiedMinutes)}。更正会记录原时长、原因、操作人和时间。
        </Typography.Paragraph>
        <Form.Item name="minutes" label="更正后的时长（分钟）" required rules={[fieldRule(correctHoursBody.shape.minutes)]}>
          <InputNumber min={0} max={1440} style={{ width: 200 }} addonAfter="分钟" />
        </Form.Item>
        <Form.Item name="reason" label="更正原因" required rules={[fieldRule(correctHoursBody.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={200} placeholder="如：签退时手机没电，按现场记录补计" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
