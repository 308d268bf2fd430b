-- Section: the quarter's board and report, as an analyst and a provincial dashboard read them.

\echo
\echo 'The report reads rollups (counters by agency, procedure and day) that the tthc-rollup job keeps'
\echo 'current from the dossiers changed since its last run.  At the quarter''s end, its command:'
SELECT * FROM tthc.rollup_refresh();
\echo
\echo '== 17. The board at the end of the quarter: Sớm / Đúng hạn / Sắp trễ / Trễ =='
\echo
\echo 'Provincial dashboards class results ready early, on time or late against the legal due, and'
\echo 'open dossiers at the end of the period as in time, due soon (the last lawful moment to'
\echo 'apologise is near) or late, the way tthc.sweep judges them.  From tthc.report(''2026-01-01'','
\echo '''2026-03-31''), one row per agency:'
SELECT coalesce(a.short_name || ' ' || r.group_key, 'Tổng cộng') AS "cơ quan",
	sum(r.received) AS "tiếp nhận",
	sum(r.resolved_early) AS "sớm", sum(r.resolved_on_time) AS "đúng hạn", sum(r.resolved_late) AS "trễ",
	sum(r.pending_on_time) AS "đang: trong hạn", sum(r.pending_due_soon) AS "sắp trễ",
	sum(r.pending_late) AS "đang: trễ",
	round(100 * sum(r.resolved_early + r.resolved_on_time) / nullif(sum(r.received), 0), 2) AS "% đúng hạn (NĐ 61)",
	round(100 - 100 * sum(r.pending_late + r.resolved_late)
		/ nullif(sum(r.received + r.backlog_start), 0), 2) AS "% đúng hạn (100 − trễ)"
FROM tthc.report('2026-01-01', '2026-03-31', 'agency') WITH ORDINALITY AS r
JOIN tthc.agency a ON a.code = r.group_key
GROUP BY ROLLUP ((a.short_name, r.group_key, r.group_name))
ORDER BY r.group_name IS NULL, min(r.ordinality);

\echo
\echo '== 18. The quarter''s report (tthc.report) by agency, by procedure and by month =='
\echo
\echo 'On-time rate per Decree 61/2018 Art. 30 (resolved early or on time / received: the results'
\echo 'of dossiers received before the quarter count too, so a month can pass 100%) and the late'
\echo 'rate of provincial practice ((late open + late finished) / (received + backlog at the start));'
\echo 'working days taken, supplement requests (late and repeated apart), apologies (issued, late,'
\echo 'missing), extensions kept and broken.  No personal data.  By agency:'
SELECT group_name AS agency, received, resolved_early AS early, resolved_on_time AS on_time,
	resolved_late AS late, withdrawn, refused, stopped, on_time_rate, late_rate,
	days_avg AS "days avg", days_p90 AS "days p90", supplements_per_dossier AS "suppl./dossier",
	supplements_late AS "suppl. late", supplements_repeated AS "suppl. repeated",
	apologies_issued AS apologies, apologies_late, apologies_missing,
	extensions_kept AS "ext. kept", extensions_broken AS "ext. broken"
FROM tthc.report('2026-01-01', '2026-03-31', 'agency');
\echo 'By procedure, with the Circular 01/2018 Art. 13 indices averaged (index 1: 2 early, 1 on time,'
\echo '0 late; index 2: the same per agency taking part, from the inter-agency steps; index 3: 2 no'
\echo 'supplement request, 1 one, 0 more):'
SELECT group_key AS procedure, received, resolved_early + resolved_on_time AS in_time, resolved_late AS late,
	pending_on_time + pending_due_soon + pending_late AS open, on_time_rate, late_rate,
	index1_avg, index2_avg, index3_avg
FROM tthc.report('2026-01-01', '2026-03-31', 'procedure');
\echo 'By month: Tết (16-20/2) empties the desks, and the backlog carries into March:'
SELECT group_name AS month, received, resolved_early + resolved_on_time AS in_time, resolved_late AS late,
	backlog_start AS "backlog at start", pending_on_time + pending_due_soon + pending_late AS "open at end",
	pending_late AS "late at end", on_time_rate, late_rate
FROM tthc.report('2026-01-01', '2026-03-31', 'month');
