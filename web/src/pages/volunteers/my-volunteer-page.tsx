/**
 * 我的志愿 (the volunteer's phone): certified hours this year and in total, the star level with the way to the next
 * (the thresholds are data), 文明啄木鸟 reports filed, the activities taken part in, and the certificate (.docx) with
 * the verification code anyone can check on the public page. A staff member who is not yet a volunteer can join here.
 */
import { DownloadOutlined, ScanOutlined } from '@ant-design/icons';
import { joinVolunteerBody } from '@common/contracts/volunteers';
import { placesText, VOLUNTEER_SKILLS } from '@common/volunteers';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Progress,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import { downloadCertificate, useJoinVolunteers, useMyRecord, useTeams, type JoinInput, type MyRecord } from '../../api/volunteers';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageTitle } from '../../components/page-title';
import { fieldRule } from '../../components/zod-rule';
import { activityTime, AttendanceTag, hoursText, SignupTag, Stars, VolunteerStateTag } from './volunteer-format';

export default function MyVolunteerPage() {
  const record = useMyRecord();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  if (record.isLoading) return <Skeleton active />;
  if (record.error) return <Alert type="error" showIcon title={record.error.message} />;
  const r = record.data!;
  if (!r.volunteer) return <JoinForm />;
  return (
    <div style={{ maxWidth: 960 }}>
      <PageTitle
        title="我的志愿"
        subTitle={
          <Space size={4} wrap>
            {r.volunteer.name} · {r.volunteer.teamName} <VolunteerStateTag state={r.volunteer.state} />
          </Space>
        }
        extra={
          // Check-in and sign-up open once the registration is approved.
          r.volunteer.state === 'approved' && (
            <Link to="/volunteers/checkin">
              <Button type="primary" icon={<ScanOutlined aria-hidden />}>
                扫码签到
              </Button>
            </Link>
          )
        }
      />
      {r.volunteer.state === 'pending' && (
        <Alert type="info" showIcon title="您的注册正在等待队伍管理员审核，审核通过后即可报名活动" style={{ marginBottom: 12 }} />
      )}
      {r.recruiting && r.recruiting.length > 0 && <Recruiting items={r.recruiting} />}
      {r.volunteer.state === 'rejected' && (
        <Alert type="warning" showIcon title={`注册未通过：${r.volunteer.reviewComment ?? ''}`} style={{ marginBottom: 12 }} />
      )}
      <StarCard record={r} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title="今年服务时长" value={r.hours.year} suffix="小时" data-testid="hours-year" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title="累计服务时长" value={r.hours.total} suffix="小时" data-testid="hours-total" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title="参加活动" value={r.activities.filter((a) => a.attendanceState).length} suffix="次" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title="文明啄木鸟" value={r.reportsFiled} suffix="条" />
            {hasPermission(session, 'problems.report') && (
              <Link to="/field" style={{ fontSize: 13 }}>
                随手上报问题
              </Link>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title="志愿服务证明" style={{ marginBottom: 12 }}>
        <Space direction="vertical">
          <Button
            icon={<DownloadOutlined aria-hidden />}
            disabled={r.minutes.total <= 0}
            onClick={() =>
              downloadCertificate()
                // The first download issues the verification code: show it.
                .then(() => queryClient.invalidateQueries({ queryKey: ['volunteer-me'] }))
                .catch(notifyError)
            }
          >
            下载证明（Word）
          </Button>
          {r.certificateCode ? (
            <Typography.Text>
              验证码{' '}
              <Typography.Text code copyable data-testid="certificate-code">
                {r.certificateCode}
              </Typography.Text>
              ，任何人可在{' '}
              <a href={`/p/volunteer-certificates/${encodeURIComponent(r.certificateCode)}`} target="_blank" rel="noreferrer">
                公众服务 · 证明查验
              </a>{' '}
              核对
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">有认证时长后可下载证明，证明上印有供他人查验的验证码</Typography.Text>
          )}
        </Space>
      </Card>
      <Card size="small" title="我的活动">
        <List
          dataSource={r.activities}
          locale={{
            emptyText: (
              <Empty
                description={
                  r.volunteer.state === 'approved' ? (
                    <>
                      还没有参加活动，<Link to="/volunteers/activities">去报名</Link>
                    </>
                  ) : (
                    '还没有参加活动'
                  )
                }
              />
            ),
          }}
          renderItem={(a) => (
            <List.Item
              key={a.activityId}
              extra={
                <Typography.Text strong>
                  {a.certifiedMinutes !== null
                    ? hoursText(a.certifiedMinutes)
                    : a.minutes !== null
                      ? `${hoursText(a.minutes)}（待认证）`
                      : ''}
                </Typography.Text>
              }
            >
              <List.Item.Meta
                title={<Link to={`/volunteers/activities/${a.activityId}`}>{a.title}</Link>}
                description={
                  <>
                    {activityTime(a)} · {a.place}
                    <div style={{ marginTop: 4 }}>
                      {a.attendanceState ? <AttendanceTag state={a.attendanceState} /> : <SignupTag state={a.signupState} />}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}

function StarCard({ record: r }: { record: MyRecord }) {
  const thresholds = r.starThresholds;
  const next = thresholds[r.stars];
  const prev = r.stars > 0 ? thresholds[r.stars - 1]! : 0;
  const percent = next === undefined ? 100 : Math.min(100, Math.round(((r.hours.total - prev) / (next - prev)) * 100));
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="star-card">
      <Space direction="vertical" style={{ width: '100%' }} size={4}>
        <Space wrap align="center">
          <Stars stars={r.stars} size={26} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {r.stars > 0 ? `${r.stars} 星志愿者` : '还未评星'}
          </Typography.Text>
        </Space>
        <Progress percent={Math.max(0, percent)} showInfo={false} aria-label="距下一星级进度" />
        <Typography.Text type="secondary">
          {r.hoursToNextStar === null ? '已达最高星级' : `再服务 ${r.hoursToNextStar} 小时升为 ${r.stars + 1} 星（${next} 小时）`}
          {' · '}星级标准：{thresholds.map((h, i) => `${i + 1}星 ${h} 小时`).join('、')}
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** A signed-in staff member joins as a volunteer (their account; the team admin approves). */
function JoinForm() {
  const [form] = Form.useForm<JoinInput>();
  const teams = useTeams();
  const join = useJoinVolunteers();
  const [sent, setSent] = useState(false);
  const shape = joinVolunteerBody.shape;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await join.mutateAsync({ ...v, idNumber: v.idNumber.trim().toUpperCase() });
      notifySuccess('已提交，等待队伍管理员审核');
      setSent(true);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <div style={{ maxWidth: 560 }}>
      <PageTitle title="我的志愿" subTitle="您还不是注册志愿者：填写以下信息加入志愿队伍，队伍管理员审核后即可报名活动" />
      {sent ? (
        <Alert type="success" showIcon title="已提交，等待审核" />
      ) : (
        <Card size="small">
          <Form form={form} layout="vertical" requiredMark="optional">
            <Form.Item name="name" label="姓名" required rules={[fieldRule(shape.name)]}>
              <Input maxLength={20} autoComplete="name" />
            </Form.Item>
            <Form.Item name="phone" label="手机号码" required rules={[fieldRule(shape.phone)]}>
              <Input maxLength={11} inputMode="tel" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label="身份证号码"
              required
              rules={[fieldRule(shape.idNumber)]}
              extra="加密保存，只显示前 4 位和后 4 位"
            >
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="gender" label="性别">
              <Radio.Group
                options={[
                  { value: 'male', label: '男' },
                  { value: 'female', label: '女' },
                ]}
              />
            </Form.Item>
            <Form.Item name="teamId" label="加入队伍" required rules={[fieldRule(shape.teamId)]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
              />
            </Form.Item>
            <Form.Item name="skills" label="特长技能">
              <Select mode="tags" options={VOLUNTEER_SKILLS.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
            <Form.Item name="availability" label="可服务时间">
              <Input maxLength={100} placeholder="如：周末全天、工作日晚上" />
            </Form.Item>
            <Button type="primary" loading={join.isPending} onClick={submit}>
              提交申请
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}

/** While the registration waits: what the county is recruiting for (no links: sign-up opens once approved). */
function Recruiting({ items }: { items: NonNullable<MyRecord['recruiting']> }) {
  return (
    <Card size="small" title={`正在招募的志愿活动（${items.length}）`} style={{ marginBottom: 12 }} data-testid="recruiting">
      <List
        dataSource={items}
        renderItem={(a) => (
          <List.Item key={a.id}>
            <List.Item.Meta
              title={a.title}
              description={
                <>
                  {activityTime(a)} · {a.place}
                  <div style={{ marginTop: 4 }}>
                    {a.teamName ?? a.regionName} · {placesText(a)}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Typography.Text type="secondary">审核通过后即可在“志愿活动”中报名</Typography.Text>
    </Card>
  );
}
