/**
 * The check-in form of one site (phone-first): photos (the field report's picker), 巡查无问题 or 发现问题 (then category
 * and description, filed as a problem by the server), an optional note and the device position. The clientId is made
 * when the form opens and photos already uploaded are kept, so 重新提交 after a lost connection is the same check-in.
 */
import { AimOutlined, CheckCircleOutlined, EnvironmentOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { PATROL_FAR_METRES } from '@common/contracts/patrols';
import { Alert, Button, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { uploadPhoto } from '../../api/files';
import { useCheckIn, type Patrol, type PatrolTodayItem } from '../../api/patrols';
import { useProblemCategories, type ProblemCategory } from '../../api/problems';
import { newClientId } from '../../components/report-outbox';
import { CategoryPicker, rememberCategory } from '../field/category-picker';
import { PhotoPicker } from '../field/photo-picker';
import { useGeolocation } from '../field/use-device';
import { distanceMetres, formatDistance } from '../inspect/geo';

interface Props {
  site: PatrolTodayItem;
  onDone: (patrol: Patrol) => void;
  onCancel: () => void;
}

const BIG = { height: 48, fontSize: 16 } as const;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} style={{ marginBottom: 16 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8, fontSize: 15 }}>
        {title}
      </Typography.Text>
      {children}
    </section>
  );
}

/** The form. */
export function CheckInForm({ site, onDone, onCancel }: Props) {
  const checkIn = useCheckIn();
  const categories = useProblemCategories();
  const { position, locate } = useGeolocation();
  const [clientId] = useState(newClientId);
  const uploaded = useRef(new Map<File, string>());
  const [photos, setPhotos] = useState<File[]>([]);
  const [result, setResult] = useState<'ok' | 'problem' | null>(null);
  const [category, setCategory] = useState<ProblemCategory | null>(null);
  const [description, setDescription] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; retry: boolean } | null>(null);
  const [missing, setMissing] = useState<string | null>(null);

  const here = position.status === 'ok' ? { lat: position.lat!, lng: position.lng! } : null;
  const metres = here && site.location ? distanceMetres(here, site.location) : null;

  const submit = async () => {
    setError(null);
    if (!photos.length) return setMissing('请至少拍一张现场照片');
    if (!result) return setMissing('请选择“巡查无问题”或“发现问题”');
    if (result === 'problem' && !category) return setMissing('请选择问题类别');
    setMissing(null);
    try {
      const ids: string[] = [];
      for (const [i, file] of photos.entries()) {
        let id = uploaded.current.get(file);
        if (!id) {
          setBusy(`正在上传照片 ${i + 1}/${photos.length}…`);
          id = (await uploadPhoto(file, file.name || `patrol-${i + 1}.jpg`, { ...(here ?? {}), address: site.address ?? undefined })).id;
          uploaded.current.set(file, id);
        }
        ids.push(id);
      }
      setBusy('正在提交打卡…');
      const text = description.trim();
      const patrol = await checkIn.mutateAsync({
        clientId,
        siteId: site.siteId,
        photoIds: ids,
        result,
        note: note.trim() || null,
        location: here ? { lat: here.lat, lng: here.lng, accuracy: position.accuracy ?? null } : null,
        problem:
          result === 'problem' && category
            ? { categoryCode: category.code, description: text.length >= 4 ? text : `发现${category.name}问题`, severity: 'normal' }
            : null,
      });
      if (category) rememberCategory(category.code);
      onDone(patrol);
    } catch (e) {
      const network = e instanceof ApiError && e.status === 0;
      setError({
        text: network
          ? '网络不稳定，打卡未送达。照片和填写的内容都已保留，请稍后点“重新提交”。'
          : e instanceof Error
            ? e.message
            : '打卡失败',
        retry: network || (e instanceof ApiError && e.status >= 500),
      });
    } finally {
      setBusy(null);
    }
  };

  const choice = (value: 'ok' | 'problem', label: string, icon: React.ReactNode) => (
    <Button
      block
      size="large"
      type={result === value ? 'primary' : 'default'}
      danger={value === 'problem' && result === value}
      icon={icon}
      aria-pressed={result === value}
      onClick={() => {
        setResult(value);
        setMissing(null);
      }}
      style={BIG}
    >
      {label}
    </Button>
  );

  return (
    <div aria-label={`${site.siteName} 打卡`} role="form" style={{ paddingTop: 4 }}>
      <Section title="1. 现场拍照">
        <PhotoPicker photos={photos} onChange={setPhotos} />
      </Section>
      <Section title="2. 巡查结果">
        <div style={{ display: 'flex', gap: 10 }}>
          {choice('ok', '巡查无问题', <CheckCircleOutlined aria-hidden />)}
          {choice('problem', '发现问题', <ExclamationCircleOutlined aria-hidden />)}
        </div>
        {result === 'problem' && (
          <div style={{ marginTop: 12 }}>
            <CategoryPicker categories={categories.data ?? []} value={category} onChange={setCategory} recentVersion={0} />
            <Input.TextArea
              aria-label="问题描述"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={1000}
              autoSize={{ minRows: 2, maxRows: 5 }}
              placeholder="简要说明发现的问题（将按上报问题流程提交，照片一并附上）"
              style={{ marginTop: 8, fontSize: 16 }}
            />
          </div>
        )}
      </Section>
      <Section title="3. 备注（可选）">
        <Input.TextArea
          aria-label="备注"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder="如：已提醒商户整理摊位"
          style={{ fontSize: 16 }}
        />
      </Section>
      <div aria-live="polite" style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        {position.status === 'locating' && (
          <Typography.Text type="secondary">
            <LoadingOutlined aria-hidden /> 正在定位…
          </Typography.Text>
        )}
        {position.status === 'ok' && (
          <Typography.Text type={metres !== null && metres > PATROL_FAR_METRES ? 'warning' : undefined}>
            <EnvironmentOutlined aria-hidden style={{ color: '#52c41a' }} /> 已定位
            {metres !== null ? `，距点位约 ${formatDistance(metres)}` : `（精度约 ±${Math.round(position.accuracy ?? 0)} 米）`}
            {metres !== null && metres > PATROL_FAR_METRES && '，请确认在点位现场'}
          </Typography.Text>
        )}
        {position.status === 'error' && <Typography.Text type="warning">{position.error}（可继续打卡）</Typography.Text>}
        <Button icon={<AimOutlined aria-hidden />} onClick={locate} disabled={position.status === 'locating'} style={{ minHeight: 44 }}>
          重新定位
        </Button>
      </div>
      {missing && <Alert type="warning" showIcon title={missing} role="alert" style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error.text} role="alert" style={{ marginBottom: 12 }} />}
      <div style={{ display: 'flex', gap: 10 }}>
        <Button onClick={onCancel} disabled={!!busy} style={{ ...BIG, flex: '0 0 96px' }}>
          取消
        </Button>
        <Button type="primary" block loading={!!busy} onClick={submit} style={{ ...BIG, fontSize: 17 }}>
          {busy ?? (error?.retry ? '重新提交' : '提交打卡')}
        </Button>
      </div>
    </div>
  );
}
