/** Distances on the ground between WGS-84 points (haversine), and how to show them. */

const R = 6_371_000;
const rad = (d: number) => (d * Math.PI) / 180;

/** Metres between two points. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 350 米 / 1.2 公里. */
export function formatDistance(m: number | null): string {
  if (m === null) return '距离未知';
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} 米`;
  return `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} 公里`;
}
