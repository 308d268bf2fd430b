/*
 * calendar_fuzz.c: libFuzzer harness for the calendar arithmetic (src/calendar.c) and the due
 * dates computed on it (src/deadline.c).
 *
 * The input builds a calendar through the pure core as the extension's compiler does (first day,
 * up to 8 session patterns, a pattern and a UTC offset per day, then cal_build_index on an
 * exact-size heap block), keeps it only if its sessions are in chronological order (as every
 * calendar of a real time zone is), then asks questions whose numbers come from the rest of the
 * input.  Properties checked:
 *   - days: the n-th working day after a day is a working day, n working days away by
 *     cal_days_between, and increases with n; cal_days_between is antisymmetric;
 *   - local days: cal_local_day and cal_instant_at are inverse, the time of day within the day;
 *   - instants: the position on the working-time axis does not decrease with time;
 *     cal_time_between is antisymmetric; t plus x of working time is x of working time away, later
 *     for x > 0 (earlier for x < 0), and the earliest (latest) such instant;
 *     cal_first_working_moment is a working moment at or after t with no working time between;
 *   - due dates: a due instant is not before the receipt (after it, except for same-day terms), its
 *     day is a working day for day-based terms, and under Civil Code counting a later receipt is
 *     never due earlier.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "deadline.h"
#include "fuzz_calendar.h"
#include "fuzz_input.h"

static bool
working(int32_t day)
{
	return cal_is_working(&cal, day);
}

static void
check_days(FuzzInput *in)
{
	int32_t		day = cal.first + (int32_t) fuzz_range(in, 0, cal.ndays - 1);
	int32_t		other = cal.first + (int32_t) fuzz_range(in, 0, cal.ndays - 1);
	int32_t		n = (int32_t) fuzz_range(in, -cal.ndays - 2, cal.ndays + 2);
	int32_t		r,
				r2,
				between,
				back;

	if (fuzz_u8(in) % 8 == 0)
		n = fuzz_i32(in);
	REQUIRE(cal_days_between(&cal, day, other, &between) == CAL_OK);
	REQUIRE(cal_days_between(&cal, other, day, &back) == CAL_OK && back == -between);
	REQUIRE(cal_days_between(&cal, day, day, &back) == CAL_OK && back == 0);
	REQUIRE(cal_days_between(&cal, cal.first - 1, day, &back) == CAL_OUT_OF_RANGE);
	REQUIRE(cal_add_days(&cal, cal.first + cal.ndays, 0, &r) == CAL_OUT_OF_RANGE);

	if (cal_add_days(&cal, day, n, &r) != CAL_OK)
		return;
	REQUIRE(cal_covers(&cal, r) && working(r));
	REQUIRE(cal_days_between(&cal, day, r, &between) == CAL_OK);
	if (n > 0)
		REQUIRE(r > day && between == n);
	else if (n < 0)
		REQUIRE(r < day && between == -(-n - 1 + working(day)));
	else
		REQUIRE(r >= day && between == !working(day) && (r == day) == working(day));
	/* one more working day is strictly later (0 and 1 from a day off both give the next one) */
	if (n < INT32_MAX && cal_add_days(&cal, day, n + 1, &r2) == CAL_OK)
		REQUIRE(n == 0 && !working(day) ? r2 == r : r2 > r);
}

static void
check_time(FuzzInput *in)
{
	int64_t		t = pick_instant(in);
	int64_t		t2 = pick_instant(in);
	int64_t		x = fuzz_u8(in) % 4 == 0 ? fuzz_i64(in) :
		(int64_t) fuzz_i32(in) * (fuzz_u8(in) % 2 ? 1 : 1000);
	int32_t		day;
	int64_t		usec,
				pos,
				pos2,
				r,
				d,
				d2;

	if (cal_local_day(&cal, t, &day, &usec) != CAL_OK)
	{
		REQUIRE(t < midnight(0) || t >= midnight(cal.ndays));
		REQUIRE(cal_position(&cal, t, &pos) == CAL_OUT_OF_RANGE);
		REQUIRE(cal_add_time(&cal, t, x, &r) == CAL_OUT_OF_RANGE);
		REQUIRE(cal_first_working_moment(&cal, t, &r) == CAL_OUT_OF_RANGE);
		return;
	}
	REQUIRE(cal_covers(&cal, day) && usec >= 0);
	REQUIRE(cal_instant_at(&cal, day, usec) == t);
	REQUIRE(t < cal_instant_at(&cal, day, 0) + (midnight(day - cal.first + 1) - midnight(day - cal.first)));
	REQUIRE(cal_position(&cal, t, &pos) == CAL_OK && pos >= 0);
	/* a position before the range has no instant (no overflow on the way, even at the edge) */
	REQUIRE(cal_instant_earliest(&cal, x < 0 ? x : INT64_MIN, &r) == CAL_OUT_OF_RANGE);
	REQUIRE(cal_instant_latest(&cal, x < 0 ? x : INT64_MIN, &r) == CAL_OUT_OF_RANGE);

	/* positions do not decrease with time; between is their difference, antisymmetric */
	if (cal_position(&cal, t2, &pos2) == CAL_OK)
	{
		REQUIRE(t2 < t ? pos2 <= pos : t2 > t ? pos2 >= pos : pos2 == pos);
		REQUIRE(cal_time_between(&cal, t, t2, &d) == CAL_OK && d == pos2 - pos);
		REQUIRE(cal_time_between(&cal, t2, t, &d2) == CAL_OK && d2 == -d);
	}

	/* first working moment */
	if (cal_first_working_moment(&cal, t, &r) == CAL_OK)
	{
		REQUIRE(r >= t && clock_is_working_moment(&cal, r));
		REQUIRE(cal_time_between(&cal, t, r, &d) == CAL_OK && d == 0);
	}
	else
		REQUIRE(pos == (int64_t) cal_cum_minutes(&cal, cal.ndays) * U);

	/* adding working time */
	if (cal_add_time(&cal, t, x, &r) != CAL_OK)
	{
		/* only a sum that leaves the covered working time fails */
		int64_t		target;

		REQUIRE(x != 0);
		REQUIRE(__builtin_add_overflow(pos, x, &target) ||
				(x > 0 ? target > (int64_t) cal_cum_minutes(&cal, cal.ndays) * U : target < 0) ||
				(x > 0 && target == (int64_t) cal_cum_minutes(&cal, cal.ndays) * U) == false);
		return;
	}
	if (x == 0)
	{
		REQUIRE(r == t);
		return;
	}
	REQUIRE(cal_time_between(&cal, t, r, &d) == CAL_OK && d == x);
	if (x > 0)
	{
		REQUIRE(r > t);
		/* the earliest: a microsecond before, the work is not done */
		REQUIRE(cal_time_between(&cal, t, r - 1, &d) == CAL_OK && d == x - 1);
	}
	else
	{
		REQUIRE(r < t);
		/* the latest: a microsecond after, working time has passed (or the range ends) */
		if (cal_time_between(&cal, t, r + 1, &d) == CAL_OK)
			REQUIRE(d == x + 1);
	}
}

static void
check_deadline(FuzzInput *in)
{
	Term		term;
	DeadlinePolicy pol;
	Deadline	a,
				b;
	int64_t		t = pick_instant(in);
	int64_t		t2;
	CalStatus	sa,
				sb;
	bool		day_based;

	if (__builtin_add_overflow(t, (int64_t) fuzz_u16(in) * U * (fuzz_u8(in) % 4 == 0 ? 60 : 1), &t2))
		t2 = INT64_MAX;
	term.unit = fuzz_u8(in) % (TERM_UNIT_LAST + 1);
	term.amount = term.unit == TERM_SAME_DAY ? 0 :
		(int32_t) (fuzz_u8(in) % 2 ? fuzz_range(in, 1, 40) : fuzz_range(in, 1, TERM_MAX_AMOUNT));
	REQUIRE(term_is_valid(&term));
	pol.counting = fuzz_u8(in) % 2 ? DEADLINE_WORKING_TIME : DEADLINE_CIVIL_CODE;
	pol.cutoff = fuzz_u8(in) % 2 ? -1 : (int64_t) fuzz_range(in, 0, 1440) * U;
	pol.end_of_day = fuzz_u8(in) & 1;
	pol.deem_receipt = fuzz_u8(in) & 1;
	day_based = term.unit != TERM_HOURS && term.unit != TERM_WORKING_HOURS;

	sa = deadline_compute(&cal, t, &term, &pol, &a);
	if (sa != CAL_OK)
		return;
	REQUIRE(term.unit == TERM_SAME_DAY ? a.due_at >= t : a.due_at > t);
	REQUIRE(a.start >= t);
	REQUIRE(cal_covers(&cal, a.due_day));
	if (day_based)
		REQUIRE(working(a.due_day));
	if (term.unit == TERM_HOURS)
		REQUIRE(a.due_at - t == (int64_t) term.amount * 60 * U);
	if (term.unit == TERM_WORKING_HOURS)
	{
		int64_t		d;

		REQUIRE(cal_time_between(&cal, t, a.due_at, &d) == CAL_OK && d == (int64_t) term.amount * 60 * U);
	}

	/* Civil Code counting: a later receipt is never due earlier */
	sb = deadline_compute(&cal, t2, &term, &pol, &b);
	if (sb == CAL_OK && (pol.counting == DEADLINE_CIVIL_CODE || !day_based))
		REQUIRE(b.due_at >= a.due_at);
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in = {data, size, 0};

	if (!build(&in))
	{
		destroy();
		return 0;
	}
	/* the questions use what the calendar left of the input, a few times over */
	for (int k = 0; k < 8; k++)
	{
		check_days(&in);
		check_time(&in);
		check_deadline(&in);
	}
	destroy();
	return 0;
}
