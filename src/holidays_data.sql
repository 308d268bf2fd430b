-- holidays_data.sql: the official civil-service schedules of 2019-2026, as published by the
-- yearly notices (domain sources: e.g. 6150/TB-BLĐTBXH for 2025; 9441/TB-BNV and 12729/VPCP-KGVX
-- for 2026) and reported by state press.  Holidays on a weekend are listed too, so that their
-- compensatory days have a reason; within Tết, which days count as the five holidays and which as
-- compensatory follows the statutory derivation (Labour Code Art. 111(3)/115(3)), except in 2019,
-- whose notice named the five days of Tết itself: Monday 4 to Friday 8 February (30th of the last
-- lunar month to the 4th of the first).

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2019, 'Thông báo lịch nghỉ Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4-1/5 và Quốc khánh năm 2019 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2019 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2019, '2018-12-31', 'swapped_off', 'Nghỉ hoán đổi (Tết Dương lịch), làm bù thứ Bảy 05/01/2019', 'Swapped day off (New Year''s Day), worked on Saturday 2019-01-05'),
	(2019, '2019-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2019, '2019-01-05', 'working_saturday', 'Làm việc bù cho ngày nghỉ 31/12/2018', 'Working Saturday in exchange for 2018-12-31'),
	(2019, '2019-02-04', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-05', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-06', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-07', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-02-08', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2019, '2019-04-14', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2019, '2019-04-15', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day for Hùng Kings'' Commemoration Day'),
	(2019, '2019-04-29', 'swapped_off', 'Nghỉ hoán đổi (Ngày Chiến thắng), làm bù thứ Bảy 04/05/2019', 'Swapped day off (Reunification Day), worked on Saturday 2019-05-04'),
	(2019, '2019-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2019, '2019-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2019, '2019-05-04', 'working_saturday', 'Làm việc bù cho ngày nghỉ 29/04/2019', 'Working Saturday in exchange for 2019-04-29'),
	(2019, '2019-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2020, 'Thông báo lịch nghỉ lễ, Tết năm 2020 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2020 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2020, '2020-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2020, '2020-01-23', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-24', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-25', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-26', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-27', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2020, '2020-01-28', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2020, '2020-01-29', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2020, '2020-04-02', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2020, '2020-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2020, '2020-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2020, '2020-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2021, 'Thông báo lịch nghỉ lễ, Tết năm 2021 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2021 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2021, '2021-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2021, '2021-02-10', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-11', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-12', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-13', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-14', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2021, '2021-02-15', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2021, '2021-02-16', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2021, '2021-04-21', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2021, '2021-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2021, '2021-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2021, '2021-05-03', 'compensatory', 'Nghỉ bù Ngày Quốc tế lao động', 'Compensatory day for International Labour Day'),
	(2021, '2021-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2021, '2021-09-03', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2022, 'Thông báo lịch nghỉ lễ, Tết năm 2022 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2022 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2022, '2022-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2022, '2022-01-03', 'compensatory', 'Nghỉ bù Tết Dương lịch', 'Compensatory day for New Year''s Day'),
	(2022, '2022-01-30', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-01-31', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-02-01', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-02-02', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-02-03', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2022, '2022-02-04', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2022, '2022-04-10', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2022, '2022-04-11', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day for Hùng Kings'' Commemoration Day'),
	(2022, '2022-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2022, '2022-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2022, '2022-05-02', 'compensatory', 'Nghỉ bù Ngày Chiến thắng', 'Compensatory day for Reunification Day'),
	(2022, '2022-05-03', 'compensatory', 'Nghỉ bù Ngày Quốc tế lao động', 'Compensatory day for International Labour Day'),
	(2022, '2022-09-01', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2022, '2022-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2023, 'Thông báo lịch nghỉ lễ, Tết năm 2023 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2023 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2023, '2023-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2023, '2023-01-02', 'compensatory', 'Nghỉ bù Tết Dương lịch', 'Compensatory day for New Year''s Day'),
	(2023, '2023-01-20', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-21', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-22', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-23', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-24', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2023, '2023-01-25', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2023, '2023-01-26', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2023, '2023-04-29', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2023, '2023-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2023, '2023-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2023, '2023-05-02', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day for Hùng Kings'' Commemoration Day'),
	(2023, '2023-05-03', 'compensatory', 'Nghỉ bù Ngày Chiến thắng', 'Compensatory day for Reunification Day'),
	(2023, '2023-09-01', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2023, '2023-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2023, '2023-09-04', 'compensatory', 'Nghỉ bù Quốc khánh', 'Compensatory day for National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2024, 'Thông báo lịch nghỉ lễ, Tết năm 2024 của Bộ Lao động - Thương binh và Xã hội (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2024 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2024, '2024-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2024, '2024-02-08', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-09', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-10', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-11', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-12', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2024, '2024-02-13', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2024, '2024-02-14', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2024, '2024-04-18', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2024, '2024-04-29', 'swapped_off', 'Nghỉ hoán đổi (Ngày Chiến thắng), làm bù thứ Bảy 04/05/2024', 'Swapped day off (Reunification Day), worked on Saturday 2024-05-04'),
	(2024, '2024-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2024, '2024-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2024, '2024-05-04', 'working_saturday', 'Làm việc bù cho ngày nghỉ 29/04/2024', 'Working Saturday in exchange for 2024-04-29'),
	(2024, '2024-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2024, '2024-09-03', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2025, 'Thông báo 6150/TB-BLĐTBXH về lịch nghỉ lễ, Tết năm 2025 (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2025 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2025, '2025-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2025, '2025-01-27', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-01-28', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-01-29', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-01-30', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-01-31', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2025, '2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2025, '2025-04-26', 'working_saturday', 'Làm việc bù cho ngày nghỉ 02/05/2025', 'Working Saturday in exchange for 2025-05-02'),
	(2025, '2025-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2025, '2025-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2025, '2025-05-02', 'swapped_off', 'Nghỉ hoán đổi (Ngày Quốc tế lao động), làm bù thứ Bảy 26/04/2025', 'Swapped day off (International Labour Day), worked on Saturday 2025-04-26'),
	(2025, '2025-09-01', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2025, '2025-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');

INSERT INTO tthc.holiday_notice (year, source, title) VALUES (2026, 'Thông báo 9441/TB-BNV và Công văn 12729/VPCP-KGVX về lịch nghỉ lễ, Tết năm 2026 (theo báo chí nhà nước)', 'Lịch nghỉ lễ, Tết năm 2026 của cán bộ, công chức, viên chức');
INSERT INTO tthc.holiday_notice_day (year, day, kind, name_vi, name_en) VALUES
	(2026, '2026-01-01', 'holiday', 'Tết Dương lịch', 'New Year''s Day'),
	(2026, '2026-01-02', 'swapped_off', 'Nghỉ hoán đổi (Tết Dương lịch), làm bù thứ Bảy 10/01/2026', 'Swapped day off (New Year''s Day), worked on Saturday 2026-01-10'),
	(2026, '2026-01-10', 'working_saturday', 'Làm việc bù cho ngày nghỉ 02/01/2026', 'Working Saturday in exchange for 2026-01-02'),
	(2026, '2026-02-15', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-16', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-17', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-18', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-19', 'holiday', 'Tết Nguyên đán', 'Lunar New Year (Tết)'),
	(2026, '2026-02-20', 'compensatory', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day for Lunar New Year'),
	(2026, '2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Hùng Kings'' Commemoration Day'),
	(2026, '2026-04-27', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day for Hùng Kings'' Commemoration Day'),
	(2026, '2026-04-30', 'holiday', 'Ngày Chiến thắng (30/4)', 'Reunification Day'),
	(2026, '2026-05-01', 'holiday', 'Ngày Quốc tế lao động (1/5)', 'International Labour Day'),
	(2026, '2026-08-22', 'working_saturday', 'Làm việc bù cho ngày nghỉ 31/08/2026', 'Working Saturday in exchange for 2026-08-31'),
	(2026, '2026-08-31', 'swapped_off', 'Nghỉ hoán đổi (Quốc khánh), làm bù thứ Bảy 22/08/2026', 'Swapped day off (National Day), worked on Saturday 2026-08-22'),
	(2026, '2026-09-01', 'holiday', 'Quốc khánh (2/9)', 'National Day'),
	(2026, '2026-09-02', 'holiday', 'Quốc khánh (2/9)', 'National Day');
