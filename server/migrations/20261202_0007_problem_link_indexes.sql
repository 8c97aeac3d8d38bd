-- Foreign keys that point at problems need an index on the referring side, or every delete/key check on problems
-- scans the whole referring table (at 1M problems, removing 12 000 rows took minutes in the benchmark's reuse step).
-- Partial: few problems are relapses or duplicates, and system notifications carry no problem.
create index problems_relapsed_from_idx on problems (relapsed_from) where relapsed_from is not null;
create index problems_duplicate_of_idx on problems (duplicate_of) where duplicate_of is not null;
create index notifications_problem_idx on notifications (problem_id) where problem_id is not null;
