-- The generator's province: a catalogue of :agencies agencies and :procedures procedures, with the
-- time limits, counting, cut-offs, supplement policies and steps of the kind a provincial list of
-- procedures publishes.  The figures are illustrative (they drive a load test), not the legal
-- catalogue: a deployment loads its province's published list instead.  Idempotent; the
-- generator's own tables live in the schema tthc_gen, outside the extension.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS tthc_gen;

-- The kinds of agency of a province after the 2025 reorganisation: departments (Sở) and the
-- provincial police under the People's Committee, and communes (UBND xã).  weight: the share of
-- one agency of the kind in the province's dossiers; sector: the sector of its procedures.
CREATE TABLE IF NOT EXISTS tthc_gen.agency_kind (kind text PRIMARY KEY, name text NOT NULL, weight numeric NOT NULL, sector text NOT NULL);
INSERT INTO tthc_gen.agency_kind VALUES
	('tu_phap', 'Sở Tư pháp', 6, 'H31-TP01'), ('tai_chinh', 'Sở Tài chính', 10, 'H31-TC01'), ('xay_dung', 'Sở Xây dựng', 4, 'H31-XD01'),
	('nong_nghiep', 'Sở Nông nghiệp và Môi trường', 8, 'H31-NN01'), ('y_te', 'Sở Y tế', 2, 'H31-YT01'),
	('giao_duc', 'Sở Giáo dục và Đào tạo', 2, 'H31-GD01'), ('cong_thuong', 'Sở Công Thương', 2, 'H31-CT01'),
	('noi_vu', 'Sở Nội vụ', 4, 'H31-NV01'), ('van_hoa', 'Sở Văn hóa, Thể thao và Du lịch', 1, 'H31-VH01'),
	('cong_an', 'Công an tỉnh', 8, 'H31-CA01'), ('xa', 'Ủy ban nhân dân xã', 3, 'H31-UB01')
ON CONFLICT DO NOTHING;

-- Procedure templates: the kind of agency that receives it, the time limit, counting, cut-off,
-- supplement policy, online level, share of the kind's dossiers, and steps (name|unit|budget,
-- the budgets in the unit of the limit).
CREATE TABLE IF NOT EXISTS tthc_gen.template (
	t int PRIMARY KEY, kind text NOT NULL, name text NOT NULL, term tthc.term NOT NULL,
	counting tthc.counting NOT NULL DEFAULT 'civil_code', cutoff time, policy tthc.supplement_policy NOT NULL DEFAULT 'restart',
	online tthc.online_level NOT NULL DEFAULT 'partial', weight numeric NOT NULL, steps text[] NOT NULL DEFAULT '{}', fee numeric NOT NULL DEFAULT 0);
INSERT INTO tthc_gen.template VALUES
	(1, 'tu_phap', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', '10 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 8,
		'{"Tra cứu, xác minh|Sở Tư pháp|6 ngày làm việc","Cung cấp thông tin|Công an tỉnh|3 ngày làm việc","Ký, trả kết quả|Sở Tư pháp|1 ngày làm việc"}', 200000),
	(2, 'tu_phap', 'Cấp chứng chỉ hành nghề công chứng', '15 ngày', 'civil_code', NULL, 'restart', 'partial', 1, '{}', 0),
	(3, 'tai_chinh', 'Đăng ký thành lập doanh nghiệp tư nhân', '3 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 4, '{}', 50000),
	(4, 'tai_chinh', 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp', '3 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 8, '{}', 50000),
	(5, 'tai_chinh', 'Thẩm định dự án đầu tư công', '20 ngày', 'civil_code', NULL, 'pause', 'none', 1,
		'{"Thẩm định|Phòng Đầu tư|15 ngày","Trình phê duyệt|Lãnh đạo Sở|5 ngày"}', 0),
	(6, 'xay_dung', 'Cấp giấy phép xây dựng công trình', '20 ngày', 'civil_code', NULL, 'pause', 'partial', 3,
		'{"Thẩm định hồ sơ|Phòng Quản lý xây dựng|15 ngày","Phê duyệt|Lãnh đạo Sở|5 ngày"}', 150000),
	(7, 'xay_dung', 'Cấp chứng chỉ hành nghề hoạt động xây dựng', '10 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 1, '{}', 300000),
	(8, 'nong_nghiep', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', '10 ngày làm việc', 'civil_code', NULL, 'pause', 'partial', 8,
		'{"Kiểm tra hồ sơ|Văn phòng đăng ký đất đai|4 ngày làm việc","Xác định nghĩa vụ tài chính|Thuế tỉnh|3 ngày làm việc","Cập nhật, trả kết quả|Văn phòng đăng ký đất đai|3 ngày làm việc"}', 0),
	(9, 'nong_nghiep', 'Cấp giấy phép môi trường', '30 ngày', 'civil_code', NULL, 'pause', 'none', 1, '{}', 0),
	(10, 'y_te', 'Cấp chứng chỉ hành nghề dược', '20 ngày', 'civil_code', NULL, 'restart', 'partial', 1, '{}', 500000),
	(11, 'y_te', 'Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm', '20 ngày làm việc', 'civil_code', NULL, 'restart', 'partial', 1, '{}', 500000),
	(12, 'giao_duc', 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', 'trong ngày', 'civil_code', '15:00', 'restart', 'full', 2, '{}', 0),
	(13, 'cong_thuong', 'Cấp giấy phép bán lẻ sản phẩm rượu', '10 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 1, '{}', 1200000),
	(14, 'noi_vu', 'Giải quyết hưởng trợ cấp thất nghiệp', '20 ngày làm việc', 'civil_code', NULL, 'restart', 'partial', 4, '{}', 0),
	(15, 'van_hoa', 'Cấp giấy phép tổ chức biểu diễn nghệ thuật', '5 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 1, '{}', 0),
	(16, 'cong_an', 'Cấp đổi giấy phép lái xe', '5 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 6, '{}', 135000),
	(17, 'cong_an', 'Đăng ký, cấp biển số xe lần đầu', '16 giờ làm việc', 'working_time', NULL, 'restart', 'full', 4, '{}', 0),
	(18, 'xa', 'Đăng ký khai sinh', 'trong ngày', 'civil_code', '15:00', 'restart', 'full', 12, '{}', 0),
	(19, 'xa', 'Đăng ký kết hôn', 'trong ngày', 'civil_code', '15:00', 'restart', 'partial', 4, '{}', 0),
	(20, 'xa', 'Đăng ký khai tử', 'trong ngày', 'civil_code', '15:00', 'restart', 'full', 3, '{}', 0),
	(21, 'xa', 'Chứng thực bản sao từ bản chính', 'trong ngày', 'civil_code', '15:00', 'restart', 'partial', 25, '{}', 2000),
	(22, 'xa', 'Chứng thực chữ ký trong giấy tờ, văn bản', 'trong ngày', 'civil_code', '15:00', 'restart', 'partial', 8, '{}', 10000),
	(23, 'xa', 'Xác nhận tình trạng hôn nhân', '3 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 5, '{}', 0),
	(24, 'xa', 'Đăng ký thành lập hộ kinh doanh', '3 ngày làm việc', 'civil_code', NULL, 'restart', 'full', 4, '{}', 100000),
	(25, 'xa', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', '15 ngày', 'civil_code', NULL, 'pause', 'partial', 2,
		'{"Thẩm định, kiểm tra thực địa|Phòng Kinh tế|10 ngày","Phê duyệt|Chủ tịch UBND xã|5 ngày"}', 75000),
	(26, 'xa', 'Chứng thực hợp đồng, giao dịch liên quan đến bất động sản', '2 ngày làm việc', 'civil_code', NULL, 'restart', 'partial', 3, '{}', 50000)
ON CONFLICT DO NOTHING;

-- The province's agencies: the departments first (one of each kind), then communes.
CREATE TABLE IF NOT EXISTS tthc_gen.agency (
	idx int PRIMARY KEY, code text NOT NULL UNIQUE, kind text NOT NULL, weight numeric NOT NULL);
INSERT INTO tthc_gen.agency
SELECT i, CASE WHEN k.kind <> 'xa' THEN format('000.00.%s.H31', 10 + i)
			   ELSE format('000.%s.%s.H31', lpad((1 + (i - 11) % 99)::text, 2, '0'), 60 + (i - 11) / 99) END,
	k.kind, k.weight
FROM generate_series(1, :agencies) i
JOIN LATERAL (SELECT kind, weight FROM tthc_gen.agency_kind
			  ORDER BY kind = 'xa', kind OFFSET least(i - 1, 10) LIMIT 1) k ON true
ON CONFLICT DO NOTHING;

INSERT INTO tthc.agency (code, name, short_name)
SELECT a.code, CASE WHEN a.kind = 'xa' THEN 'Ủy ban nhân dân xã số ' || (a.idx - 10) || ' tỉnh Hưng Yên'
	ELSE k.name || ' tỉnh Hưng Yên' END,
	CASE WHEN a.kind = 'xa' THEN 'UBND xã ' || (a.idx - 10) ELSE k.name END
FROM tthc_gen.agency a JOIN tthc_gen.agency_kind k USING (kind)
ON CONFLICT DO NOTHING;

-- :procedures procedures: the templates in turn (a second round gets numbered variants), each
-- in the sector of its kind.
CREATE TABLE IF NOT EXISTS tthc_gen.procedure (
	p int PRIMARY KEY, code text NOT NULL UNIQUE, t int NOT NULL REFERENCES tthc_gen.template, kind text NOT NULL, weight numeric NOT NULL);
INSERT INTO tthc_gen.procedure
SELECT p, format('1.%s', lpad((1000 + p)::text, 6, '0')), t.t, t.kind, t.weight
FROM generate_series(1, :procedures) p
JOIN tthc_gen.template t ON t.t = 1 + (p - 1) % (SELECT count(*) FROM tthc_gen.template)
ON CONFLICT DO NOTHING;

INSERT INTO tthc.sector (code, name)
SELECT sector, name FROM tthc_gen.agency_kind ON CONFLICT DO NOTHING;
INSERT INTO tthc.procedure (code, name, sector, level)
SELECT g.code, t.name || CASE WHEN g.p > (SELECT count(*) FROM tthc_gen.template) THEN ' (biến thể ' || g.p || ')' ELSE '' END,
	(SELECT sector FROM tthc_gen.agency_kind WHERE kind = g.kind), CASE WHEN g.kind = 'xa' THEN 'commune' ELSE 'province' END
FROM tthc_gen.procedure g JOIN tthc_gen.template t USING (t)
ON CONFLICT DO NOTHING;
INSERT INTO tthc.procedure_version (procedure, version, valid_from, term, counting, cutoff, supplement_policy, fee, online_level)
SELECT g.code, 1, '2015-01-01', t.term, t.counting, t.cutoff, t.policy, t.fee, t.online
FROM tthc_gen.procedure g JOIN tthc_gen.template t USING (t)
ON CONFLICT DO NOTHING;
INSERT INTO tthc.procedure_step (procedure, version, step, name, unit, budget)
SELECT g.code, 1, s.n, split_part(s.x, '|', 1), split_part(s.x, '|', 2), split_part(s.x, '|', 3)::tthc.term
FROM tthc_gen.procedure g JOIN tthc_gen.template t USING (t), unnest(t.steps) WITH ORDINALITY s (x, n)
ON CONFLICT DO NOTHING;
INSERT INTO tthc.agency_procedure (agency, procedure)
SELECT a.code, g.code FROM tthc_gen.agency a JOIN tthc_gen.procedure g USING (kind)
ON CONFLICT DO NOTHING;
