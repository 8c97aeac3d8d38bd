/**
 * The report form: photos, category, submit. Location comes from the device (manual address allowed);
 * the description is suggested from the category. The clientId is made when the draft starts, so every
 * resend of this report is the same report to the server.
 */
import { AimOutlined, EnvironmentOutlined, LoadingOutlined } from '@ant-design/icons';
import {
  PROBLEM_SEVERITIES,
  PROBLEM_SEVERITY_LABELS,
  PROBLEM_SOURCES,
  REPORT_SOURCES_BY_ROLE,
  PROBLEM_SOURCE_LABELS,
  type ProblemSeverity,
  type ProblemSource,
} from '@common/problem-workflow';
import { Button, Card, Collapse, Form, Input, Segmented, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Session } from '../../api/auth';
import { useProblemCategories, type ProblemCategory } from '../../api/problems';
import { notifyError, notifySuccess } from '../../components/notify';
import { newClientId, queueReport } from '../../components/report-outbox';
import { CategoryPicker, rememberCategory } from './category-picker';
import { PhotoPicker } from './photo-picker';
import { useGeolocation } from './use-device';

/** 网格员 → 网格巡查, 督查员 → 督查, everyone else → 随手拍. */
/** The sources the server accepts from this person (common/problem-workflow.ts), the first being the default. */
function allowedSources(session: Session): ProblemSource[] {
  const out = new Set<ProblemSource>();
  for (const role of session.user.roles) for (const s of REPORT_SOURCES_BY_ROLE[role] ?? []) out.add(s);
  return PROBLEM_SOURCES.filter((s) => out.has(s));
}

function defaultSource(session: Session): ProblemSource {
  for (const role of session.user.roles) {
    const first = REPORT_SOURCES_BY_ROLE[role]?.[0];
    if (first) return first;
  }
  return 'inspection';
}

/** The server wants at least 4 characters; the category name makes a fair start. */
const suggestedText = (name: string) => (name.length + 2 >= 4 ? `${name}问题` : `发现${name}问题`);

function Step({ n, title, children }: { n: number; title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} style={{ marginBottom: 18 }}>
      <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 8 }}>
        <span
          aria-hidden
          style={{
            display: 'inline-grid',
            placeItems: 'center',
            width: 22,
            height: 22,
            borderRadius: 11,
            background: '#1677ff',
            color: '#fff',
            fontSize: 13,
            marginInlineEnd: 8,
          }}
        >
          {n}
        </span>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** The form. */
export function ReportForm({ session, online }: { session: Session; online: boolean }) {
  const categories = useProblemCategories();
  const { position, locate } = useGeolocation();
  const [clientId, setClientId] = useState(newClientId);
  const [photos, setPhotos] = useState<File[]>([]);
  const [category, setCategory] = useState<ProblemCategory | null>(null);
  const [categoryError, setCategoryError] = useState(false);
  const [description, setDescription] = useState('');
  const [autoText, setAutoText] = useState('');
  const [address, setAddress] = useState('');
  const [severity, setSeverity] = useState<ProblemSeverity>('normal');
  const [source, setSource] = useState<ProblemSource>(() => defaultSource(session));
  const [saving, setSaving] = useState(false);
  const [recentVersion, setRecentVersion] = useState(0);

  const pickCategory = (c: ProblemCategory | null) => {
    setCategory(c);
    setCategoryError(false);
    // Fill the description only while the user has not written one of their own.
    if (!description.trim() || description === autoText) {
      const text = c ? suggestedText(c.name) : '';
      setDescription(text);
      setAutoText(text);
    }
  };

  const reset = () => {
    setClientId(newClientId());
    setPhotos([]);
    setCategory(null);
    setDescription('');
    setAutoText('');
    setAddress('');
    setSeverity('normal');
  };

  const submit = async () => {
    if (!category) {
      setCategoryError(true);
      return;
    }
    const text = description.trim().length >= 4 ? description.trim() : suggestedText(category.name);
    setSaving(true);
    try {
      await queueReport({
        clientId,
        userId: String(session.user.id),
        createdAt: new Date().toISOString(),
        status: 'queued',
        attempts: 0,
        photos: photos.map((f, i) => ({ blob: f, name: f.name || `photo-${i + 1}.jpg` })),
        input: {
          description: text,
          categoryCode: category.code,
          categoryName: category.name,
          source,
          severity,
          location: position.status === 'ok' ? { lat: position.lat!, lng: position.lng!, accuracy: position.accuracy } : null,
          address: address.trim() || null,
        },
      });
      rememberCategory(category.code);
      setRecentVersion((v) => v + 1);
      reset();
      window.scrollTo({ top: 0, behavior: 'smooth' });
      notifySuccess(online ? '已提交，正在发送…' : '已保存到待发送，联网后自动发送');
    } catch {
      notifyError(new Error('无法保存到本机，请检查浏览器存储权限后重试'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card variant="borderless" style={{ marginBottom: 16 }}>
      <Form name="field" layout="vertical" component="div">
        <Step n={1} title="拍照">
          <PhotoPicker photos={photos} onChange={setPhotos} />
        </Step>
        <Step n={2} title="问题类别">
          <CategoryPicker categories={categories.data ?? []} value={category} onChange={pickCategory} recentVersion={recentVersion} />
          {categoryError && (
            <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 4 }}>
              请选择问题类别
            </Typography.Text>
          )}
        </Step>
        <Step n={3} title="位置与描述">
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8, flexWrap: 'wrap' }} aria-live="polite">
            {position.status === 'locating' && (
              <Typography.Text type="secondary">
                <LoadingOutlined aria-hidden /> 正在定位…
              </Typography.Text>
            )}
            {position.status === 'ok' && (
              <Typography.Text>
                <EnvironmentOutlined aria-hidden style={{ color: '#52c41a' }} /> 已定位（精度约 ±{Math.round(position.accuracy ?? 0)} 米）
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                  {position.lat!.toFixed(5)}, {position.lng!.toFixed(5)}
                </Typography.Text>
              </Typography.Text>
            )}
            {position.status === 'error' && <Typography.Text type="warning">{position.error}</Typography.Text>}
            <Button size="small" icon={<AimOutlined aria-hidden />} onClick={locate} disabled={position.status === 'locating'}>
              重新定位
            </Button>
          </div>
          <Form.Item label="详细地址（可选）" htmlFor="field_address" style={{ marginBottom: 12 }}>
            <Input
              id="field_address"
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              maxLength={200}
              placeholder="如：朝阳路与建设街交叉口东北角"
            />
          </Form.Item>
          <Form.Item label="问题描述（建议填写）" htmlFor="field_description" style={{ marginBottom: 8 }}>
            <Input.TextArea
              id="field_description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={1000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              placeholder="简要说明问题情况，选择类别后会自动填入类别名称"
            />
          </Form.Item>
          <Collapse
            ghost
            size="small"
            items={[
              {
                key: 'more',
                label: `更多选项：${PROBLEM_SEVERITY_LABELS[severity]} · ${PROBLEM_SOURCE_LABELS[source]}`,
                children: (
                  <>
                    <Form.Item label="严重程度" style={{ marginBottom: 12 }}>
                      <Segmented
                        aria-label="严重程度"
                        value={severity}
                        onChange={(v) => setSeverity(v as ProblemSeverity)}
                        options={PROBLEM_SEVERITIES.map((s) => ({ value: s, label: PROBLEM_SEVERITY_LABELS[s] }))}
                      />
                    </Form.Item>
                    <Form.Item label="问题来源" htmlFor="field_source" style={{ marginBottom: 0 }}>
                      <Select
                        id="field_source"
                        value={source}
                        onChange={setSource}
                        options={allowedSources(session).map((s) => ({ value: s, label: PROBLEM_SOURCE_LABELS[s] }))}
                        style={{ maxWidth: 240 }}
                      />
                    </Form.Item>
                  </>
                ),
              },
            ]}
          />
        </Step>
        {/* Sticky on phones, so the third tap is always in reach. */}
        <div style={{ position: 'sticky', bottom: 0, zIndex: 5, background: '#fff', padding: '8px 0' }}>
          <Button type="primary" size="large" block loading={saving} onClick={submit} style={{ height: 48, fontSize: 17 }}>
            提交
          </Button>
        </div>
        {!online && (
          <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginTop: 8, fontSize: 12 }}>
            当前离线：提交后先保存在本机，联网后自动发送
          </Typography.Text>
        )}
      </Form>
    </Card>
  );
}
