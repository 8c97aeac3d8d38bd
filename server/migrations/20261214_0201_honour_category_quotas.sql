-- 分类名额 (好人之城): a selection may cap the winners of each category — category code → places, e.g.
-- {"helping": 2, "bravery": 1}; a category without one shares the remaining places. The rule (categories of the
-- selection, whole numbers ≥ 1, in total ≤ winners_count) is common/honours.ts quotaProblem; publication refuses
-- winners over a quota.
alter table honour_selections add column category_quotas jsonb not null default '{}';
