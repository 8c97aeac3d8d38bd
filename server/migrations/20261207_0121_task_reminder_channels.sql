-- 每月汇报进度 reminders (notice kind task_reminder) reach the lead unit's head by SMS as well as in the app — only
-- heads who opted in to 短信提醒 (users.sms_notices) and have a number; a region may switch it off for its subtree.
insert into notice_channels (region_id, kind, channel, enabled, roles) values
  (null, 'task_reminder', 'sms', true, '{unit_head}');
