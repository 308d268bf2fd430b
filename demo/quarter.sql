-- Section: a quarter at the city's public-administration centre around Tết 2026, played on the test
-- clock in a database of its own (tools/demo.sh creates it; demo.sql connects to it).  Thousands of
-- dossiers are planned with a fixed seed, then each day of the quarter the sweep job's command runs
-- at 07:00 and the officers act on the day's dossiers.  Nothing here is random at run time: every
-- decision reads the plan, so two runs print the same figures.

\echo
\echo '== 16. A quarter at the Hải Phòng public-administration centre: 1/1 – 31/3/2026, Tết included =='
\echo
\echo 'A new database, and the centre''s desks: four departments and two wards of the city of Hải'
\echo 'Phòng, five real procedures (codes are examples).  The land-use certificate is inter-agency:'
\echo 'the Land Registration Office measures, the tax office sets the levy and the applicant pays it'
\echo '(the clock stops), then the Department signs (Decree 61/2018 Art. 19(6)).'
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';
SET timezone = 'Asia/Ho_Chi_Minh';

INSERT INTO tthc.agency (code, name, short_name) VALUES
	('000.00.00.H31', 'Ủy ban nhân dân thành phố Hải Phòng', 'UBND');
INSERT INTO tthc.agency (code, name, short_name, parent, valid_from) VALUES
	('000.00.12.H31', 'Sở Tư pháp thành phố Hải Phòng', 'STP', '000.00.00.H31', '2000-01-01'),
	('000.00.05.H31', 'Sở Tài chính thành phố Hải Phòng', 'STC', '000.00.00.H31', '2025-03-01'),
	('000.00.10.H31', 'Sở Xây dựng thành phố Hải Phòng', 'SXD', '000.00.00.H31', '2025-03-01'),
	('000.00.13.H31', 'Sở Nông nghiệp và Môi trường thành phố Hải Phòng', 'SNNMT', '000.00.00.H31', '2025-03-01'),
	('000.00.40.H31', 'Thuế thành phố Hải Phòng', 'THP', '000.00.00.H31', '2025-07-01'),
	('000.20.31.H31', 'Ủy ban nhân dân phường Hồng Bàng', 'UBND', '000.00.00.H31', '2025-07-01'),
	('000.21.31.H31', 'Ủy ban nhân dân phường Lê Chân', 'UBND', '000.00.00.H31', '2025-07-01');
INSERT INTO tthc.agency (code, name, short_name, parent, valid_from) VALUES
	('000.01.13.H31', 'Văn phòng Đăng ký đất đai thành phố Hải Phòng', 'VPĐKĐĐ', '000.00.13.H31', '2025-03-01');
INSERT INTO tthc.letter_profile (agency, place, signer_authority, signer_title, signer_name, phone) VALUES
	('000.00.12.H31', 'Hải Phòng', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Vũ Thành Long', '0225 3842 111'),
	('000.00.05.H31', 'Hải Phòng', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Thị Hải Yến', '0225 3842 555'),
	('000.00.10.H31', 'Hải Phòng', NULL, 'GIÁM ĐỐC', 'Lê Quang Vinh', '0225 3842 666'),
	('000.00.13.H31', 'Hải Phòng', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Phạm Đức Thịnh', '0225 3842 777'),
	('000.01.13.H31', 'Hải Phòng', NULL, 'GIÁM ĐỐC', 'Nguyễn Hữu Tài', '0225 3842 778'),
	('000.20.31.H31', 'Hải Phòng', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn Bình', '0225 3745 222'),
	('000.21.31.H31', 'Hải Phòng', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Đỗ Thị Thanh Hương', '0225 3745 333');

INSERT INTO tthc.sector (code, name) VALUES
	('H31-LLTP1', 'Lý lịch tư pháp'), ('H31-HT1', 'Hộ tịch'),
	('H31-DKKD1', 'Thành lập và hoạt động doanh nghiệp'), ('H31-XD1', 'Hoạt động xây dựng'),
	('H31-DD1', 'Đất đai');
INSERT INTO tthc.procedure (code, name, sector, level) VALUES
	('2.000488.H31', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam', 'H31-LLTP1', 'province'),
	('1.001193.H31', 'Đăng ký khai sinh', 'H31-HT1', 'commune'),
	('2.001610.H31', 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên', 'H31-DKKD1', 'province'),
	('1.009972.H31', 'Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III', 'H31-XD1', 'province'),
	('1.012766.H31', 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu', 'H31-DD1', 'province');
BEGIN;
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, cutoff, supplement_policy,
	fee, online_level, legal_basis) VALUES
	('2.000488.H31', 1, '2020-01-01', '10 ngày làm việc', NULL, 'restart', 200000, 'partial', 'Luật Lý lịch tư pháp 2009, Điều 48'),
	('1.001193.H31', 1, '2025-07-01', 'trong ngày', '15:00', 'restart', 0, 'full', 'Luật Hộ tịch 2014, Điều 5(3), Điều 16'),
	('2.001610.H31', 1, '2021-01-01', '3 ngày làm việc', NULL, 'restart', 50000, 'full', 'Luật Doanh nghiệp 2020, Điều 26(5)'),
	('1.009972.H31', 1, '2021-01-01', '20 ngày', NULL, 'restart', 150000, 'partial', 'Luật Xây dựng 2014, Điều 102'),
	('1.012766.H31', 1, '2024-08-01', '20 ngày làm việc', NULL, 'restart', 100000, 'partial', 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP');
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget, agency) VALUES
	('2.000488.H31', 1, 1, 'Tiếp nhận, chuyển hồ sơ', 'Bộ phận Một cửa', '1 ngày làm việc', NULL),
	('2.000488.H31', 1, 2, 'Tra cứu, xác minh', 'Phòng Hành chính tư pháp', '7 ngày làm việc', NULL),
	('2.000488.H31', 1, 3, 'Ký, trả kết quả', 'Lãnh đạo Sở', '2 ngày làm việc', NULL),
	('1.012766.H31', 1, 1, 'Tiếp nhận, chuyển hồ sơ', 'Bộ phận Một cửa', '1 ngày làm việc', NULL),
	('1.012766.H31', 1, 2, 'Kiểm tra hồ sơ, trích đo địa chính', 'Văn phòng Đăng ký đất đai', '8 ngày làm việc', '000.01.13.H31'),
	('1.012766.H31', 1, 3, 'Xác định nghĩa vụ tài chính', 'Thuế thành phố', '5 ngày làm việc', '000.00.40.H31'),
	('1.012766.H31', 1, 4, 'Thẩm định, ký Giấy chứng nhận', 'Lãnh đạo Sở', '4 ngày làm việc', NULL),
	('1.012766.H31', 1, 5, 'Trả kết quả', 'Bộ phận Một cửa', '2 ngày làm việc', NULL);
COMMIT;
INSERT INTO tthc.agency_procedure (agency, procedure) VALUES
	('000.00.12.H31', '2.000488.H31'), ('000.20.31.H31', '1.001193.H31'), ('000.21.31.H31', '1.001193.H31'),
	('000.00.05.H31', '2.001610.H31'), ('000.00.10.H31', '1.009972.H31'), ('000.00.13.H31', '1.012766.H31');

SELECT a.short_name AS desk, a.name AS agency, p.code, v.term, to_char(v.cutoff, 'HH24:MI') AS cutoff,
	(SELECT count(*) FROM tthc.procedure_step s WHERE s.procedure = p.code) AS steps
FROM tthc.agency_procedure ap JOIN tthc.agency a ON a.code = ap.agency
JOIN tthc.procedure p ON p.code = ap.procedure JOIN tthc.procedure_version v ON v.procedure = p.code
ORDER BY p.code, a.code;

-- The plan: one row per dossier, everything that will happen to it decided now, with a fixed seed.
-- Volumes per working day and procedure, heavier before Tết (the rush to settle papers before the
-- holiday), nothing at the desks during the Tết break (16-20/2 and the weekends around it; online
-- submissions keep coming), a slow restart after it.
CREATE TEMP TABLE q_plan (
	n int PRIMARY KEY, id bigint UNIQUE, agency text, procedure text, channel tthc.channel,
	submitted_at timestamptz, name text, cccd text, phone text,
	pre text,			-- online, before acceptance: accept, refuse, supplement (then accept)
	fate text,			-- early, on_time, late: when the result is ready against the legal due
	k int,				-- working days early (from the due day) or late (after it)
	culprit int,		-- the step that makes a late dossier late (index 2 of its agency)
	ext text,			-- late dossiers: in_time (apology when due soon), late (after overdue), none
	ext_by int,			-- the re-scheduling, in working days from the appointment
	fwd boolean,		-- land: forwarded to the Land Registration Office (Decree 61/2018 Art. 18(3))
	supp int,			-- supplement requests after acceptance: 0, 1 or 2 (the second one repeated)
	supp_after int,		-- working days after the clock starts (more than 3: a late request)
	supp_back int,		-- working days until the applicant brings the documents; 0 never
	pay_back int,		-- land: working days until the levy is paid
	paid boolean NOT NULL DEFAULT false,
	abandon text,		-- withdraw or stop
	abandon_after int,
	result tthc.result,
	collect int			-- working days until the result is collected; -1 never (in the quarter)
);
SELECT setseed(0.2026) \g /dev/null
INSERT INTO q_plan (n, agency, procedure, channel, submitted_at, name, cccd, phone, pre, fate, k,
	culprit, ext, ext_by, fwd, supp, supp_after, supp_back, pay_back, abandon, abandon_after, result, collect)
SELECT row_number() OVER (ORDER BY s.at, s.procedure, s.i), s.agency, s.procedure, s.channel, s.at,
	s.surname || ' ' || s.middle || ' ' || s.given,
	'031' || s.gender || lpad(s.yy::text, 2, '0') || lpad((s.r[1] * 999999)::int::text, 6, '0'),
	CASE WHEN s.r[2] < 0.8 THEN '09' || lpad((s.r[3] * 99999999)::int::text, 8, '0') END,
	CASE WHEN s.channel <> 'online' THEN 'accept' WHEN s.r[4] < 0.03 THEN 'refuse'
		 WHEN s.r[4] < 0.08 THEN 'supplement' ELSE 'accept' END,
	CASE WHEN s.r[5] < s.late_share THEN 'late' WHEN s.r[5] < s.late_share + 0.35 THEN 'early' ELSE 'on_time' END,
	CASE WHEN s.r[5] < s.late_share THEN 1 + (s.r[6] * 4)::int ELSE 1 + (s.r[6] * 2)::int END,
	CASE s.procedure WHEN '1.012766.H31' THEN CASE WHEN s.r[7] < 0.6 THEN 3 ELSE 2 END
		WHEN '2.000488.H31' THEN 2 END,
	CASE WHEN s.r[8] < 0.55 THEN 'in_time' WHEN s.r[8] < 0.8 THEN 'late' ELSE 'none' END,
	CASE WHEN s.r[9] < 0.75 THEN 2 + (s.r[6] * 4)::int ELSE 1 END,
	s.procedure = '1.012766.H31' AND s.r[10] < 0.4,
	CASE WHEN s.procedure = '1.001193.H31' OR s.r[11] >= s.supp_share THEN 0
		 WHEN s.r[11] < s.supp_share * 0.15 THEN 2 ELSE 1 END,
	CASE WHEN s.r[12] < 0.8 THEN 1 + (s.r[13] * 1)::int ELSE 4 + (s.r[13] * 2)::int END,
	CASE WHEN s.r[14] < 0.05 THEN 0 ELSE 1 + (s.r[15] * 5)::int END,
	1 + (s.r[16] * 6)::int,
	CASE WHEN s.procedure = '1.001193.H31' THEN NULL WHEN s.r[17] < 0.015 THEN 'withdraw'
		 WHEN s.r[17] < 0.022 THEN 'stop' END,
	1 + (s.r[18] * 4)::int,
	CASE WHEN s.procedure <> '1.001193.H31' AND s.r[19] < 0.03 THEN 'refusal' ELSE 'grant' END::tthc.result,
	CASE WHEN s.procedure = '1.001193.H31' THEN 0 WHEN s.r[20] < 0.08 THEN -1 ELSE (s.r[20] * 4)::int END
FROM (
	SELECT v.*, x.i, x.r,
		CASE WHEN x.r[21] < v.online_share OR NOT tthc.is_working_day(day.d) THEN 'online'
			 WHEN x.r[21] < v.online_share + 0.05 AND v.procedure <> '1.001193.H31' THEN 'post'
			 ELSE 'desk' END::tthc.channel AS channel,
		-- the desk from 07:30 to 16:45 (a birth after 15:00 is due the next working day); online
		-- at any hour from 06:00 to 23:30
		day.d + CASE WHEN x.r[21] < v.online_share OR NOT tthc.is_working_day(day.d)
			THEN time '06:00' + (x.r[22] * 1050)::int * interval '1 minute'
			ELSE time '07:30' + (x.r[22] * 240)::int * interval '1 minute'
				+ CASE WHEN x.r[23] < 0.5 THEN interval '6 hours' - interval '15 minutes' ELSE interval '0' END
			END AS at,
		(ARRAY['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng',
			'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'])[1 + (x.r[24] * 15)::int] AS surname,
		CASE WHEN x.r[25] < 0.5 THEN (ARRAY['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thành'])[1 + (x.r[26] * 5)::int]
			 ELSE (ARRAY['Thị', 'Thu', 'Ngọc', 'Thanh', 'Hồng', 'Minh'])[1 + (x.r[26] * 5)::int] END AS middle,
		CASE WHEN x.r[25] < 0.5 THEN (ARRAY['Anh', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khánh',
			'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Tuấn'])[1 + (x.r[27] * 13)::int]
			 ELSE (ARRAY['Anh', 'Chi', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga',
			'Phương', 'Thảo', 'Trang', 'Yến'])[1 + (x.r[27] * 13)::int] END AS given,
		CASE WHEN x.r[25] < 0.5 THEN 0 ELSE 1 END + CASE WHEN x.r[28] < 0.2 THEN 2 ELSE 0 END AS gender,
		CASE WHEN x.r[28] < 0.2 THEN (x.r[29] * 7)::int ELSE 55 + (x.r[29] * 44)::int END AS yy
	FROM (SELECT g::date AS d FROM generate_series(date '2026-01-02', date '2026-03-31', interval '1 day') g) AS day
	CROSS JOIN (VALUES
		('000.00.12.H31', '2.000488.H31', 12.0, 0.5, 0.12, 0.12),
		('000.20.31.H31', '1.001193.H31', 6, 0.4, 0.02, 0),
		('000.21.31.H31', '1.001193.H31', 5, 0.4, 0.02, 0),
		('000.00.05.H31', '2.001610.H31', 8, 0.8, 0.05, 0.10),
		('000.00.10.H31', '1.009972.H31', 3, 0.3, 0.20, 0.20),
		('000.00.13.H31', '1.012766.H31', 8, 0.2, 0.25, 0.25)
	) AS v(agency, procedure, per_day, online_share, late_share, supp_share)
	CROSS JOIN LATERAL (SELECT CASE
		WHEN NOT tthc.is_working_day(day.d) THEN 0.25 * v.online_share
		WHEN day.d < '2026-02-01' THEN 1.1
		WHEN day.d < '2026-02-14' THEN 1.4
		WHEN day.d < '2026-03-07' THEN 0.8
		ELSE 1.0 END AS f) AS season
	CROSS JOIN LATERAL generate_series(1, round(v.per_day * season.f * (0.7 + 0.6 * random()))::int) AS x0(i)
	CROSS JOIN LATERAL (SELECT x0.i, array_agg(random()) AS r FROM generate_series(1, 29)) AS x
) AS s;
-- the plan's instants are local times of the centre (Asia/Ho_Chi_Minh, the session's zone)

\echo 'The plan: dossiers per procedure and channel (generated with setseed, the same every run):'
SELECT p.procedure, count(*) AS dossiers, count(*) FILTER (WHERE p.channel = 'desk') AS desk,
	count(*) FILTER (WHERE p.channel = 'online') AS online, count(*) FILTER (WHERE p.channel = 'post') AS post
FROM q_plan p GROUP BY ROLLUP (p.procedure) ORDER BY p.procedure NULLS LAST;

-- An officer's instant on a day for a dossier: a time of the working day that the dossier's number
-- picks, after its last event; NULL when that would be after 16:55 (it waits for the next day).
CREATE FUNCTION pg_temp.q_ts(day date, id bigint, slot int, last timestamptz)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
SELECT CASE WHEN t <= day + time '16:55' THEN t END
FROM (SELECT greatest(day + CASE WHEN m < 225 THEN time '07:45' + m * interval '1 minute'
		ELSE time '13:30' + (m - 225) * interval '1 minute' END, last + interval '7 minutes') AS t
	  FROM (SELECT ((id * 7919 + slot * 104729) % 420)::int AS m) x) y
$$;

-- What the desks and the departments do on a day, in the order of a working day.
CREATE FUNCTION pg_temp.q_day(day date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	r record;
	s record;
	t timestamptz;
	round int;
	wd constant text := 'national';
BEGIN
	-- the day's submissions, at their instants (desk and post are accepted on receipt)
	FOR r IN SELECT * FROM q_plan p WHERE p.submitted_at::date = day ORDER BY p.submitted_at, p.n LOOP
		UPDATE q_plan SET id = (tthc.receive(r.agency, r.procedure, r.name, r.cccd, r.channel,
			r.submitted_at, applicant_phone => r.phone,
			actor => CASE r.channel WHEN 'online' THEN 'dvc.portal' ELSE 'motcua' END)).id
		WHERE n = r.n;
	END LOOP;
	IF NOT tthc.is_working_day(day) THEN
		RETURN;
	END IF;

	-- online submissions checked at the desk: accepted, refused, or sent back once to be completed
	FOR r IN SELECT p.*, d.last_event_at, d.last_seq, d.status FROM q_plan p JOIN tthc.dossier d ON d.id = p.id
			 WHERE d.status IN (1, 5) AND d.clock = 'not_started' ORDER BY p.n LOOP
		t := pg_temp.q_ts(day, r.id, 1, r.last_event_at);
		CONTINUE WHEN t IS NULL;
		IF r.status = 5 THEN
			IF tthc.working_days_between(r.last_event_at::date, day, wd) >= 2 THEN
				PERFORM tthc.supplement_received(r.id, happened_at => t, actor => 'motcua');
				PERFORM tthc.accept(r.id, happened_at => t + interval '5 minutes', actor => 'motcua');
			END IF;
		ELSIF r.pre = 'refuse' THEN
			PERFORM tthc.refuse(r.id, note => 'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận',
				happened_at => t, actor => 'motcua');
		ELSIF r.pre = 'supplement' AND r.last_seq = 1 THEN
			PERFORM tthc.request_supplement(r.id, note => 'Tệp đính kèm không đọc được: nộp lại bản chụp Căn cước',
				happened_at => t, actor => 'motcua');
		ELSE
			PERFORM tthc.accept(r.id, happened_at => t, actor => 'motcua');
		END IF;
	END LOOP;

	-- accepted dossiers go to the processing unit the same day when accepted before 15:00 (Decree
	-- 61/2018 Art. 18(2)); some land dossiers to the Land Registration Office (Art. 18(3))
	FOR r IN SELECT p.*, d.last_event_at FROM q_plan p JOIN tthc.dossier d ON d.id = p.id
			 WHERE d.status = 2 AND (d.last_event_at < day + time '15:00') ORDER BY p.n LOOP
		t := pg_temp.q_ts(day, r.id, 2, r.last_event_at);
		CONTINUE WHEN t IS NULL;
		IF r.fwd THEN
			PERFORM tthc.forward(r.id, '000.01.13.H31', happened_at => t, actor => 'motcua');
		ELSE
			PERFORM tthc.start_processing(r.id, happened_at => t, actor => 'motcua');
		END IF;
	END LOOP;

	-- documents brought back and levies paid: the clock runs again
	FOR r IN SELECT p.*, d.last_event_at, d.status FROM q_plan p JOIN tthc.dossier d ON d.id = p.id
			 WHERE (d.status = 5 AND d.clock = 'paused' AND p.supp_back > 0
					AND tthc.working_days_between(d.last_event_at::date, day, wd) >= p.supp_back)
				OR (d.status = 6 AND tthc.working_days_between(d.last_event_at::date, day, wd) >= p.pay_back)
			 ORDER BY p.n LOOP
		t := pg_temp.q_ts(day, r.id, 3, r.last_event_at);
		CONTINUE WHEN t IS NULL;
		IF r.status = 5 THEN
			PERFORM tthc.supplement_received(r.id, happened_at => t, actor => 'motcua');
		ELSE
			PERFORM tthc.payment_received(r.id, happened_at => t, actor => 'motcua');
		END IF;
	END LOOP;

	-- withdrawals and stops
	FOR r IN SELECT p.*, d.last_event_at FROM q_plan p JOIN tthc.dossier d ON d.id = p.id
			 WHERE d.status = 4 AND p.abandon IS NOT NULL
			   AND tthc.working_days_between(d.clock_started_at::date, day, wd) >= p.abandon_after ORDER BY p.n LOOP
		t := pg_temp.q_ts(day, r.id, 4, r.last_event_at);
		CONTINUE WHEN t IS NULL;
		IF r.abandon = 'withdraw' THEN
			PERFORM tthc.withdraw(r.id, note => 'Người yêu cầu rút hồ sơ', happened_at => t, actor => 'motcua');
		ELSE
			PERFORM tthc.stop(r.id, note => 'Cơ quan có thẩm quyền đề nghị dừng giải quyết để xác minh',
				happened_at => t, actor => 'lanhdao');
		END IF;
	END LOOP;

	-- supplement requests during processing (the first within 3 working days restarts the limit,
	-- Decree 61/2018 Art. 19(4); a later or a second one only pauses it)
	FOR r IN SELECT p.*, d.last_event_at FROM q_plan p JOIN tthc.dossier d ON d.id = p.id
			 WHERE d.status = 4 AND d.clock = 'running' AND p.supp > d.supplements
			   AND tthc.working_days_between(d.clock_started_at::date, day, wd) >= p.supp_after ORDER BY p.n LOOP
		t := pg_temp.q_ts(day, r.id, 5, r.last_event_at);
		CONTINUE WHEN t IS NULL;
		PERFORM tthc.request_supplement(r.id, happened_at => t, actor => 'chuyenvien',
			note => CASE r.procedure
				WHEN '1.012766.H31' THEN 'Bổ sung sơ đồ thửa đất có xác nhận của Ủy ban nhân dân cấp xã'
				WHEN '2.000488.H31' THEN 'Bổ sung bản chụp Giấy khai sinh'
				WHEN '2.001610.H31' THEN 'Sửa Điều lệ công ty: thiếu chữ ký của chủ sở hữu'
				ELSE 'Bổ sung hồ sơ thiết kế phòng cháy, chữa cháy' END);
	END LOOP;

	-- the steps of inter-agency and multi-unit procedures, each by its unit (Decree 61/2018 Art.
	-- 19(6)-(7)); the culprit step of a late dossier is late; after the tax office's step the
	-- applicant is asked to pay the levy
	FOR round IN 1 .. 5 LOOP
		FOR r IN SELECT p.*, d.last_event_at, st.step, st.due_at AS step_due FROM q_plan p
				 JOIN tthc.dossier d ON d.id = p.id
				 JOIN LATERAL (SELECT x.step, x.due_at FROM tthc.dossier_step x
							   WHERE x.dossier = d.id AND x.finished_at IS NULL ORDER BY x.step LIMIT 1) st ON true
				 WHERE d.status = 4 AND d.clock = 'running'
				   AND CASE WHEN p.fate = 'early' THEN tthc.working_days_between(day, st.due_at::date, wd) <= 1
							WHEN p.fate = 'late' AND st.step = p.culprit
								THEN day > st.due_at::date AND tthc.working_days_between(st.due_at::date, day, wd) >= p.k
							ELSE day >= st.due_at::date END
				 ORDER BY p.n LOOP
			t := pg_temp.q_ts(day, r.id, 6, r.last_event_at);
			CONTINUE WHEN t IS NULL;
			PERFORM tthc.complete_step(r.id, r.step, happened_at => t, actor => 'chuyenvien');
			IF r.procedure = '1.012766.H31' AND r.step = 3 AND NOT r.paid THEN
				PERFORM tthc.request_payment(r.id, happened_at => t + interval '3 minutes', actor => 'motcua',
					note => 'Thông báo nộp tiền sử dụng đất và lệ phí trước bạ');
				UPDATE q_plan SET paid = true WHERE n = r.n;
			END IF;
		END LOOP;
	END LOOP;

	-- the apology and new appointment (Decree 61/2018 Art. 19(9)): most once the sweep says the
	-- dossier is due soon, some only after it said it is overdue, some never
	FOR r IN SELECT p.*, d.last_event_at FROM q_plan p JOIN tthc.dossier d ON d.id = p.id
			 WHERE d.status = 4 AND d.clock = 'running' AND NOT d.extended AND p.fate = 'late'
			   AND EXISTS (SELECT FROM tthc.notice n WHERE n.dossier = d.id AND n.due_at = d.legal_due_at
						   AND n.kind = CASE p.ext WHEN 'in_time' THEN 'due_soon' WHEN 'late' THEN 'overdue' END::tthc.notice_kind)
			 ORDER BY p.n LOOP
		t := pg_temp.q_ts(day, r.id, 7, r.last_event_at);
		CONTINUE WHEN t IS NULL;
		PERFORM tthc.extend(r.id, by => (r.ext_by || ' ngày làm việc')::tthc.term, happened_at => t, actor => 'lanhdao',
			reason => CASE r.procedure
				WHEN '1.012766.H31' THEN 'Chờ kết quả xác định nghĩa vụ tài chính của cơ quan thuế'
				WHEN '2.000488.H31' THEN 'Chờ kết quả xác minh của cơ quan công an'
				WHEN '2.001610.H31' THEN 'Hệ thống thông tin quốc gia về đăng ký doanh nghiệp gián đoạn'
				WHEN '1.009972.H31' THEN 'Chờ ý kiến thẩm định thiết kế phòng cháy, chữa cháy'
				ELSE 'Chờ xác minh thông tin đăng ký' END);
	END LOOP;

	-- results ready: early, on the due day, or late, as planned; open steps are closed first
	FOR r IN SELECT p.*, d.last_event_at FROM q_plan p JOIN tthc.dossier d ON d.id = p.id
			 WHERE d.status = 4 AND d.clock = 'running' AND (p.procedure <> '1.012766.H31' OR p.paid)
			   AND CASE p.fate
					WHEN 'early' THEN tthc.working_days_between(day, d.legal_due_at::date, wd) <= p.k
					WHEN 'on_time' THEN day >= d.legal_due_at::date
					ELSE day > d.legal_due_at::date AND tthc.working_days_between(d.legal_due_at::date, day, wd) >= p.k END
			 ORDER BY p.n LOOP
		t := pg_temp.q_ts(day, r.id, 8, r.last_event_at);
		CONTINUE WHEN t IS NULL;
		FOR s IN SELECT x.step FROM tthc.dossier_step x WHERE x.dossier = r.id AND x.finished_at IS NULL ORDER BY x.step LOOP
			PERFORM tthc.complete_step(r.id, s.step, happened_at => t, actor => 'chuyenvien');
			t := t + interval '1 minute';
		END LOOP;
		PERFORM tthc.finish(r.id, happened_at => t, actor => 'lanhdao', result => r.result);
	END LOOP;

	-- results collected at the desk (online results are sent the same day)
	FOR r IN SELECT p.*, d.last_event_at FROM q_plan p JOIN tthc.dossier d ON d.id = p.id
			 WHERE d.status = 9 AND p.collect >= 0
			   AND tthc.working_days_between(d.finished_at::date, day, wd) >= p.collect ORDER BY p.n LOOP
		t := pg_temp.q_ts(day, r.id, 9, r.last_event_at);
		CONTINUE WHEN t IS NULL;
		PERFORM tthc.return_result(r.id, happened_at => t, actor => 'motcua');
	END LOOP;
END
$$;

\echo 'The quarter, day by day: at 07:00 the sweep job''s own command runs on the test clock, then'
\echo 'the day''s submissions arrive and the officers act (pg_cron 1.4 runs the job every 5 minutes of'
\echo 'real time; the quarter replays 90 days in seconds, so the demo runs the command itself).'
\echo 'The job''s command:' :sweep_command
\o /dev/null
SELECT format('SET tthc.now = %L', d + time '07:00'), :'sweep_command',
	format('SET tthc.now = %L', d + time '23:59'), format('SELECT pg_temp.q_day(%L)', d)
FROM (SELECT g::date AS d FROM generate_series(date '2026-01-01', date '2026-03-31', interval '1 day') g) AS days
ORDER BY d \gexec
\o
SET tthc.now = '2026-03-31 23:59+07';

\echo
\echo 'What happened in the quarter: the events of the history (tthc.dossier_event), the sweeps'''
\echo 'notices (tthc.notice), the letters (tthc.letter) and the apology drafts the sweeps prepared.'
\echo 'Payments: the API records the request (the clock stops) and the payment (it runs again), with'
\echo 'what is owed in the note; it keeps no amounts.  Every dossier is due soon at some point: the'
\echo 'sweep warns once the last lawful moment to apologise is within 15 working hours, which for a'
\echo 'same-day or 3-day procedure is from the start.'
SELECT e.event, count(*) AS events, count(DISTINCT e.dossier) AS dossiers
FROM tthc.dossier_event e GROUP BY e.event ORDER BY min(e.at), e.event;
SELECT n.kind, count(*) AS notices, count(DISTINCT n.dossier) AS dossiers FROM tthc.notice n GROUP BY n.kind ORDER BY n.kind;
SELECT l.form, f.title, count(*) AS letters, count(*) FILTER (WHERE l.late) AS late
FROM tthc.letter l, LATERAL tthc.letter_form(l.form) f GROUP BY l.form, f.title ORDER BY l.form;
SELECT count(*) AS apology_drafts FROM tthc.apology_draft;
SELECT s.code || ' ' || s.name_vi AS status, count(d.id) AS dossiers
FROM tthc.status s LEFT JOIN tthc.dossier d ON d.status = s.code GROUP BY s.code, s.name_vi ORDER BY s.code;
