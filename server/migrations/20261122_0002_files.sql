-- Files: uploaded photos. The original bytes are kept unchanged; a thumbnail and a watermarked
-- evidence copy are derived from them. Written for PostgreSQL 15 and PGlite.

create table files (
  id uuid primary key default gen_random_uuid(),
  uploaded_by uuid not null references users(id),
  -- the client's file name, shown only as a label (the type comes from the content)
  original_name text,
  mime text not null check (mime in ('image/jpeg','image/png','image/webp','image/heic')),
  size integer not null check (size > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- displayed size, after the EXIF orientation is applied
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  -- EXIF DateTimeOriginal; null when the photo carries none
  taken_at timestamptz,
  -- WGS-84 position: from the photo's EXIF GPS, else from the device at upload time
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  location_source text check (location_source in ('exif','device')),
  address text,
  original_key text not null unique,
  thumbnail_key text not null,
  evidence_key text not null,
  created_at timestamptz not null default now(),
  check ((lat is null) = (lng is null)),
  check ((lat is null) = (location_source is null))
);
create index files_uploaded_by_idx on files(uploaded_by, created_at desc);
-- the same photo submitted again (a reused picture) is found by its hash
create index files_sha256_idx on files(sha256);
