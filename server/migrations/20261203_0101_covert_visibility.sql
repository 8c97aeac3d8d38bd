-- Covert secrecy carried by the rows themselves (issue 7): a timeline entry or a photo that a covert round added to a
-- problem belongs to that round and is hidden with it until release; a covert finding's code comes from its own
-- sequence (AF…) and takes a public WT code only at release, so public codes show no gaps.
alter table problem_events add column round_id uuid references inspection_rounds(id);
alter table problem_photos add column round_id uuid references inspection_rounds(id);
alter table problems add column covert_code text;

update problem_events e set round_id = p.round_id
  from problems p where p.id = e.problem_id and e.action = 'report' and p.round_id is not null;
update problem_events set round_id = (payload->>'roundId')::uuid
  where action = 'finding_attached' and payload ? 'roundId';
update problem_photos pp set round_id = p.round_id
  from problems p where p.id = pp.problem_id and pp.stage = 'report' and p.round_id is not null;

-- File access asks "which records hold this file?" for one id at a time.
create index problem_photos_file_idx on problem_photos(file_id);
create index inspection_results_photos_idx on inspection_results using gin (photo_ids);
create index sites_photo_file_idx on sites(photo_file_id) where photo_file_id is not null;
