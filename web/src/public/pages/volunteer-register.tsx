/**
 * /p/volunteer: 注册志愿者 on a resident's phone — name, phone verified by an SMS code, ID number (checked here with
 * its check digit before sending; stored encrypted and shown masked), gender, skills, when they can serve, the team
 * to join and a password for the account (the phone number is the user name). The team's admin approves; the
 * challenge is solved in the background from the moment the page opens.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { isValidIdNumber, VOLUNTEER_SKILLS } from '@common/volunteers';
import { getJson, postJson, PublicApiError } from '../api';
import { useProof } from '../challenge';
import { deviceId } from '../device';
import { RecruitingActivities } from './volunteer-recruiting';

interface PublicTeam {
  id: string;
  name: string;
  kind: string;
  regionName: string;
  parentId: string | null;
}
interface County {
  code: string;
  name: string;
}

const PHONE = /^1[3-9]\d{9}$/;

/** Why an ID number is not right yet (null when it is). */
function idProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  if (!id) return '请填写身份证号码';
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码为 18 位（末位可为 X）';
  if (!isValidIdNumber(id)) return '身份证号码校验位不正确，请核对';
  return null;
}

export default function VolunteerRegisterPage() {
  const [counties, setCounties] = useState<County[]>([]);
  const [countyCode, setCountyCode] = useState('');
  const [teams, setTeams] = useState<PublicTeam[] | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [phoneCode, setPhoneCode] = useState('');
  const [codeNote, setCodeNote] = useState<string | null>(null);
  const [codeWait, setCodeWait] = useState(0);
  const [idNumber, setIdNumber] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [gender, setGender] = useState<'male' | 'female' | null>(null);
  const [skills, setSkills] = useState<string[]>([]);
  const [availability, setAvailability] = useState('');
  const [teamId, setTeamId] = useState(() => new URLSearchParams(window.location.search).get('team') ?? '');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<{ username: string } | null>(null);
  const { progress, start: startProof, take: takeProof } = useProof();

  useEffect(() => {
    getJson<{ counties: County[] }>('/api/public/categories')
      .then((o) => {
        setCounties(o.counties);
        if (o.counties[0]) setCountyCode(o.counties[0].code);
      })
      .catch((e: Error) => setError(e.message));
    startProof();
  }, [startProof]);

  useEffect(() => {
    if (!countyCode) return;
    setTeams(null);
    getJson<{ items: PublicTeam[] }>(`/api/public/volunteer-teams?countyCode=${encodeURIComponent(countyCode)}`)
      .then((r) => setTeams(r.items))
      .catch((e: Error) => {
        setTeams([]);
        setError(e.message);
      });
  }, [countyCode]);

  useEffect(() => {
    if (codeWait <= 0) return;
    const t = setTimeout(() => setCodeWait(codeWait - 1), 1000);
    return () => clearTimeout(t);
  }, [codeWait]);

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

  const toggleSkill = (s: string) => setSkills((x) => (x.includes(s) ? x.filter((y) => y !== s) : x.length >= 12 ? x : [...x, s]));

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const n = name.trim();
    if (n.length < 2) return setError('请填写姓名（至少 2 个字）');
    if (!PHONE.test(phone.trim())) return setError('请填写 11 位手机号码');
    if (!/^\d{6}$/.test(phoneCode.trim())) return setError('请获取并填写 6 位短信验证码');
    const idp = idProblem(idNumber);
    if (idp) {
      setIdTouched(true);
      return setError(idp);
    }
    if (!teamId) return setError('请选择要加入的志愿队伍');
    if (password.length < 8) return setError('密码至少 8 位');
    if (password !== password2) return setError('两次输入的密码不一致');
    setSending(true);
    try {
      const solved = await takeProof();
      const r = await postJson<{ id: string; state: string; username: string }>('/api/public/volunteers/register', {
        name: n,
        phone: phone.trim(),
        phoneCode: phoneCode.trim(),
        idNumber: idNumber.trim().toUpperCase(),
        gender,
        skills,
        availability: availability.trim() || null,
        teamId,
        password,
        deviceId: deviceId(),
        proof: solved,
      });
      setDone({ username: r.username });
    } catch (err) {
      setError(err instanceof PublicApiError ? err.message : '提交失败，请重试');
      startProof();
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <div className="pp-card" data-testid="register-done">
        <h2 className="pp-ok">注册已提交，感谢您加入志愿服务！</h2>
        <p>队伍管理员审核通过后，您就可以报名志愿活动、扫码签到、累计服务时长。</p>
        <p>
          登录账号：<strong>{done.username}</strong>（密码为您刚才设置的密码）
        </p>
        <a href="/login" className="pp-btn pp-btn-primary pp-btn-block">
          去登录
        </a>
      </div>
    );
  }

  const idErr = idTouched ? idProblem(idNumber) : null;
  return (
    <form onSubmit={handleSubmit} noValidate>
      {countyCode && <RecruitingActivities countyCode={countyCode} />}
      <div className="pp-card">
        <p className="pp-muted" style={{ marginTop: 0 }}>
          “奉献、友爱、互助、进步”。填写以下信息注册志愿者，身份证号码加密保存，仅显示前 4 位和后 4 位。
        </p>
        <label className="pp-field">
          <span className="pp-label pp-required">姓名</span>
          <input className="pp-input" value={name} maxLength={20} autoComplete="name" onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="pp-field">
          <span className="pp-label pp-required">手机号码（登录账号）</span>
          <div className="pp-row">
            <input
              className="pp-input"
              value={phone}
              inputMode="tel"
              maxLength={11}
              autoComplete="tel"
              onChange={(e) => setPhone(e.target.value)}
            />
            <button type="button" className="pp-btn" disabled={!PHONE.test(phone.trim()) || codeWait > 0} onClick={handleSendCode}>
              {codeWait > 0 ? `${codeWait} 秒` : '获取验证码'}
            </button>
          </div>
        </label>
        <label className="pp-field">
          <span className="pp-label pp-required">短信验证码</span>
          <input
            className="pp-input"
            value={phoneCode}
            inputMode="numeric"
            maxLength={6}
            autoComplete="one-time-code"
            onChange={(e) => setPhoneCode(e.target.value)}
          />
        </label>
        {codeNote && <p className="pp-muted">{codeNote}</p>}
        <label className="pp-field">
          <span className="pp-label pp-required">身份证号码</span>
          <input
            className="pp-input"
            value={idNumber}
            maxLength={18}
            autoCapitalize="characters"
            aria-invalid={!!idErr}
            onChange={(e) => setIdNumber(e.target.value)}
            onBlur={() => setIdTouched(true)}
          />
          {idErr && <span className="pp-error">{idErr}</span>}
        </label>
        <div className="pp-field">
          <span className="pp-label">性别</span>
          <div className="pp-chips" role="group" aria-label="性别">
            <button type="button" className="pp-chip" aria-pressed={gender === 'male'} onClick={() => setGender('male')}>
              男
            </button>
            <button type="button" className="pp-chip" aria-pressed={gender === 'female'} onClick={() => setGender('female')}>
              女
            </button>
          </div>
        </div>
      </div>

      <div className="pp-card">
        <h2>特长与服务时间</h2>
        <div className="pp-chips" role="group" aria-label="特长技能">
          {VOLUNTEER_SKILLS.map((s) => (
            <button type="button" key={s} className="pp-chip" aria-pressed={skills.includes(s)} onClick={() => toggleSkill(s)}>
              {s}
            </button>
          ))}
        </div>
        <label className="pp-field" style={{ marginTop: 12 }}>
          <span className="pp-label">可服务时间</span>
          <input
            className="pp-input"
            value={availability}
            maxLength={100}
            placeholder="如：周末全天、工作日晚上"
            onChange={(e) => setAvailability(e.target.value)}
          />
        </label>
      </div>

      <div className="pp-card">
        <h2 className="pp-required">加入队伍</h2>
        {counties.length > 1 && (
          <label className="pp-field">
            <span className="pp-label">所在区县</span>
            <select className="pp-select" value={countyCode} onChange={(e) => setCountyCode(e.target.value)}>
              {counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="pp-field">
          <span className="pp-label">志愿队伍</span>
          <select className="pp-select" value={teamId} onChange={(e) => setTeamId(e.target.value)} aria-label="志愿队伍">
            <option value="">{teams === null ? '加载中…' : teams.length ? '请选择' : '暂无可加入的队伍'}</option>
            {(teams ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}（{t.regionName}）
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="pp-card">
        <h2 className="pp-required">设置密码</h2>
        <label className="pp-field">
          <span className="pp-label">密码（至少 8 位）</span>
          <input
            className="pp-input"
            type="password"
            value={password}
            autoComplete="new-password"
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="pp-field">
          <span className="pp-label">再次输入密码</span>
          <input
            className="pp-input"
            type="password"
            value={password2}
            autoComplete="new-password"
            onChange={(e) => setPassword2(e.target.value)}
          />
        </label>
        <div className="pp-progress" aria-hidden>
          <div style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
        <p className="pp-muted">{progress >= 1 ? '安全验证已完成' : '正在进行安全验证（无需操作）…'}</p>
        {error && (
          <p className="pp-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="pp-btn pp-btn-primary pp-btn-block" disabled={sending}>
          {sending ? '提交中…' : '注册志愿者'}
        </button>
      </div>
    </form>
  );
}
