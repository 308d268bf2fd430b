-- Section: the analysts' report over the demo's first half of 2026.

\echo
\echo '== 16. The report for analysts (tthc.report) =='
\echo
\echo 'On-time rate per Decree 61/2018 Art. 30 (resolved early or on time / received) and the late'
\echo 'rate as provincial dashboards compute it ((late open + late finished) / (received + backlog)),'
\echo 'scored against the legal due; no personal data.  First half of 2026, by agency:'
SELECT group_name AS agency, received, resolved_early AS early, resolved_on_time AS on_time,
	resolved_late AS late, pending_on_time + pending_due_soon + pending_late AS open, withdrawn,
	refused, stopped, on_time_rate, late_rate, days_avg AS "working days (avg)",
	apologies_issued AS apologies, apologies_late, apologies_missing
FROM tthc.report('2026-01-01', '2026-06-30', 'agency');
\echo 'By procedure, with the Circular 01/2018 Art. 13 indices averaged (2 early or no supplement, 1 on'
\echo 'time or one request, 0 late or more):'
SELECT group_key AS procedure, received, resolved_early + resolved_on_time AS in_time, resolved_late AS late,
	on_time_rate, index1_avg, index3_avg, supplements_per_dossier
FROM tthc.report('2026-01-01', '2026-06-30', 'procedure');
