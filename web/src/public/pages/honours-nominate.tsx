/**
 * /p/honours/:id/nominate: 我要推荐 — a resident nominates someone for a selection in its nomination period (no
 * account): who, the category, a one-line deed and the story (the API's length limits), photos from this phone
 * (../form-parts), and the recommender's name and phone, which only the office sees. The security check runs in the
 * background from the moment the page opens (../challenge); a used check is replaced after a refused send.
 */
import { NOMINEE_LABELS, type SelectionKind } from '@common/honours';
import { useEffect, useState, type FormEvent } from 'react';
import { getJson, postJson, PublicApiError } from '../api';
import { useProof } from '../challenge';
import { deviceId } from '../device';
import { PhotoPicker, photoIds, SubmitBar, type PickedPhoto } from '../form-parts';
import { Link } from '../router';
import { PHASE, type PublicSelection } from './honours-shared';

interface Detail {
  selection: PublicSelection;
  categories: Array<{ code: string; name: string }>;
}

const MAX_PHOTOS = 6;
const PHONE = /^1[3-9]\d{9}$/;

/** The form's problems (Chinese), by field; the server checks the same and answers in kind. */
function problems(f: Record<string, string>): Record<string, string> {
  const e: Record<string, string> = {};
  const len = (k: string) => f[k].trim().length;
  if (!f.categoryCode) e.categoryCode = '请选择类别';
  if (len('nomineeName') < 2) e.nomineeName = '被推荐人至少 2 个字';
  if (len('headline') < 6) e.headline = '一句话事迹至少 6 个字';
  if (len('story') < 30) e.story = `事迹至少 30 个字（已写 ${len('story')} 个字）`;
  if (len('recommenderName') < 2) e.recommenderName = '请填写推荐人姓名';
  if (!PHONE.test(f.contactPhone.trim())) e.contactPhone = '请填写 11 位手机号码';
  return e;
}

export default function HonourNominatePage({ params }: { params: Record<string, string> }) {
  const [data, setData] = useState<Detail | null>(null);
  const [loadError, setLoadError] = useState('');
  const [form, setForm] = useState({
    categoryCode: '',
    nomineeName: '',
    affiliation: '',
    headline: '',
    story: '',
    recommenderName: '',
    contactPhone: '',
  });
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [shown, setShown] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const { progress, start: startProof, take: takeProof } = useProof();

  useEffect(() => {
    getJson<Detail>(`/api/public/honours/${params.id}`)
      .then((d) => {
        setData(d);
        if (d.selection.phase === 'nominating') startProof();
      })
      .catch((e: Error) => setLoadError(e.message));
  }, [params.id, startProof]);

  const set = (k: keyof typeof form) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setError('');
    if (shown[k]) setShown((s) => ({ ...s, [k]: problems({ ...form, [k]: v })[k] ?? '' }));
  };

  if (loadError)
    return (
      <div className="pp-card pp-error" role="alert">
        {loadError}
      </div>
    );
  if (!data) return <div className="pp-card pp-muted">加载中…</div>;
  const s = data.selection;
  const nomineeLabel = NOMINEE_LABELS[s.kind as SelectionKind] ?? '被推荐人';

  if (done)
    return (
      <div className="pp-card" data-testid="nomination-done">
        <h2 className="pp-ok">推荐已提交，感谢您发现身边好人！</h2>
        <p>接下来：</p>
        <ol style={{ paddingLeft: 20, margin: '4px 0 12px' }}>
          <li>推荐截止（{s.nominationEndsOn}）后，评选办公室逐一核实事迹，可能打电话向您了解情况；</li>
          <li>
            通过审核的候选人于 {s.votingStartsOn} 至 {s.votingEndsOn} 在评选页面公示，接受群众投票；
          </li>
          <li>投票结束后综合投票和评审结果，当选者在好人榜公布。</li>
        </ol>
        <p className="pp-muted">您的姓名和电话只用于核实，不会公开。</p>
        <Link to={`/p/honours/${s.id}`} className="pp-btn pp-btn-primary pp-btn-block">
          返回{s.title}
        </Link>
      </div>
    );

  if (s.phase !== 'nominating')
    return (
      <div className="pp-card">
        <h2 style={{ fontSize: 18, margin: 0 }}>{s.title}</h2>
        <p className="pp-muted">
          本次评选{PHASE[s.phase] ?? ''}，推荐时间为 {s.nominationStartsOn} 至 {s.nominationEndsOn}，现已不接受推荐。
        </p>
        <Link to={`/p/honours/${s.id}`} className="pp-btn pp-btn-block">
          查看评选
        </Link>
      </div>
    );

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    const found = problems(form);
    setShown(found);
    if (Object.keys(found).length) return setError('请按提示修改后再提交');
    const { ids, uploading } = photoIds(photos);
    if (uploading) return setError('照片还在上传，请稍候');
    setSending(true);
    try {
      await postJson<{ id: string; message: string }>(`/api/public/honours/${s.id}/nominations`, {
        categoryCode: form.categoryCode,
        nomineeName: form.nomineeName.trim(),
        affiliation: form.affiliation.trim() || null,
        headline: form.headline.trim(),
        story: form.story.trim(),
        photoIds: ids,
        recommenderName: form.recommenderName.trim(),
        contactName: form.recommenderName.trim(),
        contactPhone: form.contactPhone.trim(),
        deviceId: deviceId(),
        proof: await takeProof(),
      });
      setDone(true);
    } catch (err) {
      setError(err instanceof PublicApiError ? err.message : '提交失败，请重试');
      startProof(); // a check is used once
    } finally {
      setSending(false);
    }
  };

  const fieldError = (k: string) =>
    shown[k] ? (
      <span className="pp-error" role="alert" style={{ display: 'block', fontSize: 13 }}>
        {shown[k]}
      </span>
    ) : null;

  return (
    <form onSubmit={handleSubmit} noValidate>
      <div className="pp-card">
        <h2 style={{ fontSize: 18, margin: 0 }}>{s.title}</h2>
        <div className="pp-muted" style={{ fontSize: 13 }}>
          {s.regionName} · {PHASE.nominating} · 推荐截止 {s.nominationEndsOn}
        </div>
        <p className="pp-muted" style={{ fontSize: 13, marginBottom: 0 }}>
          推荐您身边助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲的好人好事。推荐经评选办公室核实后才会公示。
        </p>
      </div>

      <div className="pp-card">
        <h2 className="pp-required">推荐类别</h2>
        <div className="pp-chips" role="group" aria-label="推荐类别">
          {data.categories.map((c) => (
            <button
              type="button"
              key={c.code}
              className="pp-chip"
              aria-pressed={form.categoryCode === c.code}
              onClick={() => set('categoryCode')(c.code)}
            >
              {c.name}
            </button>
          ))}
        </div>
        {fieldError('categoryCode')}
      </div>

      <div className="pp-card">
        <label className="pp-field">
          <span className="pp-label pp-required">{nomineeLabel}</span>
          <input
            className="pp-input"
            value={form.nomineeName}
            maxLength={60}
            onChange={(e) => set('nomineeName')(e.target.value)}
            aria-invalid={!!shown.nomineeName}
          />
          {fieldError('nomineeName')}
        </label>
        <label className="pp-field">
          <span className="pp-label">工作单位或住址（选填）</span>
          <input
            className="pp-input"
            value={form.affiliation}
            maxLength={100}
            onChange={(e) => set('affiliation')(e.target.value)}
            placeholder="如：城关镇东街社区"
          />
        </label>
        <label className="pp-field">
          <span className="pp-label pp-required">一句话事迹</span>
          <input
            className="pp-input"
            value={form.headline}
            maxLength={60}
            onChange={(e) => set('headline')(e.target.value)}
            placeholder="6–60 个字，如：二十年悉心照料瘫痪婆婆"
            aria-invalid={!!shown.headline}
          />
          {fieldError('headline')}
        </label>
        <label className="pp-field">
          <span className="pp-label pp-required">事迹介绍</span>
          <textarea
            className="pp-textarea"
            style={{ minHeight: 140 }}
            value={form.story}
            maxLength={5000}
            onChange={(e) => set('story')(e.target.value)}
            placeholder="请写清时间、地点和具体事迹（30–5000 个字）"
            aria-invalid={!!shown.story}
          />
          <span className="pp-muted" style={{ display: 'block', fontSize: 12 }}>
            {form.story.trim().length} / 5000
          </span>
          {fieldError('story')}
        </label>
      </div>

      <div className="pp-card">
        <h2>照片（选填，至多 {MAX_PHOTOS} 张）</h2>
        <PhotoPicker photos={photos} onChange={setPhotos} max={MAX_PHOTOS} alt="事迹照片" />
      </div>

      <div className="pp-card">
        <h2>推荐人</h2>
        <p className="pp-muted" style={{ fontSize: 13, marginTop: 0 }}>
          您的姓名和电话仅供评选办公室核实事迹，<b>不会公开</b>，也不会告诉被推荐人。
        </p>
        <label className="pp-field">
          <span className="pp-label pp-required">您的姓名</span>
          <input
            className="pp-input"
            value={form.recommenderName}
            maxLength={30}
            autoComplete="name"
            onChange={(e) => set('recommenderName')(e.target.value)}
            aria-invalid={!!shown.recommenderName}
          />
          {fieldError('recommenderName')}
        </label>
        <label className="pp-field">
          <span className="pp-label pp-required">您的手机号</span>
          <input
            className="pp-input"
            value={form.contactPhone}
            inputMode="tel"
            maxLength={11}
            autoComplete="tel"
            onChange={(e) => set('contactPhone')(e.target.value)}
            aria-invalid={!!shown.contactPhone}
          />
          {fieldError('contactPhone')}
        </label>
      </div>

      <SubmitBar progress={progress} error={error} sending={sending} label="提交推荐" />
    </form>
  );
}
