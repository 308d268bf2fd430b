-- Section: the standard jobs on pg_cron, and what a DBA watches.

\echo
\echo '== 15. Jobs on pg_cron, and the health report =='
\echo
\echo 'One call installs the standard jobs; pg_cron 1.4 schedules in GMT, so the office''s local'
\echo 'times are converted (07:30 in Hà Nội is 00:30 GMT).  They run as a role with only the rights'
\echo 'they need.'
SELECT tthc.schedule_jobs();
SELECT jobname, schedule AS "schedule (GMT)", command, username FROM cron.job
WHERE jobname LIKE 'tthc-%' ORDER BY jobname;
\echo 'The health report a DBA reads (tthc.health):'
SELECT * FROM tthc.health;
-- the sweep job's command, which the quarter (section 16) runs on the test clock
SELECT command AS sweep_command FROM cron.job WHERE jobname = 'tthc-sweep' \gset
\echo 'And one call removes exactly those jobs:'
SELECT tthc.unschedule_jobs() AS removed;
