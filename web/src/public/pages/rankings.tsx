/** /p/rankings: the red and black lists of the published monthly rankings (月评排名 已发布 only); until one is published, says so. */
import type { publicRankings } from '@common/contracts/exposure';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { getJson } from '../api';
import { day, Tabs } from './exposure-shared';

type Rankings = z.input<typeof publicRankings>;

export default function RankingsPage() {
  const [data, setData] = useState<Rankings | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<Rankings>('/api/public/rankings')
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, []);
  return (
    <>
      <Tabs current="rankings" />
      {error && <p className="pp-error">{error}</p>}
      {!data && !error && <p className="pp-muted">加载中…</p>}
      {data && !data.published && (
        <div className="pp-card px-empty">
          <h2>尚未发布</h2>
          <p>{data.message ?? '红黑榜尚未发布'}</p>
        </div>
      )}
      {data?.rankings.map((r) => (
        <section key={r.runId} className="pp-card">
          <h2>
            {r.regionName} · {r.schemeName}
          </h2>
          <p className="pp-muted">
            {r.periodLabel}红黑榜 · {day(r.publishedAt)} 发布
          </p>
          {r.groups.map((g) => (
            <div key={g.name} style={{ marginBottom: 12 }}>
              <h3 style={{ fontSize: 15, margin: '8px 0' }}>{g.name}</h3>
              <div className="px-lists">
                <RankList title="红榜" tone="px-red" items={g.red} />
                <RankList title="黑榜" tone="px-black" items={g.black} />
              </div>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

/** One list of a group (红榜 or 黑榜): rank, name and score, or 无. */
function RankList({ title, tone, items }: { title: string; tone: string; items: Array<{ rank: number; name: string; score: number }> }) {
  return (
    <div className={`px-list ${tone}`}>
      <h3>{title}</h3>
      <ol>
        {items.length ? (
          items.map((x) => (
            <li key={x.name}>
              <span>
                {x.rank}. {x.name}
              </span>
              <span>{x.score.toFixed(2)}</span>
            </li>
          ))
        ) : (
          <li className="pp-muted">无</li>
        )}
      </ol>
    </div>
  );
}
