/** Table types: 点长巡查打卡 (migration 20261203_0901_site_patrols). */
import type { Generated } from 'kysely';

export interface SitePatrolsTable {
  id: Generated<string>;
  site_id: string;
  /** The Beijing calendar day (YYYY-MM-DD; DATE reaches the client as a string on both engines). */
  day: string;
  lead_user_id: string;
  client_id: string;
  result: 'ok' | 'problem';
  problem_id: string | null;
  note: string | null;
  lat: number | null;
  lng: number | null;
  accuracy_m: number | null;
  location_source: 'device' | 'photo' | null;
  distance_m: number | null;
  checked_at: Date;
}

export interface SitePatrolPhotosTable {
  patrol_id: string;
  file_id: string;
  sort: number;
}

export interface PatrolsDB {
  site_patrols: SitePatrolsTable;
  site_patrol_photos: SitePatrolPhotosTable;
}
