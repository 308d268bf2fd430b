-- The generator's simulation: dossiers received and moved through the real API (tthc.receive,
-- tthc.transition's event functions, tthc.complete_step), one call per event, on the test clock
-- (tthc.now, a superuser's setting) moved day by day.  tthc_gen.run_day does one simulated day of
-- a slice of the agencies in one statement; tools/generate.sh runs the slices in parallel sessions,
-- then tthc_gen.sweep_day (every day) and tthc_gen.refresh_day (every Sunday) in one of them.
-- Every choice is a hash of the seed and a key made of the agency, the day and the dossier's number
-- of the day, so a run is the same whatever the number of sessions (dossier ids aside).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

CREATE TABLE IF NOT EXISTS tthc_gen.param (seed int NOT NULL, per_year numeric NOT NULL, slices int NOT NULL);
-- the next event of every dossier the simulation still moves
CREATE TABLE IF NOT EXISTS tthc_gen.todo (
	dossier bigint PRIMARY KEY, agency text NOT NULL, k text NOT NULL, plan text NOT NULL,
	event text NOT NULL, at timestamptz NOT NULL);
CREATE INDEX IF NOT EXISTS todo_at ON tthc_gen.todo (agency, at);
CREATE TABLE IF NOT EXISTS tthc_gen.day_log (
	day date, slice int, receipts int, receipt_ms numeric, events int, event_ms numeric, steps int,
	step_ms numeric, wall_ms numeric, PRIMARY KEY (day, slice));
CREATE TABLE IF NOT EXISTS tthc_gen.sweep_log (day date PRIMARY KEY, ms numeric, due_soon int, overdue int, step_overdue int);
CREATE TABLE IF NOT EXISTS tthc_gen.refresh_log (day date PRIMARY KEY, ms numeric, dossiers bigint, rebuilt boolean);
-- cumulative shares of the procedures within each kind of agency, for a weighted choice
CREATE TABLE IF NOT EXISTS tthc_gen.choice AS
SELECT kind, code, t, coalesce(sum(weight) OVER w - weight, 0) / sum(weight) OVER k AS lo,
	sum(weight) OVER w / sum(weight) OVER k AS hi
FROM tthc_gen.procedure
WINDOW w AS (PARTITION BY kind ORDER BY p), k AS (PARTITION BY kind);

-- a number in [0, 1) from the seed and a key
CREATE OR REPLACE FUNCTION tthc_gen.rnd(seed int, VARIADIC k text[]) RETURNS float8
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$SELECT ('x' || substr(md5(seed || ':' || array_to_string(k, ':')), 1, 13))::bit(52)::bigint / 4503599627370496.0$$;

-- working time on the dossier's calendar: from an instant, a fraction of the span to another
CREATE OR REPLACE FUNCTION tthc_gen.between(a timestamptz, b timestamptz, frac float8, cal text) RETURNS timestamptz
LANGUAGE sql STABLE
AS $$SELECT CASE WHEN b <= a THEN a ELSE tthc.add_working_time(a, tthc.working_time_between(a, b, cal) * frac, cal) END$$;

CREATE OR REPLACE FUNCTION tthc_gen.schedule(d tthc.dossier, k text, plan text, event text, at timestamptz) RETURNS void
LANGUAGE sql
AS $$
INSERT INTO tthc_gen.todo VALUES (d.id, d.agency, k, plan, event, greatest(at, d.last_event_at))
ON CONFLICT (dossier) DO UPDATE SET plan = excluded.plan, event = excluded.event, at = excluded.at
$$;

-- After start_processing or a resumption: the event the plan leads to next.
CREATE OR REPLACE FUNCTION tthc_gen.after_start(d tthc.dossier, k text, plan text, seed int) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	r float8 := tthc_gen.rnd(seed, k, 'after', d.version::text);
	hour constant interval := interval '1 hour';
BEGIN
	CASE plan
	WHEN 'supplement' THEN		-- in the 3-working-day window mostly; some late (Decree 61/2018 Art. 19(4))
		PERFORM tthc_gen.schedule(d, k, 'supplement', 'request_supplement',
			tthc.add_working_time(d.clock_started_at, hour * (2 + 26 * r), d.calendar));
	WHEN 'payment' THEN
		PERFORM tthc_gen.schedule(d, k, 'payment', 'request_payment',
			tthc_gen.between(d.last_event_at, d.legal_due_at, 0.2 + 0.5 * r, d.calendar));
	WHEN 'extend' THEN			-- before the last lawful moment to apologise mostly, some after
		PERFORM tthc_gen.schedule(d, k, plan, 'extend',
			tthc_gen.between(d.last_event_at, tthc.apology_deadline(d.legal_due_at, d.calendar), 0.5 + 0.6 * r, d.calendar));
	WHEN 'withdraw', 'stop' THEN
		PERFORM tthc_gen.schedule(d, k, plan, plan, tthc_gen.between(d.last_event_at, d.legal_due_at, r, d.calendar));
	WHEN 'late' THEN			-- 1 to 40 working hours after the legal due
		PERFORM tthc_gen.schedule(d, k, plan, 'finish', tthc.add_working_time(d.legal_due_at, hour * (1 + 39 * r), d.calendar));
	ELSE						-- on time: 20% to 95% of the time left
		PERFORM tthc_gen.schedule(d, k, plan, 'finish', tthc_gen.between(d.last_event_at, d.legal_due_at, 0.2 + 0.75 * r, d.calendar));
	END CASE;
END
$$;

-- One event of one dossier through the API; schedules the next one or forgets the dossier.
-- Returns the number of steps completed.
CREATE OR REPLACE FUNCTION tthc_gen.act(t tthc_gen.todo, seed int) RETURNS int
LANGUAGE plpgsql
AS $$
DECLARE
	d tthc.dossier;
	r float8 := tthc_gen.rnd(seed, t.k, t.event);
	hour constant interval := interval '1 hour';
	s record;
	n int := 0;
	m int;
	last timestamptz;
BEGIN
	CASE t.event
	WHEN 'accept' THEN
		d := tthc.accept(t.dossier, happened_at => t.at, actor => 'Cán bộ một cửa');
		PERFORM tthc_gen.schedule(d, t.k, t.plan, 'start_processing', tthc.add_working_time(t.at, hour * r * 3, d.calendar));
	WHEN 'refuse' THEN
		d := tthc.refuse(t.dossier, note => 'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan', happened_at => t.at);
	WHEN 'request_supplement' THEN
		d := tthc.request_supplement(t.dossier, note => 'Bổ sung bản sao giấy tờ tùy thân', happened_at => t.at);
		PERFORM tthc_gen.schedule(d, t.k, t.plan, 'supplement_received', tthc.add_working_time(t.at, hour * (4 + 40 * r), d.calendar));
	WHEN 'supplement_received' THEN
		d := tthc.supplement_received(t.dossier, happened_at => t.at);
		IF d.status = 1 THEN		-- before acceptance: checked again
			PERFORM tthc_gen.schedule(d, t.k, 'ontime', 'accept', tthc.add_working_time(t.at, hour * r * 4, d.calendar));
		ELSE
			PERFORM tthc_gen.after_start(d, t.k, 'ontime', seed);
		END IF;
	WHEN 'request_payment' THEN
		d := tthc.request_payment(t.dossier, happened_at => t.at);
		PERFORM tthc_gen.schedule(d, t.k, t.plan, 'payment_received', tthc.add_working_time(t.at, hour * (1 + 23 * r), d.calendar));
	WHEN 'payment_received' THEN
		d := tthc.payment_received(t.dossier, happened_at => t.at);
		PERFORM tthc_gen.after_start(d, t.k, 'ontime', seed);
	WHEN 'start_processing' THEN
		d := tthc.start_processing(t.dossier, happened_at => t.at, actor => 'Chuyên viên xử lý');
		PERFORM tthc_gen.after_start(d, t.k, t.plan, seed);
	WHEN 'extend' THEN
		d := tthc.extend(t.dossier, by => '5 ngày làm việc', reason => 'Cần xác minh thêm thông tin với cơ quan liên quan',
			happened_at => t.at);
		-- late against the law; the new appointment kept in four cases of five
		PERFORM tthc_gen.schedule(d, t.k, t.plan, 'finish', CASE WHEN r < 0.8
			THEN tthc_gen.between(d.legal_due_at, d.due_at, 0.1 + 0.85 * r / 0.8, d.calendar)
			ELSE tthc.add_working_time(d.due_at, hour * (1 + 16 * r), d.calendar) END);
	WHEN 'finish' THEN
		-- the open steps first, evenly between the last event and the result
		SELECT last_event_at INTO last FROM tthc.dossier WHERE id = t.dossier;
		SELECT count(*) INTO m FROM tthc.dossier_step WHERE dossier = t.dossier AND finished_at IS NULL;
		FOR s IN SELECT step FROM tthc.dossier_step WHERE dossier = t.dossier AND finished_at IS NULL ORDER BY step LOOP
			n := n + 1;
			PERFORM tthc.complete_step(t.dossier, s.step, last + (t.at - last) * n / (m + 1));
		END LOOP;
		d := tthc.finish(t.dossier, happened_at => t.at,
			result => CASE WHEN t.plan = 'refusal' THEN 'refusal' ELSE 'grant' END::tthc.result);
		-- collected within a week mostly
		PERFORM tthc_gen.schedule(d, t.k, t.plan, 'return_result', tthc.add_working_time(t.at, hour * (40 * r * r), d.calendar));
	WHEN 'return_result' THEN
		d := tthc.return_result(t.dossier, happened_at => t.at);
	WHEN 'withdraw' THEN
		d := tthc.withdraw(t.dossier, note => 'Công dân rút hồ sơ', happened_at => t.at);
	WHEN 'stop' THEN
		d := tthc.stop(t.dossier, note => 'Hồ sơ có dấu hiệu giả mạo, chuyển cơ quan có thẩm quyền', happened_at => t.at);
	END CASE;
	IF t.event IN ('refuse', 'return_result', 'withdraw', 'stop') THEN
		DELETE FROM tthc_gen.todo WHERE dossier = t.dossier;
	END IF;
	RETURN n;
END
$$;

-- One simulated day of the agencies of one slice: the day's receipts, then every event due by the
-- day's end, in time order.  The test clock stands at the day's end.
CREATE OR REPLACE FUNCTION tthc_gen.run_day(day date, slice int) RETURNS int
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
	p tthc_gen.param;
	family constant text[] := '{Nguyễn,Trần,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý}';
	middle constant text[] := '{Văn,Thị,Hữu,Minh,Ngọc,Thanh,Đức,Quang,Thu,Hoài}';
	given constant text[] := '{An,Bình,Châu,Dũng,Hà,Hải,Hạnh,Hoa,Hùng,Lan,Linh,Long,Mai,Nam,Phương,Quân,Sơn,Tâm,Thảo,Trang,Tuấn,Vy}';
	tz constant text := 'Asia/Ho_Chi_Minh';
	day_end timestamptz := ((day + 1)::timestamp - interval '1 minute') AT TIME ZONE tz;
	total numeric := (SELECT sum(weight) FROM tthc_gen.agency);
	working boolean := tthc.is_working_day(day, 'national');
	mine text[];
	a record;
	t tthc_gen.todo;
	d tthc.dossier;
	proc record;
	k text;
	mean float8;
	n int;
	ts timestamptz;
	ch tthc.channel;
	r float8;
	plan text;
	born int;
	t0 timestamptz;
	t_start timestamptz := clock_timestamp();
	receipts int := 0; events int := 0; steps int := 0; done int;
	receipt_ms float8 := 0; event_ms float8 := 0;
BEGIN
	SELECT * INTO STRICT p FROM tthc_gen.param;
	PERFORM set_config('tthc.now', day_end::text, false);
	SELECT array_agg(code) INTO mine FROM tthc_gen.agency WHERE idx % p.slices = slice;

	FOR a IN SELECT * FROM tthc_gen.agency WHERE idx % p.slices = slice ORDER BY idx LOOP
		-- the province's dossiers per working day (about 250 a year), the agency's share of them;
		-- on days off only online submissions, a twentieth
		mean := p.per_year / 250.0 * a.weight / total * CASE WHEN working THEN 1 ELSE 0.05 END;
		n := floor(mean * (0.5 + tthc_gen.rnd(p.seed, a.code, day::text, 'n'))
			+ tthc_gen.rnd(p.seed, a.code, day::text, 'frac'));
		FOR j IN 1..n LOOP
			k := a.code || ':' || day || ':' || j;
			r := tthc_gen.rnd(p.seed, k, 'proc');
			SELECT c.code, t.online, t.fee INTO proc FROM tthc_gen.choice c JOIN tthc_gen.template t USING (t)
			WHERE c.kind = a.kind AND c.lo <= r AND r < c.hi;
			CONTINUE WHEN NOT FOUND;
			r := tthc_gen.rnd(p.seed, k, 'channel');
			ch := CASE WHEN NOT working OR r < CASE proc.online WHEN 'full' THEN 0.6 WHEN 'partial' THEN 0.3 ELSE 0 END THEN 'online'
					   WHEN r > 0.97 THEN 'post' ELSE 'desk' END;
			-- at the desk 07:30-16:30, online at any hour
			ts := (day + time '07:30' + interval '9 hours' * tthc_gen.rnd(p.seed, k, 'at')) AT TIME ZONE tz;
			IF ch = 'online' THEN
				ts := (day + interval '24 hours' * tthc_gen.rnd(p.seed, k, 'at')) AT TIME ZONE tz;
				ts := least(ts, day_end);
			END IF;
			r := tthc_gen.rnd(p.seed, k, 'plan');
			plan := CASE WHEN r < 0.74 THEN 'ontime' WHEN r < 0.81 THEN 'late' WHEN r < 0.85 THEN 'extend'
						 WHEN r < 0.92 THEN 'supplement' WHEN r < 0.95 THEN CASE WHEN proc.fee > 0 THEN 'payment' ELSE 'ontime' END
						 WHEN r < 0.97 THEN 'withdraw' WHEN r < 0.98 THEN 'stop' ELSE 'refusal' END;
			-- CCCD: the province code of Hưng Yên (033), the century and sex digit, the year of birth
			born := 1950 + floor(55 * tthc_gen.rnd(p.seed, k, 'born'))::int;
			t0 := clock_timestamp();
			d := tthc.receive(a.code, proc.code,
				family[1 + floor(16 * tthc_gen.rnd(p.seed, k, 'f'))::int] || ' ' || middle[1 + floor(10 * tthc_gen.rnd(p.seed, k, 'm'))::int]
					|| ' ' || given[1 + floor(22 * tthc_gen.rnd(p.seed, k, 'g'))::int],
				CASE WHEN tthc_gen.rnd(p.seed, k, 'id') < 0.85 THEN '033' || ((born / 100 - 19) * 2 + (j % 2)) || lpad((born % 100)::text, 2, '0')
					|| lpad(floor(1000000 * tthc_gen.rnd(p.seed, k, 'no'))::text, 6, '0') END,
				ch, ts, actor => 'Cán bộ một cửa',
				-- at the desk one in twenty is checked before it is received
				accept => CASE WHEN ch <> 'online' AND tthc_gen.rnd(p.seed, k, 'check') < 0.05 THEN false END);
			receipt_ms := receipt_ms + extract(epoch FROM clock_timestamp() - t0) * 1000;
			receipts := receipts + 1;
			r := tthc_gen.rnd(p.seed, k, 'desk');
			IF d.status = 1 THEN		-- not accepted yet: refused, sent back for a supplement, or accepted
				PERFORM tthc_gen.schedule(d, k, plan, CASE WHEN r < 0.05 THEN 'refuse' WHEN r < 0.12 THEN 'request_supplement' ELSE 'accept' END,
					tthc.add_working_time(ts, interval '1 hour' * (0.2 + 6 * r), d.calendar));
			ELSE
				PERFORM tthc_gen.schedule(d, k, plan, 'start_processing', tthc.add_working_time(ts, interval '1 hour' * 3 * r, d.calendar));
			END IF;
		END LOOP;
	END LOOP;

	-- the events due by the day's end, in time order; an event may lead to another the same day
	LOOP
		done := 0;
		FOR t IN SELECT * FROM tthc_gen.todo x WHERE x.agency = ANY (mine) AND x.at <= day_end ORDER BY x.at, x.dossier LOOP
			-- a row moved by an earlier event of this pass waits for the next pass
			CONTINUE WHEN NOT EXISTS (SELECT FROM tthc_gen.todo x WHERE x.dossier = t.dossier AND x.event = t.event AND x.at = t.at);
			t0 := clock_timestamp();
			steps := steps + tthc_gen.act(t, p.seed);
			event_ms := event_ms + extract(epoch FROM clock_timestamp() - t0) * 1000;
			events := events + 1;
			done := done + 1;
		END LOOP;
		EXIT WHEN done = 0;
	END LOOP;
	INSERT INTO tthc_gen.day_log VALUES (day, slice, receipts, receipt_ms, events, event_ms, steps, NULL,
		extract(epoch FROM clock_timestamp() - t_start) * 1000);
	RETURN receipts;
END
$$;

-- The day's sweep at its end (the sweep job of the jobs module runs it every few minutes).
CREATE OR REPLACE FUNCTION tthc_gen.sweep_day(day date) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	t0 timestamptz := clock_timestamp();
	s record;
BEGIN
	PERFORM set_config('tthc.now', (((day + 1)::timestamp - interval '1 minute') AT TIME ZONE 'Asia/Ho_Chi_Minh')::text, false);
	SELECT * INTO s FROM tthc.sweep();
	INSERT INTO tthc_gen.sweep_log VALUES (day, extract(epoch FROM clock_timestamp() - t0) * 1000, s.due_soon, s.overdue, s.step_overdue);
END
$$;

-- The monthly partitions of the history, outbox, notices, letters and drafts, as the tthc-partitions
-- job keeps them: run at the start of every month on the test clock.
CREATE OR REPLACE FUNCTION tthc_gen.partitions_day(day date) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
	PERFORM set_config('tthc.now', (day::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')::text, false);
	PERFORM count(*) FROM tthc.partition_maintain();
END
$$;

-- The rollups brought up to date.
CREATE OR REPLACE FUNCTION tthc_gen.refresh_day(day date) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
	t0 timestamptz := clock_timestamp();
	s record;
BEGIN
	SELECT * INTO s FROM tthc.rollup_refresh();
	INSERT INTO tthc_gen.refresh_log VALUES (day, extract(epoch FROM clock_timestamp() - t0) * 1000, s.dossiers, s.rebuilt)
	ON CONFLICT ON CONSTRAINT refresh_log_pkey DO UPDATE SET ms = excluded.ms, dossiers = excluded.dossiers, rebuilt = excluded.rebuilt;
END
$$;
