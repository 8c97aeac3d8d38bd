-- A photo taken by a covert team for its round (the upload named the round): its evidence copy is watermarked 暗访组,
-- and only such photos may be attached to that round's visits (issue 7: the team stays anonymous after release).
alter table files add column round_id uuid references inspection_rounds(id);
