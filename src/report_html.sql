-- report_html.sql: the analysts' report as one self-contained HTML page: UTF-8, Vietnamese headings,
-- inline CSS and SVG, no script and nothing fetched from the network, so that it can be mailed,
-- archived or opened offline.  It reads tthc.report (reports.sql) and the dossier tables, with the
-- caller's rights; every text taken from the data is escaped with the letters' tthc._html_escape.
-- doc/report_html.md describes the page.

-- The page: the report table by agency with its totals, the on-time rate by month and agency (one
-- tthc.report call per month of the period), and the dossiers open at the end of the period by
-- age in working days since receipt and by how their legal due stands then.
CREATE FUNCTION tthc.report_html(period_from date, period_to date)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
	-- a fixed palette: the agencies of a page keep the order and the colour of the table
	palette constant text[] := ARRAY['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b',
		'#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
	r record;
	m record;
	agencies text[] := '{}';
	names text[] := '{}';
	html text;
	rows text := '';
	tot bigint[] := array_fill(0::bigint, ARRAY[12]);
	svg text;
	months int;
	labels text[] := '{}';
	bar_month int[] := '{}';
	bar_agency text[] := '{}';
	bar_rate numeric[] := '{}';
	bar_good bigint[] := '{}';
	bar_received bigint[] := '{}';
	backlog_bucket int[];
	backlog_state text[];
	n int;
	i int;
	j int;
	-- the month chart's geometry, in SVG user units
	left_x constant int := 56;
	top_y constant int := 20;
	plot_h constant int := 220;
	group_w int;
	bar_w numeric;
	ymax numeric;
	x numeric;
	h numeric;
	-- the backlog chart
	buckets constant text[] := ARRAY['0–5', '6–10', '11–20', '21–40', 'trên 40'];
	b record;
	most bigint;
	w numeric;
BEGIN
	-- tthc.report checks the period (22004 for a NULL day, 22023 for a period that ends before it starts)
	FOR r IN SELECT * FROM tthc.report(period_from, period_to, 'agency') LOOP
		agencies := agencies || r.group_key;
		names := names || r.group_name;
		rows := rows || format(E'<tr data-agency="%s"><th scope="row">%s</th><td>%s</td><td>%s</td><td>%s</td>'
			'<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
			'<td>%s</td><td>%s</td></tr>\n',
			tthc._html_escape(r.group_key), tthc._html_escape(r.group_name), r.received, r.resolved_early,
			r.resolved_on_time, r.resolved_late, r.pending_on_time, r.pending_due_soon, r.pending_late,
			r.withdrawn, r.refused, r.stopped,
			coalesce(replace(to_char(100 * r.on_time_rate, 'FM9990.00'), '.', ',') || ' %', '–'),
			coalesce(replace(to_char(100 * r.late_rate, 'FM9990.00'), '.', ',') || ' %', '–'),
			r.apologies_issued);
		-- the totals: received, early, on time, late, open in time, due soon, late, withdrawn,
		-- refused, stopped, backlog at the start, apologies
		tot := ARRAY(SELECT u.a + u.b FROM unnest(tot, ARRAY[r.received, r.resolved_early, r.resolved_on_time,
			r.resolved_late, r.pending_on_time, r.pending_due_soon, r.pending_late, r.withdrawn, r.refused,
			r.stopped, r.backlog_start, r.apologies_issued]) WITH ORDINALITY AS u(a, b, i) ORDER BY u.i);
	END LOOP;

	html := format(E'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
		'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
		'<title>Báo cáo giải quyết thủ tục hành chính từ %s đến %s</title>\n'
		'<style>\n'
		'body { font-family: "Times New Roman", Times, serif; margin: 2em auto; max-width: 70em; color: #222; }\n'
		'h1 { font-size: 1.5em; text-align: center; margin-bottom: 0.2em; }\n'
		'h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #999; }\n'
		'p.period { text-align: center; font-style: italic; margin-top: 0; }\n'
		'table { border-collapse: collapse; width: 100%%; font-size: 0.9em; }\n'
		'th, td { border: 1px solid #888; padding: 0.25em 0.4em; }\n'
		'td { text-align: right; } thead th { background: #eee; } tfoot th, tfoot td { font-weight: bold; background: #f6f6f6; }\n'
		'tbody th { text-align: left; font-weight: normal; }\n'
		'p.note { font-size: 0.85em; color: #555; }\n'
		'svg { display: block; max-width: 100%%; height: auto; font-family: Arial, Helvetica, sans-serif; }\n'
		'svg text { font-size: 11px; fill: #333; }\n'
		'</style>\n</head>\n<body>\n'
		'<header>\n<h1>Báo cáo tình hình tiếp nhận và giải quyết hồ sơ thủ tục hành chính</h1>\n'
		'<p class="period">Kỳ báo cáo: từ ngày %s đến ngày %s</p>\n'
		'<p class="note">Số liệu tính đến %s; không chứa thông tin cá nhân của người nộp hồ sơ.</p>\n</header>\n',
		to_char(period_from, 'DD/MM/YYYY'), to_char(period_to, 'DD/MM/YYYY'),
		to_char(period_from, 'DD/MM/YYYY'), to_char(period_to, 'DD/MM/YYYY'),
		to_char(tthc.now() AT TIME ZONE tthc.calendar_timezone(), 'HH24:MI "ngày" DD/MM/YYYY'));

	-- 1. the table by agency
	html := html || format(E'<section id="theo-co-quan">\n<h2>1. Kết quả giải quyết theo cơ quan</h2>\n'
		'<table>\n<thead>\n<tr><th rowspan="2" scope="col">Cơ quan</th><th rowspan="2" scope="col">Tiếp nhận</th>'
		'<th colspan="3" scope="colgroup">Đã giải quyết</th><th colspan="3" scope="colgroup">Đang giải quyết cuối kỳ</th>'
		'<th rowspan="2" scope="col">Rút hồ sơ</th><th rowspan="2" scope="col">Từ chối</th><th rowspan="2" scope="col">Dừng xử lý</th>'
		'<th rowspan="2" scope="col">Tỉ lệ đúng hạn</th><th rowspan="2" scope="col">Tỉ lệ trễ hạn</th>'
		'<th rowspan="2" scope="col">Phiếu xin lỗi</th></tr>\n'
		'<tr><th scope="col">Sớm hạn</th><th scope="col">Đúng hạn</th><th scope="col">Trễ hạn</th>'
		'<th scope="col">Trong hạn</th><th scope="col">Sắp trễ</th><th scope="col">Trễ hạn</th></tr>\n</thead>\n'
		'<tbody>\n%s</tbody>\n'
		'<tfoot><tr><th scope="row">Tổng cộng</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
		'<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr></tfoot>\n</table>\n'
		'<p class="note">Tỉ lệ đúng hạn theo Điều 30 Nghị định 61/2018/NĐ-CP: hồ sơ giải quyết sớm và đúng hạn '
		'trên hồ sơ tiếp nhận trong kỳ (kết quả của hồ sơ tiếp nhận trước kỳ cũng được tính, nên tỉ lệ có thể '
		'vượt 100 %%). Tỉ lệ trễ hạn theo cách tính của các tỉnh: hồ sơ trễ hạn (đã và đang giải quyết) trên hồ '
		'sơ tiếp nhận trong kỳ cộng hồ sơ tồn đầu kỳ. Sớm, đúng, trễ hạn tính theo thời hạn pháp định, không theo '
		'ngày hẹn lại.</p>\n</section>\n',
		rows, tot[1], tot[2], tot[3], tot[4], tot[5], tot[6], tot[7], tot[8], tot[9], tot[10],
		coalesce(replace(to_char(100.0 * (tot[2] + tot[3]) / nullif(tot[1], 0), 'FM9990.00'), '.', ',') || ' %', '–'),
		coalesce(replace(to_char(100.0 * (tot[7] + tot[4]) / nullif(tot[1] + tot[11], 0), 'FM9990.00'), '.', ',') || ' %', '–'),
		tot[12]);

	-- 2. the on-time rate by month and agency: bars grouped by month, one colour per agency
	months := 0;
	FOR m IN SELECT greatest(s::date, period_from) AS m_from,
				least((s + interval '1 month')::date - 1, period_to) AS m_to
			 FROM generate_series(date_trunc('month', period_from::timestamp), period_to::timestamp, interval '1 month') s
			 ORDER BY 1 LOOP
		months := months + 1;
		labels := labels || to_char(m.m_from, 'MM/YYYY');
		FOR r IN SELECT * FROM tthc.report(m.m_from, m.m_to, 'agency') x WHERE x.on_time_rate IS NOT NULL LOOP
			bar_month := bar_month || months;
			bar_agency := bar_agency || r.group_key;
			bar_rate := bar_rate || r.on_time_rate;
			bar_good := bar_good || (r.resolved_early + r.resolved_on_time);
			bar_received := bar_received || r.received;
		END LOOP;
	END LOOP;
	n := greatest(cardinality(agencies), 1);
	group_w := greatest(24 * n + 24, 80);
	bar_w := (group_w - 24)::numeric / n;
	ymax := greatest(1, ceil(coalesce((SELECT max(v) FROM unnest(bar_rate) v), 0) * 4) / 4);
	svg := format(E'<svg id="bieu-do-ti-le" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bieu-do-ti-le-tieu-de" '
		'viewBox="0 0 %s %s" width="%s" height="%s">\n<title id="bieu-do-ti-le-tieu-de">Tỉ lệ giải quyết đúng hạn theo tháng và cơ quan</title>\n',
		left_x + months * group_w + 20, top_y + plot_h + 40 + n * 18 + 10,
		left_x + months * group_w + 20, top_y + plot_h + 40 + n * 18 + 10);
	-- the grid, every 25 %
	FOR i IN 0 .. (ymax * 4)::int LOOP
		h := top_y + plot_h - plot_h * (i / 4.0) / ymax;
		svg := svg || format(E'<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"%s/>'
			'<text x="%s" y="%s" text-anchor="end">%s %%</text>\n',
			left_x, round(h, 1), left_x + months * group_w, round(h, 1), CASE WHEN i = 4 THEN '#999' ELSE '#ddd' END,
			CASE WHEN i = 4 AND ymax > 1 THEN ' stroke-dasharray="4 3"' ELSE '' END,
			left_x - 6, round(h + 4, 1), i * 25);
	END LOOP;
	FOR i IN 1 .. months LOOP
		svg := svg || format(E'<text class="thang" x="%s" y="%s" text-anchor="middle">%s</text>\n',
			left_x + (i - 1) * group_w + group_w / 2.0, top_y + plot_h + 16, labels[i]);
	END LOOP;
	FOR i IN 1 .. coalesce(cardinality(bar_month), 0) LOOP
		j := array_position(agencies, bar_agency[i]);
		CONTINUE WHEN j IS NULL;
		x := left_x + (bar_month[i] - 1) * group_w + 12 + (j - 1) * bar_w;
		h := plot_h * bar_rate[i] / ymax;
		svg := svg || format(E'<rect class="cot" data-agency="%s" data-month="%s" x="%s" y="%s" width="%s" height="%s" fill="%s">'
			'<title>%s, tháng %s: %s %% (%s/%s hồ sơ)</title></rect>\n',
			tthc._html_escape(bar_agency[i]), labels[bar_month[i]], round(x, 1), round(top_y + plot_h - h, 1),
			round(greatest(bar_w - 2, 1), 1), round(h, 1), palette[1 + (j - 1) % cardinality(palette)],
			tthc._html_escape(names[j]), labels[bar_month[i]],
			replace(to_char(100 * bar_rate[i], 'FM9990.0'), '.', ','), bar_good[i], bar_received[i]);
	END LOOP;
	svg := svg || format(E'<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>\n',
		left_x, top_y + plot_h, left_x + months * group_w, top_y + plot_h);
	-- the legend
	FOR j IN 1 .. cardinality(agencies) LOOP
		svg := svg || format(E'<rect class="chu-giai" x="%s" y="%s" width="12" height="12" fill="%s"/>'
			'<text x="%s" y="%s">%s</text>\n',
			left_x, top_y + plot_h + 30 + (j - 1) * 18, palette[1 + (j - 1) % cardinality(palette)],
			left_x + 18, top_y + plot_h + 40 + (j - 1) * 18, tthc._html_escape(names[j]));
	END LOOP;
	svg := svg || E'</svg>\n';
	html := html || E'<section id="theo-thang">\n<h2>2. Tỉ lệ giải quyết đúng hạn theo tháng và cơ quan</h2>\n'
		|| svg
		|| E'<p class="note">Mỗi cột: hồ sơ giải quyết sớm và đúng hạn trong tháng trên hồ sơ tiếp nhận trong tháng '
		   '(Điều 30 Nghị định 61/2018/NĐ-CP); không có cột khi cơ quan không tiếp nhận hồ sơ nào trong tháng.</p>\n</section>\n';

	-- 3. the backlog at the end of the period: open then (received before the end, not yet ready,
	-- withdrawn, stopped or refused), by working days since receipt, and its legal due judged as the
	-- sweep judges it then (a limit waiting to restart is in time)
	SELECT array_agg(k.bucket), array_agg(k.state) INTO backlog_bucket, backlog_state
	FROM (SELECT CASE WHEN a.age <= 5 THEN 1 WHEN a.age <= 10 THEN 2 WHEN a.age <= 20 THEN 3
					  WHEN a.age <= 40 THEN 4 ELSE 5 END AS bucket,
				 CASE WHEN d.legal_due_at IS NULL THEN 'on_time'
					  ELSE tthc._due_state(d.legal_due_at, d.calendar, a.t1, tthc.due_soon_lead()) END AS state
		  FROM tthc.dossier d
		  CROSS JOIN LATERAL (SELECT tthc.calendar_timezone(d.calendar) AS tz) z
		  CROSS JOIN LATERAL (SELECT (period_to + 1)::timestamp AT TIME ZONE z.tz AS t1,
			  tthc.working_days_between((d.received_at AT TIME ZONE z.tz)::date, period_to, d.calendar) AS age) a
		  LEFT JOIN LATERAL (SELECT e.at FROM tthc.dossier_event e
							 WHERE e.dossier = d.id AND e.at >= d.submitted_at AND e.to_status IN (3, 7, 8)
							 ORDER BY e.seq LIMIT 1) c ON d.finished_at IS NULL
		  WHERE d.received_at < a.t1 AND (coalesce(d.finished_at, c.at) IS NULL OR coalesce(d.finished_at, c.at) >= a.t1)) k;
	SELECT coalesce(max(k.total), 0) INTO most
	FROM (SELECT count(*) AS total FROM unnest(backlog_bucket) v GROUP BY v) k;
	svg := E'<svg id="bieu-do-ton-dong" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bieu-do-ton-dong-tieu-de" '
		'viewBox="0 0 720 230" width="720" height="230">\n'
		'<title id="bieu-do-ton-dong-tieu-de">Hồ sơ đang giải quyết cuối kỳ theo số ngày làm việc kể từ khi tiếp nhận</title>\n';
	FOR b IN SELECT g.n AS bucket,
				count(k.state) FILTER (WHERE k.state = 'on_time') AS on_time,
				count(k.state) FILTER (WHERE k.state = 'due_soon') AS due_soon,
				count(k.state) FILTER (WHERE k.state = 'late') AS late
			 FROM generate_series(1, 5) g(n)
			 LEFT JOIN unnest(backlog_bucket, backlog_state) k(bucket, state) ON k.bucket = g.n
			 GROUP BY g.n ORDER BY g.n LOOP
		svg := svg || format(E'<text x="150" y="%s" text-anchor="end">%s ngày làm việc</text>\n',
			20 + (b.bucket - 1) * 32 + 15, buckets[b.bucket]);
		x := 160;
		FOR r IN SELECT * FROM (VALUES (1, 'on_time', 'trong hạn', '#2e7d32', b.on_time),
				(2, 'due_soon', 'sắp trễ', '#f9a825', b.due_soon), (3, 'late', 'trễ hạn', '#c62828', b.late)) v(o, state, label, colour, total)
				 ORDER BY v.o LOOP
			w := CASE WHEN most = 0 THEN 0 ELSE 480.0 * r.total / most END;
			svg := svg || format(E'<rect class="ton-dong" data-bucket="%s" data-state="%s" x="%s" y="%s" width="%s" height="22" fill="%s">'
				'<title>%s ngày làm việc, %s: %s hồ sơ</title></rect>\n',
				b.bucket, r.state, round(x, 1), 20 + (b.bucket - 1) * 32, round(w, 1), r.colour,
				buckets[b.bucket], r.label, r.total);
			x := x + w;
		END LOOP;
		svg := svg || format(E'<text x="%s" y="%s">%s</text>\n', round(x + 6, 1), 20 + (b.bucket - 1) * 32 + 15,
			b.on_time + b.due_soon + b.late);
	END LOOP;
	svg := svg || E'<rect x="160" y="190" width="12" height="12" fill="#2e7d32"/><text x="178" y="200">Trong hạn</text>\n'
		|| E'<rect x="260" y="190" width="12" height="12" fill="#f9a825"/><text x="278" y="200">Sắp trễ</text>\n'
		|| E'<rect x="360" y="190" width="12" height="12" fill="#c62828"/><text x="378" y="200">Trễ hạn</text>\n</svg>\n';
	html := html || E'<section id="ton-dong">\n<h2>3. Hồ sơ đang giải quyết cuối kỳ theo thời gian tồn đọng</h2>\n'
		|| svg
		|| E'<p class="note">Hồ sơ đã tiếp nhận, chưa có kết quả, chưa rút, dừng hay từ chối vào cuối ngày cuối '
		   'kỳ, theo số ngày làm việc kể từ ngày tiếp nhận; trễ hạn khi đã quá thời hạn pháp định, sắp trễ khi sắp '
		   'hết hạn xin lỗi và hẹn lại (khoản 9 Điều 19 Nghị định 61/2018/NĐ-CP).</p>\n</section>\n'
		|| format(E'<footer><p class="note">Lập bởi tthc %s.</p></footer>\n</body>\n</html>\n', tthc.version());
	RETURN html;
END
$$;
COMMENT ON FUNCTION tthc.report_html(date, date) IS
	'the analysts'' report over a period as one self-contained HTML page (UTF-8, Vietnamese headings, inline SVG charts, no script): the table by agency, the on-time rate by month and agency, and the backlog at the end by age and lateness';
