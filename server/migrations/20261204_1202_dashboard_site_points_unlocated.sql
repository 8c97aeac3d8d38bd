-- 指挥大屏: every active site keeps its last score in dashboard_site_points (the 达标率 by site type is counted from
-- it, so the last visit of each site is computed once per refresh); only located ones are drawn on the map.
alter table dashboard_site_points alter column lat drop not null;
alter table dashboard_site_points alter column lng drop not null;
