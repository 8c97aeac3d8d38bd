-- 短信提醒: a person opts in to receive, by SMS, the notice kinds a region sends on the SMS channel (督办, 到期提醒 …).
-- Off by default: a phone number on the account is not consent to be texted.
alter table users add column sms_notices boolean not null default false;
