/*
 * deadline.c: due dates of dossiers (domain rules of Decree 61/2018 and the Civil Code 2015).
 *
 * Every rule below is one of the documented policies (doc/deadline.md):
 *  - Receipt outside working time (evening, weekend, holiday): by default the Civil Code alone
 *    applies, with no deeming: the day of receipt is not counted, whatever its hour (Art. 147(2)).
 *    The sector rules that deem such a receipt made at the first working moment of the next working
 *    day (State Treasury Circular 87/2021 Art. 10; Customs Decision 2988/QĐ-TCHQ Art. 7(5)) are the
 *    policy deem_receipt.  Working-time counting always starts at the first working moment, since
 *    time outside the sessions does not count in the practice it models.
 *  - Civil Code counting (default): for periods in days the day of receipt is not counted
 *    (Art. 147(2)); N working days end on the N-th working day after it; N calendar days end on
 *    receipt day + N; N weeks on the corresponding day of the last week (Art. 148(2)); N months on
 *    the corresponding day of the last month, or its last day when it has none (Art. 148(3)); N
 *    years likewise (Art. 148(4)); a last day that is not a working day moves to the next working
 *    day (Art. 148(5)).  The period ends at the end of its last day, read as the end of working
 *    time or, by setting, 24:00 (Art. 148(1), (6)).  Periods in hours start at the stated moment
 *    (Art. 147(1)).
 *  - Working-time counting [practice]: periods in days, weeks, months and years end on the same due
 *    day at the time of day of the (first working moment of the) receipt.
 *  - Working hours count working time only; plain hours count elapsed time (doc/legal-basis.md: no national rule says so [open]).
 *  - Same-day terms: due at the end of the day of the first working moment at or after the
 *    receipt (a receipt on a day off or after closing is due the next working day); with a cut-off
 *    (Luật Hộ tịch Art. 5(3), Decree 23/2015 Art. 7: 15:00), a receipt after it is due the next
 *    working day.
 */
#include "deadline.h"

int64_t
deadline_day_end(const Calendar *cal, int32_t day, const DeadlinePolicy *policy)
{
	if (policy->end_of_day)
		return cal_instant_at(cal, day, CAL_USECS_PER_DAY);
	return cal_end_of_work(cal, day);
}

/* Days since 2000-01-01 (PostgreSQL's date) from a proleptic Gregorian date, and back. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era;
	int64_t		yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 730425;	/* 730425: 2000-01-01 from 0000-03-01 */
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t		era,
				doe,
				yoe,
				doy,
				mp;

	z += 730425;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * The day corresponding to `day` n months later: the same day of the month, or the last day of
 * the month when it is shorter (Civil Code 2015 Art. 148(3), (4)).
 */
static int64_t
add_months(int32_t day, int64_t n)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t		y;
	int			m,
				d,
				last;
	int64_t		months;

	civil_from_days(day, &y, &m, &d);
	months = y * 12 + (m - 1) + n;
	y = months / 12;
	m = (int) (months % 12) + 1;
	last = mdays[m - 1] + (m == 2 && is_leap(y));
	return days_from_civil(y, m, d < last ? d : last);
}

CalStatus
deadline_compute(const Calendar *cal, int64_t received, const Term *term,
				 const DeadlinePolicy *policy, Deadline *out)
{
	int32_t		day;
	int64_t		time_of_day;
	int64_t		first;
	int64_t		due;
	int64_t		last;
	bool		whole_days = policy->counting == DEADLINE_CIVIL_CODE;

	if (cal_first_working_moment(cal, received, &first) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	/* the day of receipt, or under deeming and working time the day of the first working moment */
	out->start = (whole_days && !policy->deem_receipt) ? received : first;
	if (cal_local_day(cal, out->start, &day, &time_of_day) != CAL_OK)
		return CAL_OUT_OF_RANGE;

	switch ((TermUnit) term->unit)
	{
		case TERM_WORKING_DAYS:
			if (cal_add_days(cal, day, term->amount, &out->due_day) != CAL_OK)
				return CAL_OUT_OF_RANGE;
			out->due_at = whole_days ? deadline_day_end(cal, out->due_day, policy) :
				cal_instant_at(cal, out->due_day, time_of_day);
			return CAL_OK;

		case TERM_DAYS:
			last = (int64_t) day + term->amount;
			break;

		case TERM_WEEKS:
			/* the corresponding day of the last week: Art. 148(2) */
			last = (int64_t) day + (int64_t) 7 * term->amount;
			break;

		case TERM_MONTHS:
			last = add_months(day, term->amount);
			break;

		case TERM_YEARS:
			last = add_months(day, (int64_t) 12 * term->amount);
			break;

		case TERM_WORKING_HOURS:
			/* working time from the receipt instant: time outside sessions never counts */
			if (cal_add_time(cal, received, term->amount * 60 * CAL_USECS_PER_MINUTE, &due) != CAL_OK)
				return CAL_OUT_OF_RANGE;
			goto instant;

		case TERM_HOURS:
			due = received + term->amount * 60 * CAL_USECS_PER_MINUTE;
			goto instant;

		case TERM_SAME_DAY:
			/* the day of the first working moment: a day off or after closing gives the next one */
			if (cal_local_day(cal, first, &out->due_day, &time_of_day) != CAL_OK)
				return CAL_OUT_OF_RANGE;
			if (policy->cutoff >= 0 && time_of_day > policy->cutoff &&
				cal_add_days(cal, out->due_day, 1, &out->due_day) != CAL_OK)
				return CAL_OUT_OF_RANGE;
			out->due_at = deadline_day_end(cal, out->due_day, policy);
			return CAL_OK;

		default:
			return CAL_OUT_OF_RANGE;
	}

	/* a period of calendar days, weeks, months or years: a last day off moves on (Art. 148(5)) */
	if (!cal_covers(cal, last) || cal_add_days(cal, (int32_t) last, 0, &out->due_day) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	out->due_at = whole_days ? deadline_day_end(cal, out->due_day, policy) :
		cal_instant_at(cal, out->due_day, time_of_day);
	return CAL_OK;

instant:
	/* periods in hours end at an instant; the due day is that instant's local day */
	out->due_at = due;
	if (cal_local_day(cal, due, &out->due_day, &time_of_day) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	return CAL_OK;
}
