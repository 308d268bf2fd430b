-- Section 8: dossiers received at the desk, online and by post, around Tết and 30/4 2026.

\echo
\echo '== 8. Receiving dossiers (tthc.receive) around Tết and 30/4 2026 =='
\echo
\echo 'At the desk or by post a complete dossier is accepted on receipt: it gets its code'
\echo '<agency>-YYMMDD-XXXX (Circular 01/2018 Art. 19, a gapless sequence per agency and day), the'
\echo 'procedure version in force that day, and its due instant (the clock starts, Decree 61/2018'
\echo 'Art. 17(1)).  An online submission waits in status 1 until an officer accepts it.'
-- receive(agency, procedure, applicant name, CCCD, channel, received_at, ...): one call each
DO $$
BEGIN
	-- around Tết (the civil service is off 16-20/2)
	PERFORM tthc.receive('000.00.12.H31', '2.000488.H31', 'Nguyễn Thị Thu Hà', '031190004512', 'online',
		'2026-02-11 21:40', applicant_phone => '0912345678', actor => 'dvc.portal');
	PERFORM tthc.receive('000.00.12.H31', '2.000488.H31', 'Trần Văn Minh', '031088001234', 'desk',
		'2026-02-12 08:05', actor => 'mc.phamlan');
	PERFORM tthc.receive('000.20.31.H31', '1.001193.H31', 'Phạm Văn Hùng', '031093006677', 'desk',
		'2026-02-12 09:10', actor => 'mc.dothao');
	PERFORM tthc.receive('000.20.31.H31', '2.000815.H31', 'Lê Thị Hồng', '030175002468', 'desk',
		'2026-02-13 14:30', actor => 'mc.dothao');
	PERFORM tthc.receive('000.20.31.H31', '2.000815.H31', 'Đỗ Quang Huy', '031095007731', 'desk',
		'2026-02-13 15:20', actor => 'mc.dothao');
	-- around 30/4 (off: Monday 27/4 for Hùng Kings' day, Thursday 30/4, Friday 1/5)
	PERFORM tthc.receive('000.20.31.H31', '1.009994.H31', 'Vũ Đức Thắng', '031082003355', 'post',
		'2026-04-24 10:00', actor => 'mc.dothao');
	PERFORM tthc.receive('000.20.31.H31', '1.000894.H31', 'Hoàng Minh Tuấn', '031096008812', 'online',
		'2026-04-28 16:45', actor => 'dvc.portal');
	-- the marriage registration submitted online is checked and accepted the next morning
	PERFORM tthc.accept(7, happened_at => '2026-04-29 08:00', actor => 'mc.dothao');
	PERFORM tthc.receive('000.00.12.H31', '2.000488.H31', 'Bùi Thị Lan', '031301005566', 'desk',
		'2026-04-29 09:30', actor => 'mc.phamlan');
	PERFORM tthc.receive('000.20.31.H31', '1.001193.H31', 'Ngô Thị Mai', '031198001122', 'online',
		'2026-04-29 20:10', actor => 'dvc.portal');
END
$$;

SELECT d.id, d.code, d.channel, d.applicant_name AS applicant, d.procedure, d.procedure_version AS v,
	to_char(d.submitted_at, 'Dy DD/MM HH24:MI') AS submitted,
	to_char(d.received_at, 'Dy DD/MM HH24:MI') AS accepted,
	to_char(d.due_at, 'Dy DD/MM HH24:MI') AS due,
	d.status || ' ' || s.name_vi AS status
FROM tthc.dossier AS d
JOIN tthc.status AS s ON s.code = d.status
ORDER BY d.id;

\echo 'Read across: #2 is the first dossier of 12/2 at the Department of Justice (0001); #1,'
\echo 'submitted online the evening before, gets its code when it is accepted (section 9); the'
\echo 'ward numbers its own.  10 working days from 12/2 skip Tết and end on 5/3; the certification'
\echo 'received at 15:20, after the 15:00 cut-off, is due the next working day, after Tết; 15'
\echo 'calendar days from 24/4 end on Saturday 9/5 and move to Monday (Civil Code Art. 148(5));'
\echo '#8, received after 1/4, is pinned to version 2 (7 working days); #9 waits in status 1.'
\echo 'Dossier codes read back, the standard form and a portal''s variant (tthc.parse_dossier_code):'
SELECT c AS code, p.agency, p.received, p.seq
FROM unnest(ARRAY['000.00.12.H31-260212-0001', 'H31-20260212-000001']) AS c,
	tthc.parse_dossier_code(c) AS p;
