-- 附加问题 (issue 11, Open311 service definitions): a problem category's optional extra questions, as data the office
-- edits (common/category-questions.ts is the one schema of a question, shared by server and web): code, datatype
-- (string | number | datetime | text | singlevaluelist | multivaluelist), required, the question, order, list values.
-- Open311 publishes them as the service's attributes; a posted request's answers are checked against them.
-- (No foreign key: the shipped categories are loaded after the migrations; the API checks the code.)
create table category_questions (
  category_code text primary key,
  questions jsonb not null default '[]',
  version integer not null default 1,
  updated_by uuid references users(id),
  updated_at timestamptz not null
);

-- The answers given with a report (Open311 attribute[code]), with the question as it was asked and the text to show.
-- Staff read them on the problem page; no public answer (Open311, tracking page, 曝光台) ever includes them.
create table problem_question_answers (
  problem_id uuid primary key references problems(id),
  answers jsonb not null,
  created_at timestamptz not null
);

-- Examples for two public categories a citizen reports often (the office edits or removes them).
insert into category_questions (category_code, questions, updated_at)
select code, q::jsonb, now() from (values
  ('E0102', '[{"code":"amount","datatype":"singlevaluelist","required":false,"description":"垃圾数量","order":1,"values":[{"key":"few","name":"零星（一两袋）"},{"key":"pile","name":"成堆"},{"key":"large","name":"大量（需车辆清运）"}]}]'),
  ('E0601', '[{"code":"observed_at","datatype":"datetime","required":false,"description":"发现时间","order":1,"values":[]}]')
) as v(code, q);
