-- 每月汇报进度's evidence documents (PDF, Word, Excel; photos stay in `files` with their watermark): uploaded by the
-- lead unit for one task through POST /api/tasks/:id/evidence, their type detected from the bytes (never the name).
-- A monthly report names them in task_progress.file_ids next to photo ids (uuids of either table).
create table task_evidence_files (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references tasks(id) on delete cascade,
  uploaded_by uuid not null references users(id),
  -- detected from the content: application/pdf, the OOXML word/sheet types, legacy Office (OLE), image/jpeg, image/png
  mime text not null,
  ext text not null,
  original_name text not null,
  size_bytes integer not null check (size_bytes > 0),
  storage_key text not null unique,
  created_at timestamptz not null
);
create index task_evidence_files_task_idx on task_evidence_files(task_id, uploaded_by);
