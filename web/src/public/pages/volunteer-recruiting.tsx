/**
 * 正在招募的志愿活动 on the registration page: the county's published activities that have not ended, soonest first,
 * with their places — what a resident sees before deciding to join (signing up opens once a team admin approves).
 */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { formatBeijingMinute } from '@common/beijing';
import { placesText } from '@common/volunteers';
import type { publicActivityList } from '@common/contracts/volunteers';
import { getJson } from '../api';

type Activity = z.input<typeof publicActivityList>['items'][number];

/** "12月6日 09:00–12:00" (same day) or the two ends in full, on the Beijing clock. */
function when(a: Activity): string {
  const from = formatBeijingMinute(new Date(a.startsAt));
  const to = formatBeijingMinute(new Date(a.endsAt));
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)}` : `${from} 至 ${to}`;
}

export function RecruitingActivities({ countyCode }: { countyCode: string }) {
  const [items, setItems] = useState<Activity[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!countyCode) return;
    setItems(null);
    setFailed(false);
    getJson<{ items: Activity[] }>(`/api/public/volunteer-activities?countyCode=${encodeURIComponent(countyCode)}`)
      .then((r) => setItems(r.items))
      .catch(() => setFailed(true));
  }, [countyCode]);

  return (
    <section className="pp-card" aria-labelledby="recruiting-title" data-testid="recruiting">
      <h2 id="recruiting-title">正在招募的志愿活动{items ? `（${items.length}）` : ''}</h2>
      {failed && <p className="pp-error">活动列表加载失败，请稍后刷新</p>}
      {!failed && !items && <p className="pp-muted">正在加载…</p>}
      {items?.length === 0 && <p className="pp-muted">本区县暂无招募中的活动。</p>}
      {items && items.length > 0 && (
        <ul className="pp-activities">
          {items.slice(0, 5).map((a) => (
            <li key={a.id}>
              <strong>{a.title}</strong>
              <span className="pp-muted">
                {when(a)} · {a.place}
              </span>
              <span className="pp-muted">
                {a.teamName ?? a.regionName} · {placesText(a)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {items && items.length > 5 && (
        <p className="pp-muted">另有 {items.length - 5} 个活动，注册并通过审核后可在“志愿活动”中查看和报名。</p>
      )}
      {items && items.length > 0 && <p className="pp-muted">注册并经队伍管理员审核通过后即可报名。</p>}
    </section>
  );
}
