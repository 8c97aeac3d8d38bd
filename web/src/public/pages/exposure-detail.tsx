/** /p/exposure/:id: one published item — the unit responsible, when found, the deadline, the before- and after-photos and the days it took. */
import { useEffect, useState } from 'react';
import { getJson, PublicApiError } from '../api';
import { Link } from '../router';
import { day, Photo, StatusBadge, Tabs, type PublicExposureDetail } from './exposure-shared';

export default function ExposureDetailPage({ params }: { params: Record<string, string> }) {
  const [e, setE] = useState<PublicExposureDetail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<PublicExposureDetail>(`/api/public/exposures/${encodeURIComponent(params.id ?? '')}`)
      .then(setE)
      .catch((err: PublicApiError) => setError(err.status === 404 || err.status === 400 ? '该曝光不存在或已撤下' : err.message));
  }, [params.id]);
  if (error)
    return (
      <div className="pp-card px-empty">
        <p>{error}</p>
        <Link to="/p/exposure" className="pp-btn">
          返回曝光台
        </Link>
      </div>
    );
  if (!e) return <p className="pp-muted">加载中…</p>;
  const pairs = Math.max(e.beforePhotos.length, e.afterPhotos.length, 1);
  return (
    <>
      <Tabs current="exposure" />
      <article className="pp-card">
        <h2>{e.title}</h2>
        <StatusBadge e={e} />
        <p style={{ whiteSpace: 'pre-wrap' }}>{e.description}</p>
        {Array.from({ length: pairs }, (_, i) => (
          <div key={i} className="px-pair">
            <Photo src={e.beforePhotos[i]} caption={`曝光时${e.beforePhotos.length > 1 ? ` ${i + 1}` : ''}`} missing="无照片" />
            <Photo
              src={e.afterPhotos[i]}
              caption={`整改后${e.afterPhotos.length > 1 ? ` ${i + 1}` : ''}`}
              missing={e.fixed ? '已整改，未公开整改照片' : '尚未整改'}
            />
          </div>
        ))}
        <dl className="px-facts">
          <dt>责任单位</dt>
          <dd>{e.unitId ? <Link to={`/p/exposure/units?unit=${e.unitId}`}>{e.unitName}</Link> : e.unitName}</dd>
          <dt>所在区域</dt>
          <dd>{e.townName}</dd>
          <dt>发现时间</dt>
          <dd>{day(e.foundAt)}</dd>
          <dt>整改时限</dt>
          <dd>{day(e.deadline)}</dd>
          <dt>曝光时间</dt>
          <dd>{day(e.publishedAt)}</dd>
          <dt>整改完成</dt>
          <dd>{e.fixed ? `${day(e.fixedAt)}（用时 ${e.daysTaken} 天）` : '尚未整改完成'}</dd>
        </dl>
      </article>
      <Link to="/p/exposure" className="pp-btn pp-btn-block">
        返回曝光台
      </Link>
    </>
  );
}
