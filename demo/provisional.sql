-- Section 3: years without an official notice, whose days off come from the Labour Code's rules.

\echo
\echo '== 3. Provisional years (no official notice loaded) =='
\echo
\echo 'Official notices ship for 2019-2026; every other year of the range is provisional:'
SELECT min(y) AS from_year, max(y) AS to_year, count(*) AS years
FROM (SELECT y, y - row_number() OVER (ORDER BY y) AS island FROM tthc.provisional_years() AS y) AS p
GROUP BY island
ORDER BY 1;

\echo 'The provisional 2027 schedule, computed from the rules until its notice is loaded:'
SELECT h.day, to_char(h.day, 'Dy') AS " ", h.kind, h.name_en, h.source, h.provisional
FROM tthc.holidays(2027) AS h
ORDER BY h.day;
