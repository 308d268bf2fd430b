/*
 * lunar_fuzz.c: libFuzzer harness for the lunar calendar conversions, both directions.
 *
 * The first byte picks a case; the rest gives its numbers.  Properties checked:
 *   - Gregorian: lunar_gregorian gives a real date that lunar_jdn turns back into the same day,
 *     for every int; lunar_jdn normalises any month and day (month 13 is January, day 0 the day
 *     before the first) without overflow;
 *   - solar to lunar: inside [lunar_min_jdn(), lunar_max_jdn()] every day converts, to a day
 *     1..29/30 of a month that exists (a leap month only where the year has one), converts back to
 *     itself, and the next day is either the next day of the same month or day 1 of the next month;
 *     outside, LUNAR_OUT_OF_RANGE and the output untouched;
 *   - lunar to solar: any LunarDate either converts to a day that converts back to the same date,
 *     or fails with the first error in the documented order and leaves the day untouched;
 *   - the reckoning at UTC+7 by lunar_year_at agrees with the cached tables.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_input.h"
#include "lunar.h"

static void
check_gregorian(int32_t jdn)
{
	int			y,
				m,
				d;

	lunar_gregorian(jdn, &y, &m, &d);
	REQUIRE(m >= 1 && m <= 12 && d >= 1 && d <= 31);
	REQUIRE(lunar_jdn(y, m, d) == jdn);
	/* the day after, and the first of the month, by normalisation */
	if (jdn < INT_MAX)
		REQUIRE(lunar_jdn(y, m, d + 1) == jdn + 1);
	/* results below the int range saturate */
	REQUIRE(lunar_jdn(y, m, 1) == ((int64_t) jdn - (d - 1) < INT_MIN ? INT_MIN : jdn - (d - 1)));
	/* month 13 is January of the next year (away from the int edges, where sums saturate) */
	if (jdn > INT_MIN + 1000 && jdn < INT_MAX - 1000)
		REQUIRE(lunar_jdn(y, m + 12, d) == lunar_jdn(y + 1, m, d));
}

static void
check_from_solar(int32_t jdn)
{
	LunarDate	ld,
				next;
	int			back = 0;
	int			len;
	LunarStatus st;

	memset(&ld, 0x5a, sizeof(ld));
	st = lunar_from_solar(jdn, &ld);
	if (jdn < lunar_min_jdn() || jdn > lunar_max_jdn())
	{
		LunarDate	untouched;

		memset(&untouched, 0x5a, sizeof(untouched));
		REQUIRE(st == LUNAR_OUT_OF_RANGE && memcmp(&ld, &untouched, sizeof(ld)) == 0);
		return;
	}
	REQUIRE(st == LUNAR_OK);
	REQUIRE(ld.year >= LUNAR_MIN_YEAR && ld.year <= LUNAR_MAX_YEAR);
	REQUIRE(ld.month >= 1 && ld.month <= 12);
	REQUIRE(!ld.is_leap || lunar_leap_month(ld.year) == ld.month);
	len = lunar_month_days(ld.year, ld.month, ld.is_leap);
	REQUIRE(len == 29 || len == 30);
	REQUIRE(ld.day >= 1 && ld.day <= len);
	REQUIRE(lunar_to_solar(&ld, &back) == LUNAR_OK && back == jdn);

	/* the lunar year is named by the solar year its month 1 starts in */
	{
		LunarDate	first = {ld.year, 1, 1, false};
		int			fj,
					y,
					m,
					d;

		REQUIRE(lunar_to_solar(&first, &fj) == LUNAR_OK && fj <= jdn);
		lunar_gregorian(fj, &y, &m, &d);
		REQUIRE(y == ld.year && (m == 1 || (m == 2 && d <= 20)) && (m == 2 || d >= 21));
	}

	if (jdn == lunar_max_jdn())
		return;
	REQUIRE(lunar_from_solar(jdn + 1, &next) == LUNAR_OK);
	if (ld.day < len)
		REQUIRE(next.year == ld.year && next.month == ld.month && next.is_leap == ld.is_leap &&
				next.day == ld.day + 1);
	else
	{
		REQUIRE(next.day == 1);
		if (next.year == ld.year)
			REQUIRE((next.month == ld.month && next.is_leap && !ld.is_leap) ||
					(next.month == ld.month + 1 && !next.is_leap));
		else
			REQUIRE(next.year == ld.year + 1 && next.month == 1 && !next.is_leap && ld.month == 12);
	}
}

static void
check_to_solar(const LunarDate *in)
{
	int			jdn = -12345;
	LunarStatus st = lunar_to_solar(in, &jdn);
	LunarDate	back;
	int			len;

	if (in->year < LUNAR_MIN_YEAR || in->year > LUNAR_MAX_YEAR)
	{
		REQUIRE(st == LUNAR_OUT_OF_RANGE && jdn == -12345);
		REQUIRE(lunar_leap_month(in->year) == 0 && lunar_month_days(in->year, in->month, in->is_leap) == 0);
		return;
	}
	if (in->month < 1 || in->month > 12)
	{
		REQUIRE(st == LUNAR_BAD_MONTH && jdn == -12345);
		return;
	}
	if (in->is_leap && lunar_leap_month(in->year) != in->month)
	{
		REQUIRE(st == LUNAR_NO_SUCH_LEAP_MONTH && jdn == -12345);
		REQUIRE(lunar_month_days(in->year, in->month, true) == 0);
		return;
	}
	len = lunar_month_days(in->year, in->month, in->is_leap);
	REQUIRE(len == 29 || len == 30);
	if (in->day < 1 || in->day > len)
	{
		REQUIRE(st == LUNAR_BAD_DAY && jdn == -12345);
		return;
	}
	REQUIRE(st == LUNAR_OK);
	REQUIRE(jdn >= lunar_min_jdn() && jdn <= lunar_max_jdn());
	REQUIRE(lunar_from_solar(jdn, &back) == LUNAR_OK);
	REQUIRE(back.year == in->year && back.month == in->month && back.day == in->day &&
			back.is_leap == in->is_leap);
	REQUIRE(strcmp(lunar_status_text(st), "ok") == 0);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in = {data, size, 0};
	uint8_t		what = fuzz_u8(&in);

	switch (what % 6)
	{
		case 0:
			/* any int */
			check_gregorian(fuzz_i32(&in));
			check_from_solar(fuzz_i32(&in));
			break;
		case 1:
			{
				/* a day in or near the supported range */
				int32_t		jdn = (int32_t) fuzz_range(&in, lunar_min_jdn() - 40, lunar_max_jdn() + 40);

				check_gregorian(jdn);
				check_from_solar(jdn);
				break;
			}
		case 2:
			{
				/* any lunar date */
				LunarDate	ld;

				ld.year = fuzz_i32(&in);
				ld.month = fuzz_i32(&in);
				ld.day = fuzz_i32(&in);
				ld.is_leap = fuzz_u8(&in) & 1;
				check_to_solar(&ld);
				break;
			}
		case 3:
		case 4:
			{
				/* a lunar date near the valid ones */
				LunarDate	ld;

				ld.year = (int) fuzz_range(&in, LUNAR_MIN_YEAR - 2, LUNAR_MAX_YEAR + 2);
				ld.month = (int) fuzz_range(&in, -1, 14);
				ld.day = (int) fuzz_range(&in, -1, 32);
				ld.is_leap = fuzz_u8(&in) % 4 == 0;
				if (fuzz_u8(&in) % 2 == 0 && lunar_leap_month(ld.year) != 0)
				{
					ld.month = lunar_leap_month(ld.year);
					ld.is_leap = true;
				}
				check_to_solar(&ld);
				check_gregorian(lunar_jdn(ld.year, ld.month, ld.day));
				break;
			}
		case 5:
			{
				/* the uncached reckoning agrees with the tables at UTC+7, and rejects what it must */
				int			year = (int) fuzz_range(&in, LUNAR_MIN_YEAR - 2, LUNAR_MAX_YEAR + 2);
				int			offset = (int) fuzz_range(&in, -15 * 60, 15 * 60);
				int			first = -1,
							leap = -1;
				bool		ok;

				if (fuzz_u8(&in) % 2)
					offset = LUNAR_UTC_OFFSET_MINUTES;
				ok = lunar_year_at(year, offset, &first, &leap);
				REQUIRE(ok == (year >= LUNAR_MIN_YEAR && year <= LUNAR_MAX_YEAR &&
							   offset >= -14 * 60 && offset <= 14 * 60));
				if (!ok)
				{
					REQUIRE(first == -1 && leap == -1);
					break;
				}
				REQUIRE(leap >= 0 && leap <= 12);
				if (offset == LUNAR_UTC_OFFSET_MINUTES)
				{
					LunarDate	d1 = {year, 1, 1, false};
					int			j;

					REQUIRE(lunar_to_solar(&d1, &j) == LUNAR_OK && j == first);
					REQUIRE(leap == lunar_leap_month(year));
				}
				break;
			}
	}
	return 0;
}
