/**
 * A tap-to-position map without any tile server: the county's extent (from its sites) as a plain grid with its towns'
 * names at their centres; a tap sets the position (equirectangular, fine at a county's size).
 */
import type { MouseEvent } from 'react';

export interface County {
  code: string;
  name: string;
  bounds: { south: number; west: number; north: number; east: number } | null;
  towns: Array<{ name: string; lat: number; lng: number }>;
}

const WIDTH = 400;
const HEIGHT = 300;

/** The area drawn: the county's extent with a margin, at least about 2 km across. */
function frame(b: NonNullable<County['bounds']>) {
  const midLat = (b.south + b.north) / 2;
  const midLng = (b.west + b.east) / 2;
  const cos = Math.cos((midLat * Math.PI) / 180);
  let spanLat = Math.max((b.north - b.south) * 1.3, 0.02);
  let spanLng = Math.max((b.east - b.west) * 1.3, 0.02 / cos);
  // Keep the aspect of the box (4:3) in ground distance.
  if ((spanLng * cos) / spanLat > WIDTH / HEIGHT) spanLat = (spanLng * cos * HEIGHT) / WIDTH;
  else spanLng = (spanLat * WIDTH) / HEIGHT / cos;
  return { north: midLat + spanLat / 2, west: midLng - spanLng / 2, spanLat, spanLng };
}

export function TapMap({
  county,
  position,
  onPick,
}: {
  county: County;
  position: { lat: number; lng: number } | null;
  onPick: (p: { lat: number; lng: number }) => void;
}) {
  if (!county.bounds) return <p className="pp-muted">{county.name}暂无地图，请使用定位。</p>;
  const f = frame(county.bounds);
  const x = (lng: number) => ((lng - f.west) / f.spanLng) * WIDTH;
  const y = (lat: number) => ((f.north - lat) / f.spanLat) * HEIGHT;
  const handleTap = (e: MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * WIDTH;
    const py = ((e.clientY - rect.top) / rect.height) * HEIGHT;
    onPick({ lat: +(f.north - (py / HEIGHT) * f.spanLat).toFixed(6), lng: +(f.west + (px / WIDTH) * f.spanLng).toFixed(6) });
  };
  const grid = [1, 2, 3, 4, 5, 6, 7];
  return (
    <div className="pp-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} onClick={handleTap} role="img" aria-label={`${county.name}地图，点按选择问题位置`}>
        {grid.map((i) => (
          <line key={`v${i}`} x1={(i * WIDTH) / 8} y1={0} x2={(i * WIDTH) / 8} y2={HEIGHT} stroke="#d5dfd0" strokeWidth={1} />
        ))}
        {grid.slice(0, 5).map((i) => (
          <line key={`h${i}`} x1={0} y1={(i * HEIGHT) / 6} x2={WIDTH} y2={(i * HEIGHT) / 6} stroke="#d5dfd0" strokeWidth={1} />
        ))}
        <rect
          x={x(county.bounds.west) - 8}
          y={y(county.bounds.north) - 8}
          width={x(county.bounds.east) - x(county.bounds.west) + 16}
          height={y(county.bounds.south) - y(county.bounds.north) + 16}
          fill="#ffffff88"
          stroke="#7a9a6a"
          strokeDasharray="6 4"
          rx={10}
        />
        {county.towns.map((t) => (
          <g key={t.name}>
            <circle cx={x(t.lng)} cy={y(t.lat)} r={4} fill="#1f3a5f" />
            <text x={x(t.lng) + 7} y={y(t.lat) + 5} fontSize={14} fill="#1f3a5f">
              {t.name}
            </text>
          </g>
        ))}
        {position && (
          <g transform={`translate(${x(position.lng)},${y(position.lat)})`}>
            <path d="M0 0 L-9 -20 A11 11 0 1 1 9 -20 Z" fill="#cf1322" stroke="#fff" strokeWidth={2} />
            <circle cx={0} cy={-23} r={4} fill="#fff" />
          </g>
        )}
        <text x={8} y={HEIGHT - 10} fontSize={12} fill="#6b7280">
          {county.name} · 点按地图选择位置
        </text>
      </svg>
    </div>
  );
}
