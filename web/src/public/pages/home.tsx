/**
 * /p: the public pages' start — report a problem, follow a report by its tracking code, look at the 曝光台 and 红黑榜,
 * register as a volunteer or check a volunteer certificate, see the 好人榜 and nominate someone.
 */
import { useState, type FormEvent } from 'react';
import { savedReports } from '../device';
import { Link, navigate } from '../router';

export default function PublicHome() {
  const [code, setCode] = useState('');
  const [mine] = useState(savedReports);
  const handleTrack = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = code.trim();
    if (trimmed) navigate(`/p/track/${encodeURIComponent(trimmed)}`);
  };
  return (
    <>
      <div className="pp-card">
        <h2>随手拍</h2>
        <p className="pp-muted">看到乱扔垃圾、占道经营、设施损坏等不文明现象？拍张照片告诉我们，无需注册。</p>
        <Link to="/p/report" className="pp-btn pp-btn-primary pp-btn-block">
          我要随手拍
        </Link>
      </div>
      <form className="pp-card" onSubmit={handleTrack}>
        <h2>查询办理进度</h2>
        <div className="pp-row">
          <input className="pp-input" value={code} onChange={(e) => setCode(e.target.value)} placeholder="输入查询码" aria-label="查询码" />
          <button className="pp-btn" type="submit">
            查询
          </button>
        </div>
      </form>
      <div className="pp-card">
        <h2>创建监督</h2>
        <p className="pp-muted">曝光的不文明现象及整改情况、各单位整改记录和每月考核红黑榜，向社会公开。</p>
        <div className="pp-row">
          <Link to="/p/exposure" className="pp-btn">
            曝光台
          </Link>
          <Link to="/p/exposure/units" className="pp-btn">
            单位记录
          </Link>
          <Link to="/p/rankings" className="pp-btn">
            红黑榜
          </Link>
        </div>
      </div>
      <div className="pp-card">
        <h2>志愿服务</h2>
        <p className="pp-muted">注册成为志愿者，报名志愿活动、扫码签到、累计服务时长；持志愿服务证明的验证码可在线查验。</p>
        <div className="pp-row">
          <Link to="/p/volunteer" className="pp-btn pp-btn-primary">
            注册志愿者
          </Link>
          <Link to="/p/volunteer-certificates" className="pp-btn">
            证明查验
          </Link>
        </div>
      </div>
      <div className="pp-card">
        <h2>好人之城</h2>
        <p className="pp-muted">看每月好人榜，为身边好人投票；评选推荐期间，您也可以推荐身边的好人好事。</p>
        <div className="pp-row">
          <Link to="/p/honours" className="pp-btn pp-btn-primary">
            好人榜与推荐
          </Link>
        </div>
      </div>
      {mine.length > 0 && (
        <div className="pp-card">
          <h2>本机提交的随手拍</h2>
          {mine.map((r) => (
            <div key={r.code}>
              <Link to={`/p/track/${r.code}`} className="pp-link">
                {r.category || '随手拍'} · {r.at.slice(0, 10)}
              </Link>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
