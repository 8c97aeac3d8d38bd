-- 志愿之城: the waiting list's order. A sign-up takes a number from a sequence when it joins the list (again, after a
-- cancellation: a new number, the end of the queue); promotion takes the lowest. Times alone cannot order it: two
-- sign-ups in the same millisecond tie.
alter table volunteer_signups add column queue_no bigserial;
create index volunteer_signups_queue_idx on volunteer_signups(activity_id, state, queue_no);
