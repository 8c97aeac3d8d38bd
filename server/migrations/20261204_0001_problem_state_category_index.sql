-- Lists filtered by state and category (the office's "county + E05 + rectifying, by deadline"): counting their matches
-- read up to 100 000 rows through the open-deadline index and the table (95–600 ms at 1 000 000 problems); with this
-- index the count is an index-only range (9–16 ms). text_pattern_ops: `category_code like 'E05%'` (a category and its
-- children) becomes an index range under any collation, C.UTF-8 included. region_id is carried for the region join.
create index problems_state_category_idx on problems (state, category_code text_pattern_ops) include (region_id);
