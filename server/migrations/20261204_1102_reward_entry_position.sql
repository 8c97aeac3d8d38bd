-- 奖惩兑现: the position of an entry's rule among the rules that proposed it, so a unit's entries list in rule order.
alter table reward_entries add column position integer not null default 0;
