-- reports.sql: reports for analysts computed from the dossier tables: the Circular 01/2018/TT-VPCP
-- Art. 13 indices per dossier, and tthc._report_rows(), the raw computation of tthc.report() over a
-- period grouped by agency, sector, procedure or month (rollup.sql keeps the same figures in
-- rollups, and defines tthc.report() over them).  The figures carry no personal data.
-- doc/reports.md gives every figure's definition and both rate formulas.

-- Circular 01/2018/TT-VPCP Art. 13: index 1 the timeliness of the result (2 early, 1 on time,
-- 0 late, scored against the legal due: finish_outcome); index 3 the supplement requests (2 none,
-- 1 one, 0 more).  Scored once the result is ready.
CREATE VIEW tthc.dossier_score WITH (security_invoker = true) AS
SELECT d.id AS dossier, d.agency, d.code, d.procedure, d.finished_at, d.finish_outcome, d.supplements,
	CASE d.finish_outcome WHEN 'early' THEN 2 WHEN 'on_time' THEN 1 WHEN 'late' THEN 0 END AS index1,
	CASE WHEN d.finish_outcome IS NULL THEN NULL
		 WHEN d.supplements = 0 THEN 2 WHEN d.supplements = 1 THEN 1 ELSE 0 END AS index3
FROM tthc.dossier d
WHERE d.finish_outcome IS NOT NULL;
COMMENT ON VIEW tthc.dossier_score IS
	'finished dossiers with Circular 01/2018 Art. 13 index 1 (2 early, 1 on time, 0 late against the legal due) and index 3 (2 no supplement request, 1 one, 0 more)';

-- Circular 01/2018/TT-VPCP Art. 13 index 2: the timeliness of each agency taking part in an
-- inter-agency procedure, from its finished steps; an agency with several steps scores its worst.
CREATE VIEW tthc.dossier_step_score WITH (security_invoker = true) AS
SELECT s.dossier, coalesce(s.responsible_agency, d.processing_agency, d.agency) AS agency,
	count(*) AS steps,
	min(CASE s.outcome WHEN 'early' THEN 2 WHEN 'on_time' THEN 1 WHEN 'late' THEN 0 END) AS index2
FROM tthc.dossier_step s
JOIN tthc.dossier d ON d.id = s.dossier
WHERE s.outcome IS NOT NULL
GROUP BY s.dossier, coalesce(s.responsible_agency, d.processing_agency, d.agency);
COMMENT ON VIEW tthc.dossier_step_score IS
	'Circular 01/2018 Art. 13 index 2 per dossier and step agency: 2 early, 1 on time, 0 late, the worst of the agency''s finished steps';

-- The report's rows, unordered.  Each group is judged over windows of local days: the whole period,
-- or with by = 'month' each month of it.  A window [t0, t1) runs from the start of its first day to
-- the start of the day after its last, in the time zone of each dossier's calendar.
CREATE FUNCTION tthc._report_rows(period_from date, period_to date, by text)
RETURNS TABLE (group_key text, group_name text, received bigint,
	resolved_early bigint, resolved_on_time bigint, resolved_late bigint,
	pending_on_time bigint, pending_due_soon bigint, pending_late bigint,
	withdrawn bigint, refused bigint, stopped bigint, backlog_start bigint,
	on_time_rate numeric, late_rate numeric, days_avg numeric, days_p90 numeric,
	supplements_per_dossier numeric, supplements_late bigint, supplements_repeated bigint,
	apologies_issued bigint, apologies_late bigint, apologies_missing bigint,
	extensions_kept bigint, extensions_broken bigint,
	index1_avg numeric, index2_avg numeric, index3_avg numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- the per-dossier sub-queries inflate the cost estimate far beyond the work: compiling the plan
-- with JIT took seconds where running it takes milliseconds
SET jit = off
AS $$
WITH w AS (
	SELECT period_from AS wf, period_to AS wt, NULL::text AS mkey WHERE $3 <> 'month'
	UNION ALL
	SELECT greatest(m::date, period_from), least((m + interval '1 month')::date - 1, period_to),
		to_char(m, 'YYYY-MM')
	FROM generate_series(date_trunc('month', period_from::timestamp), period_to::timestamp, interval '1 month') m
	WHERE $3 = 'month'
),
lead AS (SELECT tthc.due_soon_lead() AS lead),
-- every dossier with its group and the instant it left the open state (result ready, withdrawn,
-- stopped or refused)
d AS (
	SELECT x.*, tthc.calendar_timezone(x.calendar) AS tz,
		coalesce(x.finished_at, c.at) AS closed_at, c.to_status AS closed_status,
		CASE $3 WHEN 'agency' THEN x.agency WHEN 'sector' THEN p.sector WHEN 'procedure' THEN x.procedure END AS gkey,
		CASE $3 WHEN 'agency' THEN a.name WHEN 'sector' THEN s.name WHEN 'procedure' THEN p.name END AS gname
	FROM tthc.dossier x
	JOIN tthc.agency a ON a.code = x.agency
	JOIN tthc.procedure p ON p.code = x.procedure
	LEFT JOIN tthc.sector s ON s.code = p.sector
	LEFT JOIN LATERAL (
		SELECT e.at, e.to_status FROM tthc.dossier_event e
		WHERE e.dossier = x.id AND e.at >= x.submitted_at AND e.to_status IN (3, 7, 8) ORDER BY e.seq LIMIT 1) c ON x.finished_at IS NULL
),
-- each dossier in each window, with what happened to it there
f AS (
	SELECT coalesce(w.mkey, d.gkey) AS rkey,
		CASE WHEN w.mkey IS NOT NULL THEN 'tháng ' || to_char(w.wf, 'MM/YYYY') ELSE d.gname END AS rname,
		d.*, t.t0, t.t1,
		d.received_at >= t.t0 AND d.received_at < t.t1 AS is_received,
		d.finished_at >= t.t0 AND d.finished_at < t.t1 AS is_resolved,
		d.received_at < t.t0 AND (d.closed_at IS NULL OR d.closed_at >= t.t0) AS is_backlog,
		d.received_at < t.t1 AND (d.closed_at IS NULL OR d.closed_at >= t.t1) AS is_open,
		d.closed_at >= t.t0 AND d.closed_at < t.t1 AS is_closed
	FROM w CROSS JOIN d
	CROSS JOIN LATERAL (SELECT w.wf::timestamp AT TIME ZONE d.tz AS t0,
							   (w.wt + 1)::timestamp AT TIME ZONE d.tz AS t1) t
),
-- the open dossiers at the window's end, judged as tthc.sweep judges them at that instant
-- (tthc._due_state: late after the legal due; due soon once the last lawful moment to apologise,
-- Decree 61/2018 Art. 19(9), lies within tthc.due_soon_lead); a limit waiting to restart is on time
g AS (
	SELECT f.*,
		CASE WHEN f.is_open IS NOT TRUE THEN NULL
			 WHEN f.legal_due_at IS NULL THEN 'on_time'
			 ELSE tthc._due_state(f.legal_due_at, f.calendar, f.t1, (SELECT lead FROM lead)) END AS pending,
		CASE WHEN f.is_resolved THEN tthc.working_days_between(
			(f.received_at AT TIME ZONE f.tz)::date, (f.finished_at AT TIME ZONE f.tz)::date, f.calendar) END AS days,
		(SELECT count(*) FROM tthc.letter l
		 WHERE l.dossier = f.id AND l.form = '04' AND l.issued_at >= f.t0 AND l.issued_at < f.t1) AS apologies,
		(SELECT count(*) FROM tthc.letter l
		 WHERE l.dossier = f.id AND l.form = '04' AND l.late AND l.issued_at >= f.t0 AND l.issued_at < f.t1) AS apologies_late,
		f.legal_due_at >= f.t0 AND f.legal_due_at < f.t1
			AND EXISTS (SELECT FROM tthc.apology_check c WHERE c.dossier = f.id AND c.problem = 'missing') AS apology_missing
	FROM f
),
r AS (
	SELECT g.rkey AS gkey, min(g.rname) AS gname,
		count(*) FILTER (WHERE g.is_received) AS received,
		count(*) FILTER (WHERE g.is_resolved AND g.finish_outcome = 'early') AS resolved_early,
		count(*) FILTER (WHERE g.is_resolved AND g.finish_outcome = 'on_time') AS resolved_on_time,
		count(*) FILTER (WHERE g.is_resolved AND g.finish_outcome = 'late') AS resolved_late,
		count(*) FILTER (WHERE g.pending = 'on_time') AS pending_on_time,
		count(*) FILTER (WHERE g.pending = 'due_soon') AS pending_due_soon,
		count(*) FILTER (WHERE g.pending = 'late') AS pending_late,
		count(*) FILTER (WHERE g.is_closed AND g.closed_status = 7) AS withdrawn,
		count(*) FILTER (WHERE g.is_closed AND g.closed_status = 3) AS refused,
		count(*) FILTER (WHERE g.is_closed AND g.closed_status = 8) AS stopped,
		count(*) FILTER (WHERE g.is_backlog) AS backlog_start,
		round(avg(g.days), 2) AS days_avg,
		round((percentile_cont(0.9) WITHIN GROUP (ORDER BY g.days))::numeric, 2) AS days_p90,
		round(avg(g.supplements) FILTER (WHERE g.is_resolved), 2) AS supplements_per_dossier,
		coalesce(sum(g.supplements_late) FILTER (WHERE g.is_resolved), 0)::bigint AS supplements_late,
		coalesce(sum(g.supplements_repeated) FILTER (WHERE g.is_resolved), 0)::bigint AS supplements_repeated,
		sum(g.apologies)::bigint AS apologies_issued,
		sum(g.apologies_late)::bigint AS apologies_late,
		count(*) FILTER (WHERE g.apology_missing) AS apologies_missing,
		count(*) FILTER (WHERE g.is_resolved AND g.extended AND g.appointment_kept) AS extensions_kept,
		count(*) FILTER (WHERE g.is_resolved AND g.extended AND NOT g.appointment_kept) AS extensions_broken,
		array_agg(g.id) FILTER (WHERE g.is_resolved) AS resolved_ids
	FROM g
	GROUP BY g.rkey
)
SELECT r.gkey, r.gname, r.received, r.resolved_early, r.resolved_on_time, r.resolved_late,
	r.pending_on_time, r.pending_due_soon, r.pending_late, r.withdrawn, r.refused, r.stopped,
	r.backlog_start,
	-- Decree 61/2018 Art. 30: results ready early or on time over the dossiers received
	round((r.resolved_early + r.resolved_on_time)::numeric / nullif(r.received, 0), 4),
	-- provincial practice: late open and late finished over received plus the backlog at the start
	round((r.pending_late + r.resolved_late)::numeric / nullif(r.received + r.backlog_start, 0), 4),
	r.days_avg, r.days_p90, r.supplements_per_dossier, r.supplements_late, r.supplements_repeated,
	r.apologies_issued, r.apologies_late, r.apologies_missing, r.extensions_kept, r.extensions_broken,
	(SELECT round(avg(s.index1), 2) FROM tthc.dossier_score s WHERE s.dossier = ANY (r.resolved_ids)),
	(SELECT round(avg(s.index2), 2) FROM tthc.dossier_step_score s WHERE s.dossier = ANY (r.resolved_ids)),
	(SELECT round(avg(s.index3), 2) FROM tthc.dossier_score s WHERE s.dossier = ANY (r.resolved_ids))
FROM r
WHERE r.received + r.resolved_early + r.resolved_on_time + r.resolved_late + r.pending_on_time
	+ r.pending_due_soon + r.pending_late + r.withdrawn + r.refused + r.stopped + r.apologies_issued
	+ r.apologies_missing > 0
$$;
COMMENT ON FUNCTION tthc._report_rows(date, date, text) IS
	'internal: the unordered rows of tthc.report, computed from the dossier tables';
REVOKE ALL ON FUNCTION tthc._report_rows(date, date, text) FROM PUBLIC;
