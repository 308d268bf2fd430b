/*
 * clock.c: the time-limit clock of a dossier (doc/dossier.md, "The clock").
 *
 * Sources, each also in doc/legal-basis.md:
 *  - Decree 61/2018/NĐ-CP Art. 17(1): the clock starts when a complete, valid dossier is accepted.
 *  - Art. 19(4): a supplement request within 3 working days of receipt returns the dossier, and the
 *    time limit restarts from zero once it is complete (RESTART, the default) or resumes what was
 *    left (PAUSE) [law; practice].  Arts. 15(3), 17(2)(a): the applicant is told once, in full, what
 *    to supplement, so a request after the window, or a second request, is the agency's own delay and
 *    never restarts the limit: it pauses it at most [law, reading].
 *  - Waiting for fees or taxes stops the clock [practice].
 *  - Art. 19(9): no later than one day before the due date the agency apologises in writing and
 *    proposes a new time; the return may be re-scheduled at most once.  The new appointment does not
 *    make the dossier timely: lateness is scored against the legal due (Circular 01/2018/TT-VPCP
 *    Art. 13: 2 early, 1 on time, 0 late).
 */
#include "clock.h"

/* the local day a due instant belongs to: 24:00 ends the day before */
static ClockStatus
due_day(const Calendar *cal, int64_t due, int32_t *day)
{
	int64_t		usec;

	return cal_local_day(cal, due - 1, day, &usec) == CAL_OK ? CLOCK_OK : CLOCK_OUT_OF_RANGE;
}

/* terms counted on working days (the others move with calendar days) */
static bool
counts_working_days(int32_t unit)
{
	return unit == TERM_WORKING_DAYS || unit == TERM_SAME_DAY;
}

void
clock_init(Clock *c)
{
	c->kind = CLOCK_NOT_STARTED;
	c->received = c->started = CLOCK_NO_INSTANT;
	c->legal_due = c->appointment = CLOCK_NO_INSTANT;
	c->paused_at = c->paused_legal_due = c->paused_appointment = c->remaining = CLOCK_NO_INSTANT;
	c->extended = false;
	c->extended_at = CLOCK_NO_INSTANT;
	c->apology_late = false;
	c->supplements = c->supplements_late = c->supplements_repeated = 0;
}

ClockStatus
clock_start(Clock *c, const Calendar *cal, const ClockPolicy *p, int64_t t)
{
	Deadline	d;

	if (deadline_compute(cal, t, &p->term, &p->deadline, &d) != CAL_OK)
		return CLOCK_OUT_OF_RANGE;
	c->kind = CLOCK_RUNNING;
	if (c->received == CLOCK_NO_INSTANT)
		c->received = t;
	c->started = t;
	c->legal_due = c->appointment = d.due_at;
	return CLOCK_OK;
}

static ClockStatus
pause_at(Clock *c, const Calendar *cal, int64_t t, bool restart)
{
	int64_t		left = 0;

	if (c->kind != CLOCK_RUNNING)
		return CLOCK_NOT_RUNNING;
	if (!restart && cal_time_between(cal, t, c->legal_due, &left) != CAL_OK)
		return CLOCK_OUT_OF_RANGE;
	c->kind = CLOCK_PAUSED;
	c->paused_at = t;
	c->paused_legal_due = restart ? CLOCK_NO_INSTANT : c->legal_due;
	c->paused_appointment = c->appointment;
	c->remaining = restart ? CLOCK_NO_INSTANT : left;
	c->legal_due = c->appointment = CLOCK_NO_INSTANT;
	return CLOCK_OK;
}

ClockStatus
clock_request_supplement(Clock *c, const Calendar *cal, const ClockPolicy *p, int64_t t,
						 SupplementKind *kind)
{
	DeadlinePolicy wp = p->deadline;
	Deadline	window;
	ClockStatus st;

	if (c->kind != CLOCK_RUNNING)
		return CLOCK_NOT_RUNNING;
	/* the window is whole days from receipt, the receipt day not counted (Civil Code Art. 147(2)) */
	wp.counting = DEADLINE_CIVIL_CODE;
	wp.cutoff = -1;
	if (deadline_compute(cal, c->received, &p->window, &wp, &window) != CAL_OK)
		return CLOCK_OUT_OF_RANGE;
	if (c->supplements > 0)
		*kind = SUPPLEMENT_REPEATED;
	else if (t > window.due_at)
		*kind = SUPPLEMENT_LATE;
	else
		*kind = SUPPLEMENT_IN_WINDOW;
	st = pause_at(c, cal, t, *kind == SUPPLEMENT_IN_WINDOW && p->restart);
	if (st != CLOCK_OK)
		return st;
	c->supplements++;
	c->supplements_late += *kind == SUPPLEMENT_LATE;
	c->supplements_repeated += *kind == SUPPLEMENT_REPEATED;
	return CLOCK_OK;
}

ClockStatus
clock_pause(Clock *c, const Calendar *cal, int64_t t)
{
	return pause_at(c, cal, t, false);
}

ClockStatus
clock_resumed_due(const Calendar *cal, const ClockPolicy *p, int64_t paused_at, int64_t paused_due,
				  int64_t remaining, int64_t resumed_at, int64_t *due)
{
	int32_t		old_day,
				paused_day,
				resumed_day,
				new_day,
				shift;
	int64_t		usec,
				old_time;

	switch (p->term.unit)
	{
		case TERM_WORKING_HOURS:
			return cal_add_time(cal, resumed_at, remaining, due) == CAL_OK ? CLOCK_OK : CLOCK_OUT_OF_RANGE;
		case TERM_HOURS:
			*due = paused_due + (resumed_at - paused_at);
			/* the answer must stay inside the calendar, and so inside timestamptz */
			return cal_local_day(cal, *due, &new_day, &usec) == CAL_OK ? CLOCK_OK : CLOCK_OUT_OF_RANGE;
		default:
			break;
	}
	if (due_day(cal, paused_due, &old_day) != CLOCK_OK ||
		cal_local_day(cal, paused_at, &paused_day, &usec) != CAL_OK ||
		cal_local_day(cal, resumed_at, &resumed_day, &usec) != CAL_OK)
		return CLOCK_OUT_OF_RANGE;
	if (counts_working_days(p->term.unit))
	{
		if (cal_days_between(cal, paused_day, resumed_day, &shift) != CAL_OK ||
			cal_add_days(cal, old_day, shift, &new_day) != CAL_OK)
			return CLOCK_OUT_OF_RANGE;
	}
	else if (!cal_covers(cal, (int64_t) old_day + resumed_day - paused_day) ||
			 cal_add_days(cal, old_day + resumed_day - paused_day, 0, &new_day) != CAL_OK)
		return CLOCK_OUT_OF_RANGE;

	/*
	 * A day ends as the time limit's days end: at the end of that day's work (a Saturday with
	 * morning reception ends at 11:30), or 24:00.  Working-time counting keeps the hour, within the
	 * new day's work.
	 */
	*due = deadline_day_end(cal, new_day, &p->deadline);
	if (p->deadline.counting == DEADLINE_WORKING_TIME)
	{
		old_time = cal_instant_at(cal, new_day, paused_due - cal_instant_at(cal, old_day, 0));
		if (old_time < *due)
			*due = old_time;
	}
	return CLOCK_OK;
}

ClockStatus
clock_resume(Clock *c, const Calendar *cal, const ClockPolicy *p, int64_t t)
{
	ClockStatus st;
	int64_t		left;

	if (c->kind != CLOCK_PAUSED)
		return CLOCK_NOT_RUNNING;
	if (c->paused_legal_due == CLOCK_NO_INSTANT)
	{
		/* Art. 19(4): the time limit restarts from zero */
		int64_t		appointment = c->paused_appointment;

		st = clock_start(c, cal, p, t);
		if (st != CLOCK_OK)
			return st;
		if (c->extended && appointment > c->appointment)
			c->appointment = appointment;
	}
	else
	{
		/* computed aside: a resumption that fails leaves the paused clock as it was */
		int64_t		legal_due,
					appointment;

		st = clock_resumed_due(cal, p, c->paused_at, c->paused_legal_due, c->remaining, t,
							   &legal_due);
		if (st != CLOCK_OK)
			return st;
		appointment = legal_due;
		if (c->extended)
		{
			if (cal_time_between(cal, c->paused_at, c->paused_appointment, &left) != CAL_OK)
				return CLOCK_OUT_OF_RANGE;
			st = clock_resumed_due(cal, p, c->paused_at, c->paused_appointment, left, t,
								   &appointment);
			if (st != CLOCK_OK)
				return st;

			/*
			 * The new appointment follows the apology for lateness, so it never precedes the
			 * legal due (Decree 61/2018 Art. 19(9)).  Each instant keeps its own time of day
			 * within its new day's work: an appointment just after a due at the end of work
			 * could otherwise land before it.
			 */
			if (appointment < legal_due)
				appointment = legal_due;
		}
		c->legal_due = legal_due;
		c->appointment = appointment;
		c->kind = CLOCK_RUNNING;
	}
	c->paused_at = c->paused_legal_due = c->paused_appointment = c->remaining = CLOCK_NO_INSTANT;
	return CLOCK_OK;
}

bool
clock_is_working_moment(const Calendar *cal, int64_t t)
{
	int32_t		day;
	int64_t		usec;
	const CalPattern *pat;

	if (cal_local_day(cal, t, &day, &usec) != CAL_OK)
		return false;
	pat = &cal->patterns[cal->pattern[day - cal->first]];
	for (int i = 0; i < pat->nsessions; i++)
		if (usec >= pat->s[i].start * CAL_USECS_PER_MINUTE && usec <= pat->s[i].end * CAL_USECS_PER_MINUTE)
			return true;
	return false;
}

ClockStatus
clock_apology_deadline(const Calendar *cal, const ClockPolicy *p, int64_t legal_due, int64_t *deadline)
{
	int32_t		day,
				before;
	int64_t		start,
				end_before;

	if (due_day(cal, legal_due, &day) != CLOCK_OK)
		return CLOCK_OUT_OF_RANGE;
	start = cal_instant_at(cal, day, 0);
	if (p->apology_day == APOLOGY_CALENDAR_DAY)
	{
		/* the whole calendar day before the due day: until the due day's 00:00 */
		*deadline = start;
		return CLOCK_OK;
	}
	if (cal_add_days(cal, day, -1, &before) != CAL_OK)
		return CLOCK_OUT_OF_RANGE;

	/*
	 * The end of the working day before, when the due day begins at the latest: read at the day
	 * before's own UTC offset, its 24:00 falls after the due day's 00:00 where the offset grows
	 * overnight, and could follow a due early on the due day.
	 */
	end_before = deadline_day_end(cal, before, &p->deadline);
	*deadline = end_before < start ? end_before : start;
	return CLOCK_OK;
}

ClockStatus
clock_extend(Clock *c, const Calendar *cal, const ClockPolicy *p, int64_t t, int64_t appointment,
			 const Term *by)
{
	int64_t		apology;

	if (c->kind != CLOCK_RUNNING)
		return CLOCK_NOT_RUNNING;
	if (c->extended)
		return CLOCK_ALREADY_EXTENDED;
	if (appointment == CLOCK_NO_INSTANT)
	{
		/*
		 * A term counted from the current appointment as from a receipt on its day (Civil Code
		 * Art. 147(2)): days from its due day, hours from its instant.
		 */
		DeadlinePolicy ep = p->deadline;
		Deadline	d;
		bool		hours = by->unit == TERM_WORKING_HOURS || by->unit == TERM_HOURS;

		ep.counting = DEADLINE_CIVIL_CODE;
		ep.cutoff = -1;
		ep.deem_receipt = false;
		if (deadline_compute(cal, hours ? c->appointment : c->appointment - 1, by, &ep, &d) != CAL_OK)
			return CLOCK_OUT_OF_RANGE;
		appointment = d.due_at;
	}
	else
	{
		int32_t		day;
		int64_t		usec;

		if (cal_local_day(cal, appointment, &day, &usec) != CAL_OK)
			return CLOCK_OUT_OF_RANGE;
		if (!clock_is_working_moment(cal, appointment))
			return CLOCK_NOT_WORKING_MOMENT;
	}
	if (appointment <= c->appointment)
		return CLOCK_NOT_LATER;
	if (clock_apology_deadline(cal, p, c->legal_due, &apology) != CLOCK_OK)
		return CLOCK_OUT_OF_RANGE;
	c->appointment = appointment;
	c->extended = true;
	c->extended_at = t;
	c->apology_late = t > apology;
	return CLOCK_OK;
}

ClockStatus
clock_outcome(const Calendar *cal, int64_t t, int64_t due, ClockOutcome *out)
{
	int32_t		day,
				dday;
	int64_t		usec;

	if (cal_local_day(cal, t, &day, &usec) != CAL_OK || due_day(cal, due, &dday) != CLOCK_OK)
		return CLOCK_OUT_OF_RANGE;
	if (t > due)
		*out = OUTCOME_LATE;
	else if (day < dday)
		*out = OUTCOME_EARLY;
	else
		*out = OUTCOME_ON_TIME;
	return CLOCK_OK;
}

ClockStatus
clock_score(const Clock *c, const Calendar *cal, int64_t t, ClockOutcome *out)
{
	*out = OUTCOME_NONE;
	switch (c->kind)
	{
		case CLOCK_RUNNING:
			return clock_outcome(cal, t, c->legal_due, out);
		case CLOCK_PAUSED:
			/* a pending restart cannot be late; a pause keeps the lateness it had */
			if (c->paused_legal_due == CLOCK_NO_INSTANT)
			{
				*out = OUTCOME_ON_TIME;
				return CLOCK_OK;
			}
			return clock_outcome(cal, c->paused_at, c->paused_legal_due, out);
		default:
			return CLOCK_OK;
	}
}

void
clock_stop(Clock *c)
{
	if (c->kind == CLOCK_NOT_STARTED || c->kind == CLOCK_STOPPED)
		return;
	if (c->kind == CLOCK_PAUSED)
	{
		/* the due instants it had when it paused stay on record */
		if (c->paused_legal_due != CLOCK_NO_INSTANT)
			c->legal_due = c->paused_legal_due;
		c->appointment = c->paused_appointment;
		c->paused_at = c->paused_legal_due = c->paused_appointment = c->remaining = CLOCK_NO_INSTANT;
	}
	c->kind = CLOCK_STOPPED;
}
