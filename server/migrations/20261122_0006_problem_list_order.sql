-- The problem list's default order is (created_at desc nulls last, code desc). An index in exactly that order
-- lets the first page read 20 entries instead of sorting every problem in scope (3.4 s → 0.3 ms at 1M rows,
-- docs/performance.md). It serves created_at ranges too, so the old index goes.
create index problems_list_order_idx on problems (created_at desc nulls last, code desc);
drop index problems_created_idx;
