-- 奖惩兑现: rules apply (and list) in the order they were made.
alter table reward_rules add column seq bigint generated always as identity;
