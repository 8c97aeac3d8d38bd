-- 底图设置 (issue 9, "Maps"): the base layer under every map of the app, set by the system administrator.
--
-- Region-scoped like the other settings (nearest region wins; the row without a region is the deployment default):
-- a city sets 天地图 for everyone, a county whose 自然资源局 publishes its own imagery on the 政务网 points its
-- subtree at that tile server. The shipped default is no base map at all, which works with no network.
--
-- kind picks what is drawn; the 天地图 key and the tile server URL are kept whichever kind is on, so switching back
-- does not mean typing them again (only the active kind's values ever reach a map).
create table map_settings (
  id uuid primary key default gen_random_uuid(),
  -- A region's override disappears with the region (nothing else hangs on it).
  region_id uuid references regions(id) on delete cascade,
  kind text not null default 'none' check (kind in ('none', 'tianditu', 'tiles')),
  tianditu_layer text not null default 'vec' check (tianditu_layer in ('vec', 'img')),
  tianditu_key text check (tianditu_key ~ '^[0-9A-Za-z]{16,64}$'),
  tile_url text check (length(tile_url) <= 500),
  tile_max_zoom integer not null default 18 check (tile_max_zoom between 1 and 22),
  attribution text not null default '' check (length(attribution) <= 200),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  check (kind <> 'tianditu' or tianditu_key is not null),
  check (kind <> 'tiles' or tile_url is not null)
);
create unique index map_settings_region_uq on map_settings (coalesce(region_id, '00000000-0000-0000-0000-000000000000'::uuid));
insert into map_settings (region_id, kind) values (null, 'none');
