-- Provenance is read on demand (the indicator's records SQL for one subject, with the run's period and instant) instead
-- of being copied at compute time: at city scale a month's copy was ~3 million rows per run (docs/performance.md).
drop table evaluation_provenance;
