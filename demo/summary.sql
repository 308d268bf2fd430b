-- Section 12: the other dossiers finish their course; counts by status and by outcome.

\echo
\echo '== 12. The other dossiers, and a summary =='
\echo
DO $$
BEGIN
	-- #2 criminal record at the desk: ready the day before it is due, collected on the due day
	PERFORM tthc.start_processing(2, happened_at => '2026-02-12 09:00');
	PERFORM tthc.finish(2, happened_at => '2026-03-04 16:00');
	PERFORM tthc.return_result(2, happened_at => '2026-03-05 08:30');
	-- #3 birth registration and #4 certification: the same day
	PERFORM tthc.start_processing(3, happened_at => '2026-02-12 09:15');
	PERFORM tthc.finish(3, happened_at => '2026-02-12 10:00');
	PERFORM tthc.return_result(3, happened_at => '2026-02-12 10:15');
	PERFORM tthc.start_processing(4, happened_at => '2026-02-13 14:35');
	PERFORM tthc.finish(4, happened_at => '2026-02-13 15:30');
	PERFORM tthc.return_result(4, happened_at => '2026-02-13 15:40');
	-- #5 certification after the cut-off, due 23/2, done the same afternoon anyway
	PERFORM tthc.start_processing(5, happened_at => '2026-02-13 15:25');
	PERFORM tthc.finish(5, happened_at => '2026-02-13 16:30');
	PERFORM tthc.return_result(5, happened_at => '2026-02-13 16:40');
	-- #6 building permit: ready after its new appointment, not yet collected
	PERFORM tthc.finish(6, happened_at => '2026-05-18 10:00');
	-- #7 marriage registration: a document is missing; the procedure pauses the clock
	PERFORM tthc.start_processing(7, happened_at => '2026-04-29 09:00');
	PERFORM tthc.request_supplement(7, happened_at => '2026-05-04 10:00',
		note => 'Thiếu Giấy xác nhận tình trạng hôn nhân');
	-- #9 birth registration online: filed with the wrong ward, refused at the desk
	PERFORM tthc.refuse(9, happened_at => '2026-05-04 08:30',
		note => 'Người yêu cầu không cư trú trên địa bàn phường');
END
$$;

\echo 'Dossiers by status (tthc.status: the ten national codes):'
SELECT s.code, s.name_vi, s.name_en, count(d.id) AS dossiers,
	coalesce(string_agg('#' || d.id, ' ' ORDER BY d.id), '') AS which
FROM tthc.status AS s
LEFT JOIN tthc.dossier AS d ON d.status = s.code
GROUP BY s.code, s.name_vi, s.name_en
ORDER BY s.code;

\echo 'Timeliness of the results (Circular 01/2018 Art. 13), against the legal due: early is ready'
\echo 'on a day before the due day, late is after the legal due instant, whatever the appointment'
\echo '(#1 and #10 kept their new appointments and are late; #6 missed its new appointment too).'
SELECT d.finish_outcome AS outcome, count(*) AS dossiers, string_agg('#' || d.id, ' ' ORDER BY d.id) AS which
FROM tthc.dossier AS d
WHERE d.finish_outcome IS NOT NULL
GROUP BY d.finish_outcome
ORDER BY d.finish_outcome;

\echo 'Dossiers not closed, and their clocks: a paused clock keeps the working time left (the'
\echo 'pause policy of #7, the fee of #8); overdue is derived from legal_due_at, never stored.'
SELECT d.id, d.code, d.status || ' ' || s.name_vi AS status, d.clock,
	to_char(coalesce(d.legal_due_at, d.paused_due_at), 'Dy DD/MM HH24:MI') AS "legal due (when paused)",
	to_char(d.due_at, 'Dy DD/MM HH24:MI') AS appointment, d.remaining AS "time left"
FROM tthc.dossier AS d
JOIN tthc.status AS s ON s.code = d.status
WHERE NOT s.closed
ORDER BY d.id;
