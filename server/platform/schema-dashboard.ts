/** Table types: 指挥大屏 snapshots (migration 20261204_1201_dashboard_snapshots). */
import type { ColumnType } from 'kysely';

export interface DashboardSnapshotsTable {
  region_id: string;
  region_path: string;
  computed_at: Date;
  /** The figures of common/contracts/dashboard.ts `dashboardFigures`. */
  data: ColumnType<unknown, string, string>;
}

export interface DashboardSitePointsTable {
  site_id: string;
  region_path: string;
  name: string;
  site_type_code: string;
  /** Null for a site without a location (counted for 达标率, not drawn). */
  lat: number | null;
  lng: number | null;
  score_rate: number | null;
  passed: boolean | null;
  computed_at: Date;
}

export interface DashboardDB {
  dashboard_snapshots: DashboardSnapshotsTable;
  dashboard_site_points: DashboardSitePointsTable;
}
