-- Section 2: the lunar (âm lịch) dates behind the holidays, Vietnamese reckoning at UTC+7.

\echo
\echo '== 2. Lunar dates of the 2026 holidays (tthc.to_lunar, UTC+7) =='
\echo
SELECT h.day, h.name_en AS holiday,
	format('%s/%s%s', l.day, l.month, CASE WHEN l.is_leap THEN ' (leap)' ELSE '' END) AS "lunar day/month",
	l.year AS "lunar year"
FROM tthc.holidays(2026) AS h, tthc.to_lunar(h.day) AS l
WHERE h.kind = 'holiday'
ORDER BY h.day;

\echo 'Tết (1/1) and Hùng Kings'' day (10/3) of the coming years (tthc.from_lunar):'
SELECT y AS "lunar year", tthc.from_lunar(y, 1, 1) AS "Tết 1/1",
	to_char(tthc.from_lunar(y, 1, 1), 'Dy') AS " ",
	tthc.from_lunar(y, 3, 10) AS "Giỗ Tổ 10/3",
	to_char(tthc.from_lunar(y, 3, 10), 'Dy') AS "  "
FROM generate_series(2026, 2031) AS y;
