/*
 * deadline.c: due dates of dossiers (domain rules of Decree 61/2018 and the Civil Code 2015).
 *
 * Every rule below is one of the documented policies (doc/deadline.md):
 *  - A receipt outside working time (evening, weekend, holiday, online at night) counts as made at
 *    the first working moment of the next working day [sector rules].
 *  - Civil Code counting (default): for periods in days the day of receipt is not counted
 *    (Art. 147(2)); N working days end on the N-th working day after it; N calendar days end on
 *    receipt day + N, moved to the next working day when that is a day off (Art. 148(5)); the
 *    period ends at the end of its last day, read as the end of working time or, by setting, 24:00
 *    (Art. 148(1), (6)).  Periods in hours start at the stated moment (Art. 147(1)).
 *  - Working-time counting [practice]: N working days end at the same time of day on the N-th
 *    following working day; calendar days likewise at the same time of day.
 *  - Working hours count working time only; plain hours count elapsed time (domain.md §7).
 *  - Same-day terms: due at the end of the receipt day; with a cut-off (Luật Hộ tịch Art. 5(3),
 *    Decree 23/2015 Art. 7: 15:00), a receipt after it is due the next working day.
 */
#include "deadline.h"

static int64_t
day_end(const Calendar *cal, int32_t day, const DeadlinePolicy *policy)
{
	if (policy->end_of_day)
		return cal_instant_at(cal, day, CAL_USECS_PER_DAY);
	return cal_end_of_work(cal, day);
}

CalStatus
deadline_compute(const Calendar *cal, int64_t received, const Term *term,
				 const DeadlinePolicy *policy, Deadline *out)
{
	int32_t		day;
	int64_t		time_of_day;
	int64_t		due;
	bool		whole_days = policy->counting == DEADLINE_CIVIL_CODE;

	if (cal_first_working_moment(cal, received, &out->start) != CAL_OK ||
		cal_local_day(cal, out->start, &day, &time_of_day) != CAL_OK)
		return CAL_OUT_OF_RANGE;

	switch ((TermUnit) term->unit)
	{
		case TERM_WORKING_DAYS:
			if (cal_add_days(cal, day, term->amount, &out->due_day) != CAL_OK)
				return CAL_OUT_OF_RANGE;
			out->due_at = whole_days ? day_end(cal, out->due_day, policy) :
				cal_instant_at(cal, out->due_day, time_of_day);
			return CAL_OK;

		case TERM_DAYS:
			if (!cal_covers(cal, (int64_t) day + term->amount) ||
				cal_add_days(cal, day + term->amount, 0, &out->due_day) != CAL_OK)
				return CAL_OUT_OF_RANGE;
			out->due_at = whole_days ? day_end(cal, out->due_day, policy) :
				cal_instant_at(cal, out->due_day, time_of_day);
			return CAL_OK;

		case TERM_WORKING_HOURS:
			if (cal_add_time(cal, received, term->amount * 60 * CAL_USECS_PER_MINUTE, &due) != CAL_OK)
				return CAL_OUT_OF_RANGE;
			break;

		case TERM_HOURS:
			due = received + term->amount * 60 * CAL_USECS_PER_MINUTE;
			break;

		case TERM_SAME_DAY:
			out->due_day = day;
			if (policy->cutoff >= 0 && time_of_day > policy->cutoff &&
				cal_add_days(cal, day, 1, &out->due_day) != CAL_OK)
				return CAL_OUT_OF_RANGE;
			out->due_at = day_end(cal, out->due_day, policy);
			return CAL_OK;

		default:
			return CAL_OUT_OF_RANGE;
	}

	/* periods in hours end at an instant; the due day is that instant's local day */
	out->due_at = due;
	if (cal_local_day(cal, due, &out->due_day, &time_of_day) != CAL_OK)
		return CAL_OUT_OF_RANGE;
	return CAL_OK;
}
