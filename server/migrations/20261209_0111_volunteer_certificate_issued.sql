-- 志愿服务证明: when the certificate's verification code was issued (the public check shows it).
alter table volunteers add column certificate_issued_at timestamptz;
