/*
 * lunar_test.c: unit test of the lunar calendar core (src/lunar.c), without PostgreSQL.
 *
 * Known dates come from published Vietnamese calendars; the whole range is checked for internal
 * consistency (round trips both ways, each day follows the one before, month and year lengths).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "lunar.h"

static int	checks = 0;
static int	failures = 0;

#define CHECK(cond, ...) \
	do { \
		checks++; \
		if (!(cond)) \
		{ \
			failures++; \
			fprintf(stderr, "lunar_test.c:%d: ", __LINE__); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
		} \
	} while (0)

static int
solar(int y, int m, int d)
{
	return lunar_jdn(y, m, d);
}

/* solar date of a lunar date, or -1 */
static int
from_lunar(int y, int m, int d, bool leap)
{
	LunarDate	ld = {y, m, d, leap};
	int			jdn = -1;

	if (lunar_to_solar(&ld, &jdn) != LUNAR_OK)
		return -1;
	return jdn;
}

static void
check_known_dates(void)
{
	/* Tết (1/1) and Hùng Kings' day (10/3), 2019-2026 */
	static const int tet[][3] = {
		{2019, 2, 5}, {2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1},
		{2023, 1, 22}, {2024, 2, 10}, {2025, 1, 29}, {2026, 2, 17},
	};
	static const int hung[][3] = {
		{2019, 4, 14}, {2020, 4, 2}, {2021, 4, 21}, {2022, 4, 10},
		{2023, 4, 29}, {2024, 4, 18}, {2025, 4, 7}, {2026, 4, 26},
	};
	/* years where Vietnam's Tết differs from China's: VN date, CN date */
	static const int vn_cn[][5] = {
		{1985, 1, 21, 2, 20}, {2007, 2, 17, 2, 18}, {2030, 2, 2, 2, 3}, {2053, 2, 18, 2, 19},
	};
	static const int leaps[][2] = {
		{2017, 6}, {2020, 4}, {2023, 2}, {2025, 6}, {2028, 5},
		{2019, 0}, {2021, 0}, {2022, 0}, {2024, 0}, {2026, 0},
		/* lunation numbers turn negative before 2000-01-06: 1999 must not get a leap month */
		{1999, 0}, {2000, 0}, {2001, 4},
		/* the leap month 11 of 2033, which Vietnam shares with China */
		{2033, 11},
	};
	int			i;

	for (i = 0; i < 8; i++)
	{
		int			j = solar(tet[i][0], tet[i][1], tet[i][2]);
		LunarDate	ld;

		CHECK(from_lunar(tet[i][0], 1, 1, false) == j, "Tết %d", tet[i][0]);
		CHECK(lunar_from_solar(j, &ld) == LUNAR_OK && ld.year == tet[i][0] && ld.month == 1
			  && ld.day == 1 && !ld.is_leap, "to_lunar of Tết %d", tet[i][0]);

		j = solar(hung[i][0], hung[i][1], hung[i][2]);
		CHECK(from_lunar(hung[i][0], 3, 10, false) == j, "Hùng Kings' day %d", hung[i][0]);
		CHECK(lunar_from_solar(j, &ld) == LUNAR_OK && ld.year == hung[i][0] && ld.month == 3
			  && ld.day == 10 && !ld.is_leap, "to_lunar of Hùng Kings' day %d", hung[i][0]);
	}

	for (i = 0; i < 4; i++)
	{
		int			y = vn_cn[i][0];
		int			cn_jdn,
					cn_leap;

		CHECK(from_lunar(y, 1, 1, false) == solar(y, vn_cn[i][1], vn_cn[i][2]), "VN Tết %d", y);
		CHECK(lunar_year_at(y, 8 * 60, &cn_jdn, &cn_leap)
			  && cn_jdn == solar(y, vn_cn[i][3], vn_cn[i][4]), "UTC+8 Tết %d", y);
	}

	/* 1968: the North moved to UTC+7 and had Tết a day before the South, still on UTC+8 */
	{
		int			j,
					l;

		CHECK(from_lunar(1968, 1, 1, false) == solar(1968, 1, 29), "Tết Mậu Thân, UTC+7");
		CHECK(lunar_year_at(1968, 8 * 60, &j, &l) && j == solar(1968, 1, 30), "Tết Mậu Thân, UTC+8");
	}

	for (i = 0; i < (int) (sizeof(leaps) / sizeof(leaps[0])); i++)
		CHECK(lunar_leap_month(leaps[i][0]) == leaps[i][1], "leap month of %d is %d, not %d",
			  leaps[i][0], lunar_leap_month(leaps[i][0]), leaps[i][1]);

	/* leap month 4 of 2020: 2020-05-23 to 2020-06-20 */
	CHECK(from_lunar(2020, 4, 1, true) == solar(2020, 5, 23), "leap 4/2020 starts");
	CHECK(lunar_month_days(2020, 4, true) == 29, "leap 4/2020 has 29 days");
	CHECK(from_lunar(2020, 5, 1, false) == solar(2020, 6, 21), "5/2020 starts");
	CHECK(from_lunar(2033, 11, 1, true) == solar(2033, 12, 22), "leap 11/2033 starts");
	CHECK(lunar_month_days(2024, 12, false) == 29, "12/2024 has 29 days");
}

static void
check_gregorian(void)
{
	int			j,
				y,
				m,
				d;
	int			py,
				pm,
				pd;

	CHECK(lunar_jdn(2000, 1, 1) == 2451545, "2000-01-01 is JDN 2451545 (PostgreSQL's epoch)");
	CHECK(lunar_jdn(1970, 1, 1) == 2440588, "1970-01-01");
	CHECK(lunar_jdn(-4713, 11, 24) == 0, "JDN 0 is 4714-11-24 BC");
	CHECK(lunar_jdn(1582, 10, 15) == 2299161, "first Gregorian day");
	CHECK(lunar_jdn(2023, 13, 1) == lunar_jdn(2024, 1, 1), "month 13 is next January");
	CHECK(lunar_jdn(2024, 0, 1) == lunar_jdn(2023, 12, 1), "month 0 is last December");
	CHECK(lunar_jdn(2024, -23, 1) == lunar_jdn(2022, 1, 1), "negative months");
	CHECK(lunar_jdn(2024, 3, 0) == lunar_jdn(2024, 2, 29), "day 0 is the day before");
	CHECK(lunar_jdn(2100, 3, 0) == lunar_jdn(2100, 2, 28), "2100 is not a leap year");
	CHECK(lunar_jdn(INT_MAX, INT_MAX, INT_MAX) == INT_MAX, "saturates high");
	CHECK(lunar_jdn(INT_MIN, INT_MIN, INT_MIN) == INT_MIN, "saturates low");

	lunar_gregorian(INT_MIN, &y, &m, &d);
	CHECK(m >= 1 && m <= 12 && d >= 1 && d <= 31, "INT_MIN converts");
	lunar_gregorian(INT_MAX, &y, &m, &d);
	CHECK(m >= 1 && m <= 12 && d >= 1 && d <= 31, "INT_MAX converts");

	/* every day from 4800 BC to 5000 AD: round trip, and each date follows the one before */
	lunar_gregorian(-400000, &py, &pm, &pd);
	for (j = -399999; j < 3600000; j++)
	{
		int			leap;
		int			mdays;
		bool		ok;

		lunar_gregorian(j, &y, &m, &d);
		leap = (py % 4 == 0 && py % 100 != 0) || py % 400 == 0;
		mdays = pm == 2 ? 28 + leap : (pm == 4 || pm == 6 || pm == 9 || pm == 11) ? 30 : 31;
		if (pd < mdays)
			ok = (y == py && m == pm && d == pd + 1);
		else if (pm < 12)
			ok = (y == py && m == pm + 1 && d == 1);
		else
			ok = (y == py + 1 && m == 1 && d == 1);
		if (!ok || lunar_jdn(y, m, d) != j)
		{
			CHECK(false, "Gregorian day %d: %d-%d-%d after %d-%d-%d", j, y, m, d, py, pm, pd);
			break;
		}
		py = y;
		pm = m;
		pd = d;
	}
	CHECK(j == 3600000, "Gregorian days checked");
}

static void
check_range_and_errors(void)
{
	LunarDate	ld;
	LunarDate	in;
	int			j = 12345;

	CHECK(lunar_min_jdn() == solar(1900, 1, 31), "first supported day 1900-01-31");
	CHECK(lunar_max_jdn() == solar(2200, 2, 14), "last supported day 2200-02-14");
	CHECK(lunar_from_solar(lunar_min_jdn() - 1, &ld) == LUNAR_OUT_OF_RANGE, "day before range");
	CHECK(lunar_from_solar(lunar_max_jdn() + 1, &ld) == LUNAR_OUT_OF_RANGE, "day after range");
	CHECK(lunar_from_solar(INT_MIN, &ld) == LUNAR_OUT_OF_RANGE, "INT_MIN");
	CHECK(lunar_from_solar(INT_MAX, &ld) == LUNAR_OUT_OF_RANGE, "INT_MAX");
	CHECK(lunar_from_solar(lunar_max_jdn(), &ld) == LUNAR_OK && ld.year == 2199 && ld.month == 12
		  && ld.day == 30, "last day is 30/12/2199");

	in = (LunarDate) {1899, 12, 1, false};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_OUT_OF_RANGE && j == 12345, "year 1899, output untouched");
	in = (LunarDate) {2200, 1, 1, false};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_OUT_OF_RANGE, "year 2200");
	in = (LunarDate) {INT_MIN, 13, 0, true};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_OUT_OF_RANGE, "the year is checked first");
	in = (LunarDate) {2024, 0, 1, false};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_BAD_MONTH, "month 0");
	in = (LunarDate) {2024, 13, 1, false};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_BAD_MONTH, "month 13");
	in = (LunarDate) {2024, 13, 40, true};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_BAD_MONTH, "the month is checked before the day");
	in = (LunarDate) {2024, 4, 1, true};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_NO_SUCH_LEAP_MONTH, "2024 has no leap month");
	in = (LunarDate) {2023, 3, 1, true};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_NO_SUCH_LEAP_MONTH, "2023's leap month is 2, not 3");
	in = (LunarDate) {2024, 1, 0, false};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_BAD_DAY, "day 0");
	in = (LunarDate) {2024, 1, 31, false};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_BAD_DAY, "day 31");
	in = (LunarDate) {2024, 12, 30, false};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_BAD_DAY, "day 30 of a 29-day month");
	in = (LunarDate) {2020, 4, 30, true};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_BAD_DAY, "day 30 of a 29-day leap month");
	in = (LunarDate) {2024, 1, INT_MIN, false};
	CHECK(lunar_to_solar(&in, &j) == LUNAR_BAD_DAY, "day INT_MIN");

	CHECK(lunar_leap_month(1899) == 0 && lunar_leap_month(2200) == 0, "leap month out of range");
	CHECK(lunar_month_days(1899, 1, false) == 0, "month days out of range");
	CHECK(lunar_month_days(2024, 13, false) == 0, "month days, month 13");
	CHECK(lunar_month_days(2024, 4, true) == 0, "month days, missing leap month");
	CHECK(lunar_status_text(LUNAR_BAD_DAY) != NULL && lunar_status_text((LunarStatus) 99) != NULL,
		  "status text");
	CHECK(!lunar_year_at(1899, 420, &j, &j) && !lunar_year_at(2000, 15 * 60, &j, &j),
		  "lunar_year_at range");
}

static void
check_whole_range(void)
{
	LunarDate	prev = {0, 0, 0, false};
	int			j;
	int			y;
	int			bad = 0;
	int			months = 0;
	int			leap_years = 0;

	/* solar -> lunar -> solar, and each lunar day follows the one before */
	for (j = lunar_min_jdn(); j <= lunar_max_jdn(); j++)
	{
		LunarDate	ld;
		int			back = -1;
		bool		follows;

		if (lunar_from_solar(j, &ld) != LUNAR_OK || lunar_to_solar(&ld, &back) != LUNAR_OK
			|| back != j)
		{
			bad++;
			continue;
		}
		if (j == lunar_min_jdn())
			follows = (ld.year == LUNAR_MIN_YEAR && ld.month == 1 && ld.day == 1 && !ld.is_leap);
		else if (ld.day > 1)
			follows = (ld.year == prev.year && ld.month == prev.month
					   && ld.is_leap == prev.is_leap && ld.day == prev.day + 1);
		else
		{
			months++;
			if (prev.day != 29 && prev.day != 30)
				follows = false;
			else if (ld.is_leap)
				follows = (ld.year == prev.year && ld.month == prev.month && !prev.is_leap);
			else if (ld.month == 1)
				follows = (ld.year == prev.year + 1 && prev.month == 12);
			else
				follows = (ld.year == prev.year && ld.month == prev.month + 1);
		}
		if (!follows)
			bad++;
		prev = ld;
	}
	CHECK(bad == 0, "%d days fail the round trip or the succession", bad);
	CHECK(months + 1 == 300 * 12 + 111, "%d months in the range", months + 1);

	/* lunar -> solar -> lunar for every lunar date, with the per-year tables agreeing */
	for (y = LUNAR_MIN_YEAR; y <= LUNAR_MAX_YEAR; y++)
	{
		int			leap = lunar_leap_month(y);
		int			days = 0;
		int			m;
		int			first,
					first_at,
					leap_at;

		leap_years += (leap != 0);
		for (m = 1; m <= 12; m++)
		{
			int			pass;

			for (pass = 0; pass < 2; pass++)
			{
				bool		is_leap = (pass == 1);
				int			len = lunar_month_days(y, m, is_leap);
				int			d;

				if (is_leap && m != leap)
				{
					CHECK(len == 0 && from_lunar(y, m, 1, true) == -1, "no leap %d/%d", m, y);
					continue;
				}
				CHECK(len == 29 || len == 30, "month %d%s/%d has %d days", m, is_leap ? "L" : "", y, len);
				for (d = 1; d <= 31; d++)
				{
					LunarDate	ld;
					int			s = from_lunar(y, m, d, is_leap);

					if (d > len)
					{
						if (s != -1)
							bad++;
						continue;
					}
					if (s == -1 || lunar_from_solar(s, &ld) != LUNAR_OK || ld.year != y
						|| ld.month != m || ld.day != d || ld.is_leap != is_leap)
						bad++;
					days++;
				}
			}
		}
		first = from_lunar(y, 1, 1, false);
		CHECK(days == (y < LUNAR_MAX_YEAR ? from_lunar(y + 1, 1, 1, false) : lunar_max_jdn() + 1) - first,
			  "days of lunar year %d", y);
		CHECK(days == 353 || days == 354 || days == 355 || days == 383 || days == 384 || days == 385,
			  "lunar year %d has %d days", y, days);
		CHECK((leap != 0) == (days > 355), "lunar year %d: leap month and length agree", y);
		/* Tết falls between 21 January and 20 February */
		CHECK(first >= solar(y, 1, 21) && first <= solar(y, 2, 20), "Tết %d in its window", y);
		/* the uncached reckoning gives the same year */
		CHECK(lunar_year_at(y, LUNAR_UTC_OFFSET_MINUTES, &first_at, &leap_at)
			  && first_at == first && leap_at == leap, "uncached year %d", y);
	}
	CHECK(bad == 0, "%d lunar dates fail lunar -> solar -> lunar", bad);
	CHECK(leap_years == 111, "%d leap years", leap_years);
}

int
main(void)
{
	check_known_dates();
	check_gregorian();
	check_range_and_errors();
	check_whole_range();
	if (failures > 0)
	{
		printf("lunar: %d of %d checks failed\n", failures, checks);
		return 1;
	}
	printf("lunar: %d checks passed\n", checks);
	return 0;
}
