/**
 * /p/report: 随手拍 — a photo (camera or album), the place (the device's position or a tap on the county's map), a
 * category and its 附加问题 (question-fields.tsx), a description, optionally a name and a verified phone. The challenge
 * is solved in the background from the moment the page opens; the tracking code is shown (and kept on this phone)
 * after sending.
 */
import type { PublicQuestion } from '@common/contracts/public-reports';
import { useEffect, useState, type FormEvent } from 'react';
import { getJson, postJson, PublicApiError } from '../api';
import { useProof } from '../challenge';
import { deviceId, saveReport } from '../device';
import { PhotoPicker, SubmitBar, type PickedPhoto } from '../form-parts';
import { answersProblem, answersToSend, QuestionFields, type Answers } from '../question-fields';
import { Link } from '../router';
import { TapMap, type County } from '../tap-map';

interface Options {
  categories: Array<{ code: string; name: string; questions: PublicQuestion[] }>;
  counties: County[];
}

const MAX_PHOTOS = 4;

export default function ReportPage() {
  const [options, setOptions] = useState<Options | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [countyCode, setCountyCode] = useState('');
  const [position, setPosition] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateNote, setLocateNote] = useState<string | null>(null);
  const [category, setCategory] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [phoneCode, setPhoneCode] = useState('');
  const [codeNote, setCodeNote] = useState<string | null>(null);
  const [codeWait, setCodeWait] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ code: string; url: string } | null>(null);
  const { progress, start: startProof, take: takeProof } = useProof();

  useEffect(() => {
    getJson<Options>('/api/public/categories')
      .then((o) => {
        setOptions(o);
        const first = o.counties.find((c) => c.bounds) ?? o.counties[0];
        if (first) setCountyCode(first.code);
      })
      .catch((e: Error) => setLoadError(e.message));
    startProof();
  }, [startProof]);

  useEffect(() => {
    if (codeWait <= 0) return;
    const t = setTimeout(() => setCodeWait(codeWait - 1), 1000);
    return () => clearTimeout(t);
  }, [codeWait]);

  const county = options?.counties.find((c) => c.code === countyCode) ?? null;
  const questions = options?.categories.find((c) => c.code === category)?.questions ?? [];

  const handleLocate = () => {
    if (!navigator.geolocation) {
      setLocateNote('此设备无法定位，请在地图上点选位置');
      return;
    }
    setLocating(true);
    setLocateNote(null);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setPosition({ lat: +p.coords.latitude.toFixed(6), lng: +p.coords.longitude.toFixed(6) });
        setLocateNote('已获取当前位置');
      },
      () => {
        setLocating(false);
        setLocateNote('定位失败，请在地图上点选位置');
      },
      { enableHighAccuracy: true, timeout: 10000 },
    );
  };

  const handleSendCode = async () => {
    setCodeNote(null);
    try {
      const r = await postJson<{ sentTo: string }>('/api/public/phone-codes', { phone: phone.trim(), deviceId: deviceId() });
      setCodeNote(`验证码已发送至 ${r.sentTo}`);
      setCodeWait(60);
    } catch (err) {
      setCodeNote((err as Error).message);
    }
  };

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const ids = photos.filter((p) => p.id).map((p) => p.id!);
    if (ids.length === 0) return setError('请至少拍摄或选择 1 张照片');
    if (photos.some((p) => !p.id && !p.error)) return setError('照片还在上传，请稍候');
    if (!position) return setError('请定位或在地图上点选问题位置');
    if (!category) return setError('请选择问题类别');
    const unanswered = answersProblem(questions, answers);
    if (unanswered) return setError(unanswered);
    if (description.trim().length < 5) return setError('问题描述至少 5 个字');
    if (phone.trim() && !phoneCode.trim()) return setError('填写手机号时请获取并填写短信验证码');
    setSending(true);
    try {
      const solved = await takeProof();
      const r = await postJson<{ trackingCode: string; trackingUrl: string }>('/api/public/reports', {
        photoIds: ids,
        location: position,
        countyCode: countyCode || null,
        address: address.trim() || null,
        categoryCode: category,
        description: description.trim(),
        answers: answersToSend(questions, answers),
        name: name.trim() || null,
        phone: phone.trim() || null,
        phoneCode: phoneCode.trim() || null,
        deviceId: deviceId(),
        proof: solved,
      });
      saveReport({
        code: r.trackingCode,
        at: new Date().toISOString(),
        category: options?.categories.find((c) => c.code === category)?.name ?? '',
      });
      setDone({ code: r.trackingCode, url: r.trackingUrl });
    } catch (err) {
      setError(err instanceof PublicApiError ? err.message : '提交失败，请重试');
      // A challenge is used once: solve a new one for the next try.
      startProof();
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <div className="pp-card" data-testid="report-done">
        <h2 className="pp-ok">提交成功，感谢您的参与！</h2>
        <p>请保存您的查询码，凭它查看办理进度（本机也已记住）：</p>
        <p className="pp-code">{done.code}</p>
        <Link to={done.url} className="pp-btn pp-btn-primary pp-btn-block">
          查看办理进度
        </Link>
      </div>
    );
  }
  if (loadError) return <div className="pp-card pp-error">{loadError}</div>;

  return (
    <form onSubmit={handleSubmit} noValidate>
      <div className="pp-card">
        <h2 className="pp-required">现场照片</h2>
        <PhotoPicker photos={photos} onChange={setPhotos} max={MAX_PHOTOS} alt="现场照片" />
      </div>

      <div className="pp-card">
        <h2 className="pp-required">问题位置</h2>
        {options && options.counties.length > 1 && (
          <label className="pp-field">
            <span className="pp-label">所在区县</span>
            <select className="pp-select" value={countyCode} onChange={(e) => setCountyCode(e.target.value)}>
              {options.counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="pp-row" style={{ marginBottom: 8 }}>
          <button type="button" className="pp-btn" onClick={handleLocate} disabled={locating}>
            <svg className="pp-icon-inline" viewBox="0 0 24 24" aria-hidden>
              <path d="M12 22s7-7.2 7-12a7 7 0 1 0-14 0c0 4.8 7 12 7 12z" fill="none" stroke="currentColor" strokeWidth="2" />
              <circle cx="12" cy="10" r="2.5" fill="currentColor" />
            </svg>
            {locating ? '定位中…' : '使用当前位置'}
          </button>
          <span className="pp-muted">{position ? `${position.lat.toFixed(5)}, ${position.lng.toFixed(5)}` : '或在下方地图上点选'}</span>
        </div>
        {locateNote && <p className="pp-muted">{locateNote}</p>}
        {county && <TapMap county={county} position={position} onPick={setPosition} />}
        <label className="pp-field" style={{ marginTop: 12 }}>
          <span className="pp-label">详细地址（选填）</span>
          <input
            className="pp-input"
            value={address}
            maxLength={200}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="如：人民路与解放街交叉口"
          />
        </label>
      </div>

      <div className="pp-card">
        <h2 className="pp-required">问题类别</h2>
        <div className="pp-chips" role="group" aria-label="问题类别">
          {options?.categories.map((c) => (
            <button
              type="button"
              key={c.code}
              className="pp-chip"
              aria-pressed={category === c.code}
              onClick={() => {
                // Another category asks other questions: the answers start over.
                if (c.code !== category) setAnswers({});
                setCategory(c.code);
              }}
            >
              {c.name}
            </button>
          )) ?? <span className="pp-muted">加载中…</span>}
        </div>
        <QuestionFields questions={questions} answers={answers} onChange={setAnswers} />
      </div>

      <div className="pp-card">
        <label className="pp-field">
          <span className="pp-label pp-required">问题描述</span>
          <textarea
            className="pp-textarea"
            value={description}
            maxLength={500}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="请简要描述看到的问题（至少 5 个字）"
          />
        </label>
        <label className="pp-field">
          <span className="pp-label">姓名（选填）</span>
          <input className="pp-input" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </label>
        <label className="pp-field">
          <span className="pp-label">手机号（选填，便于回访；不会公开）</span>
          <div className="pp-row">
            <input
              className="pp-input"
              value={phone}
              inputMode="tel"
              maxLength={11}
              onChange={(e) => setPhone(e.target.value)}
              autoComplete="tel"
            />
            <button
              type="button"
              className="pp-btn"
              disabled={!/^1[3-9]\d{9}$/.test(phone.trim()) || codeWait > 0}
              onClick={handleSendCode}
            >
              {codeWait > 0 ? `${codeWait} 秒` : '获取验证码'}
            </button>
          </div>
        </label>
        {phone.trim() && (
          <label className="pp-field">
            <span className="pp-label pp-required">短信验证码</span>
            <input
              className="pp-input"
              value={phoneCode}
              inputMode="numeric"
              maxLength={6}
              onChange={(e) => setPhoneCode(e.target.value)}
            />
          </label>
        )}
        {codeNote && <p className="pp-muted">{codeNote}</p>}
      </div>

      <SubmitBar progress={progress} error={error} sending={sending} label="提交" />
    </form>
  );
}
